import { randomUUID } from "node:crypto";
import type { RelayerStore } from "./relayerStore";

export interface LockOptions {
  /**
   * A holder that crashed frees the lock after this long. A live holder renews it every third of this, however long
   * its work takes: an RPC call inside may be retried, and a rate-limited node may ask for any wait (Retry-After), so
   * no fixed lifetime can be sure to outlast the work.
   */
  ttlMs: number;
  /** Give up (throw) after waiting this long. */
  waitMs: number;
  /** Pause between attempts while another holder has it. */
  pollMs?: number;
}

/** Nobody got the lock in time: the caller refuses (503) rather than send out of turn. */
export class LockTimeoutError extends Error {
  constructor(name: string, waitMs: number) {
    super(`The lock "${name}" stayed taken for ${waitMs} ms.`);
    this.name = "LockTimeoutError";
  }
}

/**
 * Runs `work` while holding the store-wide lock `name`: a value only its holder's random token deletes, set only
 * when absent, so instances sharing the store take turns (the sponsor's nonce: two instances with one key must not
 * both send nonce n). The lock expires after `ttlMs` in case its holder dies mid-way.
 */
export async function withStoreLock<T>(store: RelayerStore, name: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const key = `lock:${name}`;
  const token = randomUUID();
  const started = Date.now();
  const pollMs = options.pollMs ?? 10;
  while ((await store.putIfAbsent(key, token, options.ttlMs)) !== undefined) {
    if (Date.now() - started > options.waitMs) throw new LockTimeoutError(name, options.waitMs);
    // Jitter, so instances waiting together do not retry in lockstep.
    await new Promise((resolve) => setTimeout(resolve, pollMs / 2 + Math.random() * pollMs));
  }
  const renewal = setInterval(() => {
    void store.renew(key, token, options.ttlMs).then(
      (held) => {
        if (!held) console.error(`relayer: the lock "${name}" expired while held; another holder may have taken it.`);
      },
      // The store is down: the next renewal tries again, and the lock lives a full ttl from the last one.
      (error: unknown) => console.error(`relayer: renewing the lock "${name}" failed`, error),
    );
  }, options.ttlMs / 3);
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await store.delete(key, token).catch(() => undefined);
  }
}
