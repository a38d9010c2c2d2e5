import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hashFileInWorker } from "./hashFileInWorker";
import type { HashWorkerMessage, HashWorkerRequest } from "./sha256.worker";

/** Stands in for the hashing worker: records what it was sent and whether it was ended; the test plays its replies. */
class FakeWorker {
  static started: FakeWorker[] = [];
  onmessage: ((event: { data: HashWorkerMessage }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  posted: HashWorkerRequest[] = [];
  terminated = false;
  constructor() {
    FakeWorker.started.push(this);
  }
  postMessage(request: HashWorkerRequest) {
    this.posted.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: HashWorkerMessage) {
    this.onmessage?.({ data: message });
  }
}

const HASH = `0x${"ab".repeat(32)}` as const;
const file = () => new File([new Uint8Array(10)], "deed.pdf");

describe("hashFileInWorker", () => {
  beforeEach(() => {
    FakeWorker.started = [];
    vi.stubGlobal("Worker", FakeWorker);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("posts the file, reports progress as a fraction, and resolves with the hash, ending the worker", async () => {
    const progress: number[] = [];
    const given = file();
    const hashed = hashFileInWorker(given, (fraction) => progress.push(fraction));
    const [worker] = FakeWorker.started;
    expect(worker.posted).toEqual([{ file: given }]);
    worker.reply({ type: "progress", bytesRead: 5, total: 10 });
    worker.reply({ type: "done", hash: HASH });
    await expect(hashed).resolves.toBe(HASH);
    expect(progress).toEqual([0.5, 1]);
    expect(worker.terminated).toBe(true);
  });

  it("rejects with an AbortError and ends the worker at once when cancelled mid-hash", async () => {
    const controller = new AbortController();
    const hashed = hashFileInWorker(file(), () => undefined, controller.signal);
    const [worker] = FakeWorker.started;
    worker.reply({ type: "progress", bytesRead: 3, total: 10 });
    controller.abort();
    await expect(hashed).rejects.toMatchObject({ name: "AbortError" });
    expect(worker.terminated).toBe(true);
    // A late answer from the ended worker changes nothing.
    worker.reply({ type: "done", hash: HASH });
  });

  it("starts no worker when already cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(hashFileInWorker(file(), () => undefined, controller.signal)).rejects.toMatchObject({ name: "AbortError" });
    expect(FakeWorker.started).toHaveLength(0);
  });

  it("rejects with the worker's message when it fails to read the file", async () => {
    const hashed = hashFileInWorker(file(), () => undefined);
    const [worker] = FakeWorker.started;
    worker.reply({ type: "error", message: "The file could not be read." });
    await expect(hashed).rejects.toThrow("The file could not be read.");
    expect(worker.terminated).toBe(true);
  });
});
