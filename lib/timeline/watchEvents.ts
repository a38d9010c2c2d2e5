import { sleep } from "@/lib/async/sleep";
import { backoffDelayMs } from "@/lib/chain/retryTransient";
import { chainIdOf } from "@/lib/deployment";
import type { PublicClient } from "viem";
import { type LogSource, type WatchEntry, decodeWatchEntry } from "./conditionEvents";
import type { RpcLog } from "./decodeEntry";
import { REORG_DEPTH, type TimelineFilter, fetchLogs } from "./readTimeline";

/**
 * Where a watch of one chain stands, JSON-safe so a program can save it and resume after a restart: every event up to
 * `block` has been delivered, and `tail` holds the logs delivered in the blocks a reorg could still replace (the last
 * `reorgDepth` before `block`, and any delivered beyond it). Resuming re-reads those blocks: a log of the tail that is
 * no longer there is announced as retracted; a log already in the tail is not delivered twice.
 */
export interface WatchCursor {
  version: 1;
  /** The chain it was read on (absent in cursors saved before watches named their chain). */
  chainId?: number;
  /** The filter this cursor belongs to, so a cursor file is not resumed against another record. */
  target: string;
  /** Decimal block number: the watch's first block; nothing before it is ever delivered, even when re-read. */
  from: string;
  /** Decimal block number: every event up to it was delivered. */
  block: string;
  tail: RpcLog[];
}

/**
 * Where a watch across several chains stands: one chain's cursor per chain, by chain id. Resuming from it resumes each
 * chain from its own, so no chain repeats or skips an event. A chain not in it starts as a new watch does.
 */
export interface MultiChainWatchCursor {
  version: 2;
  target: string;
  chains: Record<string, WatchCursor>;
}

/** Either kind of cursor: what a watch accepts to resume from, and what a program that saves both kinds keeps. */
export type AnyWatchCursor = WatchCursor | MultiChainWatchCursor;

/** What a watch yields; `chainId` is the chain it happened on. A watch of one client carries one chain's cursor. */
export type WatchItem<Cursor extends AnyWatchCursor = WatchCursor> =
  /** A new event. Save `cursor` after handling it: resuming from it neither repeats nor skips an event. */
  | { type: "event"; chainId: number; entry: WatchEntry; cursor: Cursor }
  /** An event delivered earlier that a reorg removed from the chain. */
  | { type: "retracted"; chainId: number; entry: WatchEntry; cursor: Cursor }
  /** Every event of chain `chainId` up to `block` is delivered (sent after each poll of it that advanced). */
  | { type: "synced"; chainId: number; block: bigint; cursor: Cursor };

export interface WatchOptions {
  /**
   * The first block to deliver events from (default: the next block, i.e. new events only), or one per chain id for a
   * watch of several chains (a chain not named: new events only). Ignored for a chain the cursor has.
   */
  fromBlock?: bigint | Readonly<Record<number, bigint>>;
  /** Resume where a previous watch of the same target stopped. */
  cursor?: AnyWatchCursor;
  /** Time between polls (default 1,000 ms). */
  pollIntervalMs?: number;
  /** Blocks re-read on every poll, so a reorg up to this depth is seen (default REORG_DEPTH). */
  reorgDepth?: bigint;
  /** The provider's eth_getLogs block range cap if known (0: none known): only a first window size, the reader narrows by itself. */
  maxRange?: bigint;
  /**
   * Several chains: how long a poll round waits for a slow chain's answer before delivering the others' events
   * (default 2,000 ms); the slow chain's events come with a later round.
   */
  slowChainWaitMs?: number;
  /** Stops the watch: the iterator ends cleanly. */
  signal?: AbortSignal;
  /**
   * Called when a poll of chain `chainId` fails (an RPC outage): that chain waits `delayMs` and tries again, losing
   * nothing; the other chains of the watch go on meanwhile.
   */
  onRetry?: (error: unknown, attempt: number, delayMs: number, chainId: number) => void;
}

