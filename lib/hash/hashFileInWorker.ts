import type { Hex } from "viem";
import { takeHashWorker } from "./hashWorkers";
import type { HashWorkerMessage, HashWorkerRequest } from "./sha256.worker";

const CANCELLED_MESSAGE = "Hashing cancelled.";

/** Shaped like fetch's abort rejection so callers can test `error.name === "AbortError"`. */
function cancelledError(): Error {
  const error = new Error(CANCELLED_MESSAGE);
  error.name = "AbortError";
  return error;
}

/**
 * SHA-256 of a file, computed in a dedicated worker (the warm one if warmHashWorker started it, else a new one;
 * terminated afterwards, so a cancelled hash stops reading at once). onProgress receives a fraction in [0, 1].
 */
export function hashFileInWorker(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Hex> {
  return new Promise<Hex>((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }

    const worker = takeHashWorker();

    const finish = () => {
      worker.terminate();
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      finish();
      reject(cancelledError());
    };
    signal?.addEventListener("abort", onAbort, { once: true });

    worker.onmessage = (event: MessageEvent<HashWorkerMessage>) => {
      const message = event.data;
      switch (message.type) {
        case "progress":
          onProgress(message.total > 0 ? Math.min(1, message.bytesRead / message.total) : 0);
          break;
        case "done":
          finish();
          onProgress(1);
          resolve(message.hash);
          break;
        case "error":
          finish();
          reject(new Error(message.message));
          break;
      }
    };
    worker.onerror = (event) => {
      // Stops the browser also logging it as an uncaught error; we report it through the promise.
      event.preventDefault();
      finish();
      reject(new Error(event.message || "The hashing worker could not start."));
    };

    const request: HashWorkerRequest = { file };
    // A File is posted as a handle to the same bytes on disk, not a copy.
    worker.postMessage(request);
  });
}
