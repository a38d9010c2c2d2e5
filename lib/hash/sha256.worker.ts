import type { Hex } from "viem";
import { sha256OfStream } from "./hashStream";
import { type Sha256Hasher, createSha256 } from "./sha256Wasm";

/** Hashes a File off the main thread so a 1 GB file leaves the page responsive. */

export type HashWorkerRequest = { file: File };

export type HashWorkerMessage =
  { type: "progress"; bytesRead: number; total: number } | { type: "done"; hash: Hex } | { type: "error"; message: string };

/**
 * Each progress message re-renders the drop zone, and the renders' garbage stays in the page's heap until its next
 * collection: at one message per 50 ms a 2 GiB hash grew the tab ~3 MiB more than at 250 ms (measured in the built
 * app). Four updates a second still move the bar.
 */
const PROGRESS_INTERVAL_MS = 250;

// tsconfig uses the DOM lib for the whole program (the webworker lib conflicts with it), so describe the
// little of the worker scope this file uses.
interface WorkerScope {
  onmessage: ((event: MessageEvent<HashWorkerRequest>) => void) | null;
  postMessage(message: HashWorkerMessage): void;
}

const scope = self as unknown as WorkerScope;

/** Enough for V8 to compile compress() with its optimizing tier (measured: the first 2 MiB of a file then hash at full speed). */
const WARM_UP_BYTES = 1024 * 1024;

/**
 * Made as soon as the worker starts, before its file arrives (lib/hash/hashWorkers.ts starts workers ahead of need):
 * the WebAssembly built, compiled and optimized, and the hasher for the one file this worker hashes.
 */
const hasherReady: Promise<Sha256Hasher> = createSha256({ warmUpBytes: WARM_UP_BYTES });
// A failure is reported when the file arrives, not as an unhandled rejection now.
hasherReady.catch(() => undefined);

scope.onmessage = async (event) => {
  const { file } = event.data;
  try {
    if (!(file instanceof Blob)) throw new Error("No file was given to hash.");
    // The first read is reported at once: a worker started with the file is younger than the interval.
    let lastPostedAt = -Infinity;
    const onProgress = (bytesRead: number) => {
      const now = performance.now();
      if (now - lastPostedAt < PROGRESS_INTERVAL_MS) return;
      lastPostedAt = now;
      scope.postMessage({ type: "progress", bytesRead, total: file.size });
    };
    const hash = await sha256OfStream(file.stream(), onProgress, await hasherReady);
    scope.postMessage({ type: "done", hash });
  } catch (error) {
    scope.postMessage({ type: "error", message: describeReadError(error) });
  }
};

/**
 * A file deleted or changed on disk after it was picked fails tersely: with a DOMException in the File API's words,
 * or, from Chromium's Blob stream (checked in Chromium 156 with the file removed), a TypeError "network error".
 * Say what to do instead.
 */
function describeReadError(error: unknown): string {
  const unreadable =
    (error instanceof DOMException && (error.name === "NotReadableError" || error.name === "NotFoundError")) ||
    (error instanceof TypeError && error.message === "network error");
  if (unreadable) return "The file could not be read. It may have been moved or changed; choose it again.";
  return error instanceof Error ? error.message : String(error);
}