/** A failed poll waits 1 s, then 2, 4… up to 30 s (jittered by the shared backoff rule). */
export const POLL_BACKOFF = { baseDelayMs: 1_000, maxDelayMs: 30_000, random: Math.random };

/** What a watch reads of a client: its chain (for its id), its head and its logs. */
export type WatchClient = Pick<PublicClient, "request" | "getBlockNumber"> & { readonly chain?: { readonly id: number } | undefined };

/** A stable identity of a log in one chain history: a log re-mined in another block is another delivery. */
const identity = (log: Pick<RpcLog, "blockHash" | "logIndex">) => `${log.blockHash}:${Number(log.logIndex)}`;

/** The filter's identity in a cursor: its topic and the addresses, lowercased. */
export function watchTarget(filter: Omit<TimelineFilter, "fromBlock" | "addresses">): string {
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

/** What one poll of one chain found: retractions first, then new events (each with its cursor), and its "synced". */
export interface ChainPoll {
  items: Extract<WatchItem, { type: "event" | "retracted" }>[];
  /** Present when the poll advanced (new blocks, or a retraction). */
  synced?: Extract<WatchItem, { type: "synced" }>;
}

/** One chain's watch, a poll at a time: the loop around it (one chain, or several merged) is the caller's. */
export interface ChainWatch {
  chainId: number;
  /**
   * Reads the new blocks and the last `reorgDepth` again. A failure (thrown) changes nothing, so the poll can simply be
   * tried again; a success moves the watch on, and its items must be delivered in order.
   */
  poll(): Promise<ChainPoll>;
  /** Where the watch stands after its last poll; undefined until a watch started at the head has read the head. */
  position(): WatchCursor | undefined;
}

/** The cursor of one chain out of what a watch was given to resume from, if it has one for that chain. */
export function chainCursorOf(cursor: AnyWatchCursor | undefined, chainId: number): WatchCursor | undefined {
  if (cursor?.version === 2) return cursor.chains[String(chainId)];
  return cursor;
}

/** The first block of chain `chainId` out of a watch's fromBlock option. */
function fromBlockOf(fromBlock: WatchOptions["fromBlock"], chainId: number): bigint | undefined {
  return typeof fromBlock === "bigint" ? fromBlock : fromBlock?.[chainId];
}

/** Refuses a cursor of another target or of another chain than the one watched. */
function checkCursor(cursor: AnyWatchCursor | undefined, target: string, chainId: number): void {
  if (cursor && cursor.target !== target) throw new Error(`The cursor belongs to ${cursor.target}, not to ${target}.`);
  if (cursor?.version === 1 && cursor.chainId !== undefined && cursor.chainId !== chainId) {
    throw new Error(`The cursor belongs to chain ${cursor.chainId}, not to chain ${chainId}.`);
  }
}

/**
 * Opens the watch of `filter` on `client`'s chain, resumed from `options.cursor` (that chain's, from either kind) or
 * started at `options.fromBlock` (else the head, at the first poll). `more` adds logs of its own to each poll's.
 */
export function openChainWatch(
  client: WatchClient,
  filter: Omit<TimelineFilter, "fromBlock">,
  options: Pick<WatchOptions, "cursor" | "fromBlock" | "reorgDepth" | "maxRange"> = {},
  more?: LogSource,
): ChainWatch {
  const chainId = chainIdOf(client);
  const target = watchTarget(filter);
  checkCursor(options.cursor, target, chainId);
  const resumed = chainCursorOf(options.cursor, chainId);
  checkCursor(resumed, target, chainId);
  const depth = options.reorgDepth ?? REORG_DEPTH;
  const maxRange = options.maxRange ?? 0n;
  const fromBlock = fromBlockOf(options.fromBlock, chainId);
  // Undefined: a new watch of new events only, whose first poll reads where the chain's head is.
  let read: bigint | undefined = resumed ? BigInt(resumed.block) : fromBlock !== undefined ? fromBlock - 1n : undefined;
  let start: bigint = resumed ? BigInt(resumed.from) : (read ?? 0n) + 1n;
  const tail = new Map<string, RpcLog>((resumed?.tail ?? []).map((log) => [identity(log), log]));
  const cursorAt = (block: bigint): WatchCursor => ({
    version: 1,
    chainId,
    target,
    from: start.toString(),
    block: block.toString(),
    tail: [...tail.values()],
  });

  return {
    chainId,
    position: () => (read === undefined ? undefined : cursorAt(read)),
    async poll() {
      // Uncached: viem would otherwise answer from a cache as old as the client's polling interval.
      const latest = await client.getBlockNumber({ cacheTime: 0 });
      if (read === undefined) {
        read = latest;
        start = latest + 1n;
        return { items: [] };
      }
      const from = read - depth + 1n > start ? read - depth + 1n : start;
      let logs = latest >= from ? (await fetchLogs(client, { ...filter, fromBlock: from }, from, latest, maxRange)).logs : [];
      if (more && latest >= from) logs = [...logs, ...(await more(from, latest))].sort(chainOrder);
      // Nothing below waits: the poll's outcome is applied whole, or (a read failed above) not at all.
      const before: bigint = read;
      const items: ChainPoll["items"] = [];
      const present = new Set(logs.filter((l) => !l.removed).map(identity));
      // Retractions first, newest first: what a reorg took away, in the order it was undone.
      const retracted = [...tail.values()]
        .filter((log) => BigInt(log.blockNumber ?? 0) >= from && !present.has(identity(log)))
        .sort((a, b) => Number(BigInt(b.blockNumber ?? 0) - BigInt(a.blockNumber ?? 0)) || Number(b.logIndex) - Number(a.logIndex));
      for (const log of retracted) {
        tail.delete(identity(log));
        const entry = decodeWatchEntry(log);
        if (entry) items.push({ type: "retracted", chainId, entry, cursor: cursorAt(before) });
      }
      for (const log of logs) {
        if (log.removed || tail.has(identity(log))) continue;
        const entry = decodeWatchEntry(log);
        if (!entry) continue;
        tail.set(identity(log), log);
        items.push({ type: "event", chainId, entry, cursor: cursorAt(before) });
      }

      const advanced = latest > before || retracted.length > 0;
      read = latest;
      for (const [id, log] of tail) if (BigInt(log.blockNumber ?? 0) <= latest - depth) tail.delete(id);
      return advanced ? { items, synced: { type: "synced", chainId, block: latest, cursor: cursorAt(latest) } } : { items };
    },
  };
}

/**
 * Every Integra event matching `filter` on `client`'s chain, as it happens: an async iterator that polls the chain,
 * reading only the new blocks and the last `reorgDepth` again (the same eth_getLogs reader as the timelines). Events
 * come oldest first; a reorg that removes a delivered event yields it as `retracted`. A failed poll is retried with
 * backoff. `more` adds logs of its own to each poll's, in the same layout and chain order (the condition attestations
 * of lib/timeline/conditionEvents.ts), delivered, resumed and retracted as the rest. Several chains at once:
 * lib/timeline/watchChains.ts.
 */
export async function* watchEvents(
  client: WatchClient,
  filter: Omit<TimelineFilter, "fromBlock">,
  options: WatchOptions = {},
  more?: LogSource,
): AsyncGenerator<WatchItem, void, undefined> {
  const watch = openChainWatch(client, filter, options, more);
  let failures = 0;
  while (!options.signal?.aborted) {
    let poll: ChainPoll;
    try {
      poll = await watch.poll();
      failures = 0;
    } catch (error) {
      failures += 1;
      const delayMs = backoffDelayMs(failures - 1, POLL_BACKOFF);
      options.onRetry?.(error, failures, Math.round(delayMs), watch.chainId);
      await sleep(delayMs, options.signal);
      continue;
    }
    if (options.signal?.aborted) return;
    yield* poll.items;
    if (poll.synced) yield poll.synced;
    await sleep(options.pollIntervalMs ?? 1000, options.signal);
  }
}
