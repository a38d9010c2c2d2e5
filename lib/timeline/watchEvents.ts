import { sleep } from "@/lib/async/sleep";
import { backoffDelayMs } from "@/lib/chain/retryTransient";
import type { PublicClient } from "viem";
import { type LogSource, type WatchEntry, decodeWatchEntry } from "./conditionEvents";
import type { RpcLog } from "./decodeEntry";
import { REORG_DEPTH, type TimelineFilter, fetchLogs } from "./readTimeline";

/**
 * Where a watch stands, JSON-safe so a program can save it and resume after a restart: every event up to `block`
 * has been delivered, and `tail` holds the logs delivered in the blocks a reorg could still replace (the last
 * `reorgDepth` before `block`, and any delivered beyond it). Resuming re-reads those blocks: a log of the tail
 * that is no longer there is announced as retracted; a log already in the tail is not delivered twice.
 */
export interface WatchCursor {
  version: 1;
  /** The filter this cursor belongs to, so a cursor file is not resumed against another record. */
  target: string;
  /** Decimal block number: the watch's first block; nothing before it is ever delivered, even when re-read. */
  from: string;
  /** Decimal block number: every event up to it was delivered. */
  block: string;
  tail: RpcLog[];
}

export type WatchItem =
  /** A new event. Save `cursor` after handling it: resuming from it neither repeats nor skips an event. */
  | { type: "event"; entry: WatchEntry; cursor: WatchCursor }
  /** An event delivered earlier that a reorg removed from the chain. */
  | { type: "retracted"; entry: WatchEntry; cursor: WatchCursor }
  /** Every event up to `block` is delivered (sent after each poll that advanced). */
  | { type: "synced"; block: bigint; cursor: WatchCursor };

export interface WatchOptions {
  /** The first block to deliver events from (default: the next block, i.e. new events only). Ignored with `cursor`. */
  fromBlock?: bigint;
  /** Resume where a previous watch of the same target stopped. */
  cursor?: WatchCursor;
  /** Time between polls (default 1,000 ms). */
  pollIntervalMs?: number;
  /** Blocks re-read on every poll, so a reorg up to this depth is seen (default REORG_DEPTH). */
  reorgDepth?: bigint;
  /** The provider's eth_getLogs block range cap if known (0: none known): only a first window size, the reader narrows by itself. */
  maxRange?: bigint;
  /** Stops the watch: the iterator ends cleanly. */
  signal?: AbortSignal;
  /** Called when a poll fails (an RPC outage): the watch waits `delayMs` and tries again, losing nothing. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** A failed poll waits 1 s, then 2, 4… up to 30 s (jittered by the shared backoff rule). */
const POLL_BACKOFF = { baseDelayMs: 1_000, maxDelayMs: 30_000, random: Math.random };

/** A stable identity of a log in one chain history: a log re-mined in another block is another delivery. */
const identity = (log: Pick<RpcLog, "blockHash" | "logIndex">) => `${log.blockHash}:${Number(log.logIndex)}`;

/** The filter's identity in a cursor: its topic and the addresses, lowercased. */
export function watchTarget(filter: Omit<TimelineFilter, "fromBlock">): string {
  const topic = filter.integraHash
    ? `record:${filter.integraHash}`
    : filter.processHash
      ? `workflow:${filter.processHash}`
      : `recipient:${filter.recipient}`;
  return topic.toLowerCase();
}

/** Oldest first: by block, then by position in the block (logs of two reads merged). */
function chainOrder(a: RpcLog, b: RpcLog): number {
  const blocks = BigInt(a.blockNumber ?? 0) - BigInt(b.blockNumber ?? 0);
  return blocks !== 0n ? (blocks < 0n ? -1 : 1) : Number(a.logIndex ?? 0) - Number(b.logIndex ?? 0);
}

/**
 * Every Integra event matching `filter`, as it happens: an async iterator that polls the chain, reading only the
 * new blocks and the last `reorgDepth` again (the same eth_getLogs reader as the timelines). Events come oldest
 * first; a reorg that removes a delivered event yields it as `retracted`. A failed poll is retried with backoff.
 * `more` adds logs of its own to each poll's, in the same layout and chain order (the condition attestations of
 * lib/timeline/conditionEvents.ts), delivered, resumed and retracted as the rest.
 */
export async function* watchEvents(
  client: Pick<PublicClient, "request" | "getBlockNumber">,
  filter: Omit<TimelineFilter, "fromBlock">,
  options: WatchOptions = {},
  more?: LogSource,
): AsyncGenerator<WatchItem, void, undefined> {
  const target = watchTarget(filter);
  const depth = options.reorgDepth ?? REORG_DEPTH;
  const maxRange = options.maxRange ?? 0n;
  if (options.cursor && options.cursor.target !== target) {
    throw new Error(`The cursor belongs to ${options.cursor.target}, not to ${target}.`);
  }
  let read: bigint = options.cursor
    ? BigInt(options.cursor.block)
    : options.fromBlock !== undefined
      ? options.fromBlock - 1n
      : await client.getBlockNumber({ cacheTime: 0 });
  const start = options.cursor ? BigInt(options.cursor.from) : read + 1n;
  const tail = new Map<string, RpcLog>((options.cursor?.tail ?? []).map((log) => [identity(log), log]));
  const cursor = (): WatchCursor => ({ version: 1, target, from: start.toString(), block: read.toString(), tail: [...tail.values()] });

  let failures = 0;
  while (!options.signal?.aborted) {
    let latest: bigint;
    let logs: RpcLog[];
    let from: bigint;
    try {
      // Uncached: viem would otherwise answer from a cache as old as the client's polling interval.
      latest = await client.getBlockNumber({ cacheTime: 0 });
      from = read - depth + 1n > start ? read - depth + 1n : start;
      logs = latest >= from ? (await fetchLogs(client, { ...filter, fromBlock: from }, from, latest, maxRange)).logs : [];
      if (more && latest >= from) logs = [...logs, ...(await more(from, latest))].sort(chainOrder);
      failures = 0;
    } catch (error) {
      failures += 1;
      const delayMs = backoffDelayMs(failures - 1, POLL_BACKOFF);
      options.onRetry?.(error, failures, Math.round(delayMs));
      await sleep(delayMs, options.signal);
      continue;
    }
    if (options.signal?.aborted) return;

    const present = new Set(logs.filter((l) => !l.removed).map(identity));
    // Retractions first, newest first: what a reorg took away, in the order it was undone.
    const retracted = [...tail.values()]
      .filter((log) => BigInt(log.blockNumber ?? 0) >= from && !present.has(identity(log)))
      .sort((a, b) => Number(BigInt(b.blockNumber ?? 0) - BigInt(a.blockNumber ?? 0)) || Number(b.logIndex) - Number(a.logIndex));
    for (const log of retracted) {
      tail.delete(identity(log));
      const entry = decodeWatchEntry(log);
      if (entry) yield { type: "retracted", entry, cursor: cursor() };
    }
    for (const log of logs) {
      if (log.removed || tail.has(identity(log))) continue;
      const entry = decodeWatchEntry(log);
      if (!entry) continue;
      tail.set(identity(log), log);
      yield { type: "event", entry, cursor: cursor() };
    }

    const advanced = latest > read || retracted.length > 0;
    read = latest;
    for (const [id, log] of tail) if (BigInt(log.blockNumber ?? 0) <= read - depth) tail.delete(id);
    if (advanced) yield { type: "synced", block: read, cursor: cursor() };
    await sleep(options.pollIntervalMs ?? 1000, options.signal);
  }
}
