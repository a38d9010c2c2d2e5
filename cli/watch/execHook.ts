// The --exec hook: `sh -c CMD` for each event, in a process group of its own.
import { spawn } from "node:child_process";
import type { Hook, HookEvent, HookResult } from "./delivery";

/** A hook told to stop (SIGTERM to its group) is killed (SIGKILL) this long after if anything of it is left. */
export const KILL_AFTER_MS = 2_000;

/** The process groups of hooks that were told to stop and may still have members: killed if the watcher exits first. */
const stopping = new Set<number>();
let killOnExit = false;

/** Signals a whole process group; an empty group (ESRCH) is already what we want. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Once: whatever a stopped hook left is killed when the watcher exits, however it exits (short of SIGKILL). */
function killStragglersOnExit(): void {
  if (killOnExit) return;
  killOnExit = true;
  process.on("exit", () => stopping.forEach((pgid) => signalGroup(pgid, "SIGKILL")));
}

/** The event in the hook's environment: the JSON line and its main fields (its chain; an escrow event's escrowId too). */
export function hookEnvironment(event: HookEvent): NodeJS.ProcessEnv {
  const { entry } = event;
  const escrowId = "escrowId" in entry.args ? entry.args.escrowId : undefined;
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    INTEGRA_EVENT: event.line,
    INTEGRA_EVENT_TYPE: event.type,
    INTEGRA_EVENT_NAME: entry.eventName,
    INTEGRA_CHAIN_ID: String(event.chainId),
    INTEGRA_HASH: entry.integraHash,
    INTEGRA_PROCESS_HASH: entry.processHash,
    INTEGRA_BLOCK: entry.blockNumber.toString(),
    INTEGRA_TX: entry.transactionHash,
    INTEGRA_DELIVERY: event.deliveryId,
  };
  // Only an escrow event's: never one the watcher itself was started with.
  if (escrowId === undefined) delete environment.INTEGRA_ESCROW_ID;
  else environment.INTEGRA_ESCROW_ID = escrowId.toString();
  return environment;
}

/**
 * Runs `command` once for `event`; succeeds when it exits 0. It is started in a new session, so a process group of its
 * own, for two reasons: Ctrl-C in a terminal signals the terminal's foreground group, which would kill the hook at
 * once instead of letting the watcher finish the event in hand; and when the watcher does stop it (`signal`, after
 * the grace period), one signal to the group reaches everything the hook started (sh's children too), so nothing of
 * it is left running. What it prints goes to the watcher's stderr: stdout carries only event lines, for programs.
 */
export function runExec(command: string, event: HookEvent, signal: AbortSignal): Promise<HookResult> {
  if (signal.aborted) return Promise.resolve({ ok: false, problem: "was not started: the watch is stopping" });
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], {
      detached: true,
      stdio: ["ignore", process.stderr, process.stderr],
      env: hookEnvironment(event),
    });
    const pgid = child.pid;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (pgid === undefined) return;
      killStragglersOnExit();
      stopping.add(pgid);
      signalGroup(pgid, "SIGTERM");
      // Kept referenced: the watcher waits the few seconds it takes to be sure nothing of the hook survives it.
      killTimer = setTimeout(() => {
        signalGroup(pgid, "SIGKILL");
        stopping.delete(pgid);
      }, KILL_AFTER_MS);
    };
    signal.addEventListener("abort", stop, { once: true });
    const finish = (result: HookResult) => {
      signal.removeEventListener("abort", stop);
      resolve(result);
    };
    child.once("error", (error) => finish({ ok: false, problem: `could not be started (${error.message})` }));
    child.once("exit", (code, killedBy) => {
      // Stopped, and nothing left in its group: nothing to wait for (and the group's id may be reused from now on).
      if (pgid !== undefined && stopping.has(pgid) && !signalGroup(pgid, 0)) {
        clearTimeout(killTimer);
        stopping.delete(pgid);
      }
      if (code === 0) finish({ ok: true });
      else finish({ ok: false, problem: killedBy ? `was killed by ${killedBy}` : `exited with ${code}` });
    });
  });
}

/** The --exec hook. */
export function execHook(command: string): Hook {
  return { name: "--exec", attempt: (event, signal) => runExec(command, event, signal) };
}
