"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Hex } from "viem";
import { hashFileInWorker } from "@/lib/hash/hashFileInWorker";
import { dropWarmHashWorker, warmHashWorker } from "@/lib/hash/hashWorkers";

export type FileHashState = "idle" | "hashing" | "done" | "error";

export type FileHashResult = { hash: Hex; fileName: string; fileSize: number };

type Snapshot = {
  state: FileHashState;
  hash: Hex | null;
  /** Fraction in [0, 1]. */
  progress: number;
  error: string | null;
  fileName: string | null;
  fileSize: number | null;
};

const IDLE: Snapshot = { state: "idle", hash: null, progress: 0, error: null, fileName: null, fileSize: null };

/**
 * Hashes one file at a time in a worker. start() resolves with the result (or null when cancelled or failed),
 * so callers react to completion in the event handler that started it rather than watching state in an effect.
 */
export function useFileHash() {
  const [snapshot, setSnapshot] = useState<Snapshot>(IDLE);
  // The controller of the hash in flight; a newer start() or cancel() aborts it.
  const controllerRef = useRef<AbortController | null>(null);

  const abortRunning = useCallback(() => {
    controllerRef.current?.abort();
    controllerRef.current = null;
  }, []);

  const start = useCallback(
    async (file: File): Promise<FileHashResult | null> => {
      abortRunning();
      const controller = new AbortController();
      controllerRef.current = controller;
      const fileName = file.name;
      const fileSize = file.size;
      setSnapshot({ state: "hashing", hash: null, progress: 0, error: null, fileName, fileSize });

      try {
        const hash = await hashFileInWorker(
          file,
          (progress) => {
            if (!controller.signal.aborted) setSnapshot((current) => ({ ...current, progress }));
          },
          controller.signal,
        );
        // A newer start() or cancel() owns the state now.
        if (controller.signal.aborted) return null;
        controllerRef.current = null;
        setSnapshot({ state: "done", hash, progress: 1, error: null, fileName, fileSize });
        return { hash, fileName, fileSize };
      } catch (error) {
        if (controller.signal.aborted) return null;
        controllerRef.current = null;
        const message = error instanceof Error ? error.message : String(error);
        setSnapshot({ state: "error", hash: null, progress: 0, error: message, fileName, fileSize });
        return null;
      }
    },
    [abortRunning],
  );

  /** Stops a running hash; a finished result is left alone. */
  const cancel = useCallback(() => {
    if (!controllerRef.current) return;
    abortRunning();
    setSnapshot(IDLE);
  }, [abortRunning]);

  /** Forgets everything, stopping a running hash too. */
  const reset = useCallback(() => {
    abortRunning();
    setSnapshot(IDLE);
  }, [abortRunning]);

  // A worker left running after unmount would keep reading the file for nothing; a warm one would wait for nothing.
  useEffect(
    () => () => {
      abortRunning();
      dropWarmHashWorker();
    },
    [abortRunning],
  );

  /**
   * Call when the user heads for the file input: the hash of the file they pick then starts without the worker's
   * startup. Not while a hash runs: a second worker's warm-up would compete with it for the CPU.
   */
  const warm = useCallback(() => {
    if (!controllerRef.current) warmHashWorker();
  }, []);

  return { ...snapshot, start, cancel, reset, warm };
}
