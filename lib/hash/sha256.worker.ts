import type { Hex } from "viem";
import { sha256OfStream } from "./hashStream";

/** Hashes a File off the main thread so a 1 GB file leaves the page responsive. */

export type HashWorkerRequest = { file: File };

export type HashWorkerMessage =
  { type: "progress"; bytesRead: number; total: number } | { type: "done"; hash: Hex } | { type: "error"; message: string };

/** Reads at up to ~200 MiB/s would otherwise post hundreds of messages (and re-renders) per second. */
const PROGRESS_INTERVAL_MS = 50;

// tsconfig uses the DOM lib for the whole program (the webworker lib conflicts with it), so describe the
// little of the worker scope this file uses.
interface WorkerScope {
  onmessage: ((event: MessageEvent<HashWorkerRequest>) => void) | null;
  postMessage(message: HashWorkerMessage): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = async (event) => {
  const { file } = event.data;
  try {
    if (!(file instanceof Blob)) throw new Error("No file was given to hash.");
    let lastPostedAt = 0;
    const hash = await sha256OfStream(file.stream(), (bytesRead) => {
      const now = performance.now();
      if (now - lastPostedAt < PROGRESS_INTERVAL_MS) return;
      lastPostedAt = now;
      scope.postMessage({ type: "progress", bytesRead, total: file.size });
    });
    scope.postMessage({ type: "done", hash });
  } catch (error) {
    scope.postMessage({ type: "error", message: describeReadError(error) });
  }
};

/** A file deleted or changed on disk after it was picked fails with a terse DOMException; say what to do. */
function describeReadError(error: unknown): string {
  if (error instanceof DOMException && (error.name === "NotReadableError" || error.name === "NotFoundError")) {
    return "The file could not be read. It may have been moved or changed; choose it again.";
  }
  return error instanceof Error ? error.message : String(error);
}
