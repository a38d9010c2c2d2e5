import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WARM_WORKER_IDLE_MS, dropWarmHashWorker, takeHashWorker, warmHashWorker } from "./hashWorkers";

/** Stands in for the browser's Worker: records what was started and terminated. */
class FakeWorker {
  static started: FakeWorker[] = [];
  onerror: ((event: { preventDefault(): void }) => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.started.push(this);
  }
  terminate() {
    this.terminated = true;
  }
}

describe("hash workers", () => {
  beforeEach(() => {
    FakeWorker.started = [];
    vi.stubGlobal("Worker", FakeWorker);
  });
  afterEach(() => {
    dropWarmHashWorker();
    vi.unstubAllGlobals();
  });

  it("hands the warm worker to the next hash, and starts only one however often it is warmed", () => {
    warmHashWorker();
    warmHashWorker();
    expect(FakeWorker.started).toHaveLength(1);
    expect(takeHashWorker()).toBe(FakeWorker.started[0]);
    // Taken: the hash after that starts its own.
    expect(takeHashWorker()).toBe(FakeWorker.started[1]);
  });

  it("starts a worker for a hash when none is warm", () => {
    const worker = takeHashWorker();
    expect(FakeWorker.started).toEqual([worker]);
  });

  it("drops a warm worker that fails to start, so the next hash starts a new one", () => {
    warmHashWorker();
    const failed = FakeWorker.started[0];
    failed.onerror?.({ preventDefault: () => undefined });
    expect(failed.terminated).toBe(true);
    expect(takeHashWorker()).not.toBe(failed);
  });

  it("terminates the warm worker when the page no longer wants it", () => {
    warmHashWorker();
    dropWarmHashWorker();
    expect(FakeWorker.started[0].terminated).toBe(true);
    expect(takeHashWorker()).not.toBe(FakeWorker.started[0]);
  });

  it("does nothing when a worker cannot be started here; the hash then reports the error itself", () => {
    vi.stubGlobal(
      "Worker",
      class {
        constructor() {
          throw new DOMException("Script at a blocked origin", "SecurityError");
        }
      },
    );
    expect(() => warmHashWorker()).not.toThrow();
    expect(() => takeHashWorker()).toThrow(/blocked origin/);
  });

  it("ends a warm worker nobody takes within the idle time, and keeps one that was taken", () => {
    vi.useFakeTimers();
    try {
      warmHashWorker();
      vi.advanceTimersByTime(WARM_WORKER_IDLE_MS - 1);
      expect(FakeWorker.started[0].terminated).toBe(false);
      vi.advanceTimersByTime(1);
      expect(FakeWorker.started[0].terminated).toBe(true);
      expect(takeHashWorker()).not.toBe(FakeWorker.started[0]);

      warmHashWorker();
      const taken = takeHashWorker();
      vi.advanceTimersByTime(WARM_WORKER_IDLE_MS * 2);
      expect((taken as unknown as FakeWorker).terminated).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
