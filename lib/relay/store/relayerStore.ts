/**
 * The relayer's memory: rate limits, the spend ledger, requests in flight, penalties and the sponsor's nonce
 * lock. It lives in a store rather than in the server process so that a restart forgets nothing and several
 * relayer instances behind a load balancer share one set of limits and one spending cap.
 *
 * Two implementations: SQLite in a local file (the default, no server to run: sqliteStore.ts) and Redis, shared by
 * every instance (redisStore.ts). Every operation that checks a limit and counts against it is one atomic step in
 * the store (a SQLite transaction, a Redis Lua script), so two instances can never both pass the last slot.
 */
export interface RelayerStore {
  /**
   * Counts `count` events (default one) in every bucket, or in none when any bucket would then hold more than
   * `limit` events in the last rate window (a sliding window). A limit of 0 refuses everything.
   */
  takeRate(buckets: readonly RateBucket[]): Promise<RateVerdict>;

  /**
   * Reserves `gwei` in every bucket of the spend ledger, or nothing when any bucket would pass its cap in the
   * spend window. Returns the reservation, to settle once the transaction's real cost is known.
   */
  reserveSpend(buckets: readonly SpendBucket[], gwei: number): Promise<SpendReservation | undefined>;

  /** Replaces a reservation by what was really spent (0 when nothing was). Settling twice does nothing. */
  settleSpend(reservation: SpendReservation, gwei: number): Promise<void>;

  /** What a bucket has spent (and holds reserved) in the spend window. */
  spentGwei(bucket: string): Promise<number>;

  /** A value with its remaining time to live, or undefined when there is none (or it expired). */
  get(key: string): Promise<{ value: string; ttlMs: number } | undefined>;

  /** Sets a value that expires after `ttlMs`. */
  put(key: string, value: string, ttlMs: number): Promise<void>;

  /** Sets a value unless one is there; returns the value already there, or undefined when this call set it. */
  putIfAbsent(key: string, value: string, ttlMs: number): Promise<string | undefined>;

  /**
   * Gives a value that still holds `onlyIf` a new time to live (a lock's owner keeping it while its work runs on);
   * false when the value is gone or holds something else.
   */
  renew(key: string, onlyIf: string, ttlMs: number): Promise<boolean>;

  /** Deletes a value; with `onlyIf`, only while it still holds that value (a lock's owner releasing it). */
  delete(key: string, onlyIf?: string): Promise<void>;

  close(): Promise<void>;
}

export interface RateBucket {
  key: string;
  limit: number;
  /** How many events to count at once (a relayed batch counts each of its requests); default 1. */
  count?: number;
}

/**
 * `bucket`: the index of the first bucket that has no room; `retryAfterMs`: until enough of its oldest events leave
 * the window for `count` to fit (a count above the limit never fits: the whole window).
 */
export type RateVerdict = { taken: true } | { taken: false; bucket: number; retryAfterMs: number };

export interface SpendBucket {
  key: string;
  capGwei: number;
}

export interface SpendReservation {
  id: string;
  buckets: readonly string[];
}

/** The windows a store counts in; the relayer's policy sets them. */
export interface StoreWindows {
  /** Rate limits count the events of the last `rateWindowMs` (a sliding log of timestamps). */
  rateWindowMs: number;
  /**
   * The spend ledger counts in SPEND_SLOTS slots of `spendWindowMs / SPEND_SLOTS` (an hour for a day): a summed
   * counter per slot is one small read per reservation however many transactions the day had. A cost leaves the
   * count between one window and one window plus a slot after it was made: never early.
   */
  spendWindowMs: number;
}

export const SPEND_SLOTS = 24;

export interface StoreOptions extends StoreWindows {
  /** Prefix of every key: one relayer (chain and sponsor) per namespace. */
  namespace: string;
  /** The clock of rate and spend windows (tests pass their own). Values' time to live uses the store's own clock. */
  now?: () => number;
}

/** The store could not be reached or answered an error: the relayer refuses with 503 and sends nothing. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The relayer's store failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "StoreUnavailableError";
  }
}

/** The slot a time falls in, and the oldest slot still counted. */
export function spendSlots(windowMs: number, nowMs: number): { slot: number; oldest: number; slotMs: number } {
  const slotMs = Math.max(1, Math.floor(windowMs / SPEND_SLOTS));
  const slot = Math.floor(nowMs / slotMs);
  return { slot, oldest: slot - SPEND_SLOTS, slotMs };
}

/** Wei to whole gwei, rounded up: stores count in gwei so sums stay exact in Lua's doubles and SQLite's int64. */
export function weiToGwei(wei: bigint): number {
  return Number((wei + 999_999_999n) / 1_000_000_000n);
}

export function gweiToWei(gwei: number): bigint {
  return BigInt(gwei) * 1_000_000_000n;
}
