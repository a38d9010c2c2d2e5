/**
 * The workers that hash files (lib/hash/sha256.worker.ts). A new one takes ~0.1 s before its first byte is hashed
 * (its scripts, a V8 isolate, building and compiling the WebAssembly, V8 optimizing it on first use: the bench's
 * 1 MiB file took 0.11 s cold, 0.04 s warm) and costs the tab several MiB while it lives. So one is started ahead
 * ("warm") only when the user heads for a file input (pointer over it, focus, a file dragged in), and a hash takes
 * that one if there is one (one nobody takes within WARM_WORKER_IDLE_MS is ended). Each worker hashes one file and
 * is then terminated: a cancelled hash stops reading at once, and the memory goes back.
 */

/** A warm worker nobody takes within this long is ended: the pointer passed over the zone and no file followed. */
export const WARM_WORKER_IDLE_MS = 60_000;

let warm: Worker | null = null;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/** Forgets the waiting worker (without ending it) and its idle timer. */
function release(): Worker | null {
  clearTimeout(idleTimer);
  const worker = warm;
  warm = null;
  return worker;
}

function spawnHashWorker(): Worker {
  // Written inline in exactly this shape so the bundler emits the worker as its own chunk.
  return new Worker(new URL("./sha256.worker.ts", import.meta.url), { type: "module" });
}

/** Starts the worker for the next hash, unless one is waiting already. Cheap to call on every pointer move. */
export function warmHashWorker(): void {
  if (warm || typeof Worker === "undefined") return;
  let worker: Worker;
  try {
    worker = spawnHashWorker();
  } catch {
    return; // Not startable here (a blocked script origin): the hash tries again and reports the error itself.
  }
  // One that fails to start while waiting is dropped; the hash then starts its own and reports that one's error.
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    if (warm === worker) release();
  };
  warm = worker;
  idleTimer = setTimeout(dropWarmHashWorker, WARM_WORKER_IDLE_MS);
}

/** The warm worker, or a new one; the caller owns it (replaces its handlers, terminates it). */
export function takeHashWorker(): Worker {
  return release() ?? spawnHashWorker();
}

/** Ends the waiting worker, if any (the page that wanted it is gone, or nobody took it in time). */
export function dropWarmHashWorker(): void {
  release()?.terminate();
}
