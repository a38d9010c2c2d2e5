import { sleep } from "@/lib/async/sleep";
import { backoffDelayMs } from "@/lib/chain/retryTransient";
import { chainIdOf } from "@/lib/deployment";
import type { LogSource } from "./conditionEvents";
import type { TimelineFilter } from "./readTimeline";
import {
  type ChainPoll,
  type ChainWatch,
  type MultiChainWatchCursor,
  POLL_BACKOFF,
  type WatchClient,
  type WatchCursor,
  type WatchItem,
  type WatchOptions,
  openChainWatch,
  watchTarget,
} from "./watchEvents";

/** One chain of a watch across chains: its client (whose chain names it), what to watch there, and extra logs. */
export interface WatchedChain {
  client: WatchClient;
  /** The same record, workflow or account on every chain; the addresses are that chain's deployment's. */
  filter: Omit<TimelineFilter, "fromBlock">;
  more?: LogSource;
}

const DEFAULT_SLOW_CHAIN_WAIT_MS = 2_000;

type EventItem = ChainPoll["items"][number];

/**
 * Oldest first across chains: by time, then (in the same second, where different chains' clocks cannot be compared) by
 * chain id, then by block and position in the block.
 */
function oldestFirstAcrossChains(a: EventItem, b: EventItem): number {
  if (a.entry.timestamp !== b.entry.timestamp) return a.entry.timestamp < b.entry.timestamp ? -1 : 1;
  if (a.chainId !== b.chainId) return a.chainId - b.chainId;
  if (a.entry.blockNumber !== b.entry.blockNumber) return a.entry.blockNumber < b.entry.blockNumber ? -1 : 1;
  return a.entry.logIndex - b.entry.logIndex;
}

/**
 * The events of one round's polls (in chain id order) as one list: retractions first (by chain, each chain's in its
 * order), then the events merged oldest first. A merge, not a sort: each chain's events keep that chain's own order
 * whatever their times say, since a chain's cursor only moves forward through them.
 */
function roundOrder(polls: readonly ChainPoll[]): EventItem[] {
  const retractions = polls.flatMap((poll) => poll.items.filter((item) => item.type === "retracted"));
  const queues = polls.map((poll) => poll.items.filter((item) => item.type === "event"));
  const events: EventItem[] = [];
  for (;;) {
    let next: EventItem[] | undefined;
    for (const queue of queues) if (queue.length > 0 && (!next || oldestFirstAcrossChains(queue[0], next[0]) < 0)) next = queue;
    if (!next) return [...retractions, ...events];
    events.push(next.shift() as EventItem);
  }
}

/** A poll in flight: its outcome, once it has one. */
interface Attempt {
  settled: Promise<void>;
  outcome?: { poll: ChainPoll } | { error: unknown };
}

function attempt(watch: ChainWatch): Attempt {
  const started: Attempt = { settled: Promise.resolve() };
  started.settled = watch.poll().then(
    (poll) => void (started.outcome = { poll }),
    (error: unknown) => void (started.outcome = { error }),
  );
  return started;
}

/** Resolves when every poll in flight has settled, or `waitMs` has passed, or `signal` aborts: whichever comes first. */
function roundEnd(inFlight: readonly Promise<void>[], waitMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, waitMs);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    if (signal?.aborted) return done();
    signal?.addEventListener("abort", done, { once: true });
    void Promise.all(inFlight).then(done);
  });
}

/** The chain cursor each chain resumes from: a v2 cursor's, or a v1 cursor's for the chain it names. */
function resumedCursors(cursor: WatchOptions["cursor"], chainIds: readonly number[], target: string): MultiChainWatchCursor {
  if (cursor === undefined) return { version: 2, target, chains: {} };
  if (cursor.target !== target) throw new Error(`The cursor belongs to ${cursor.target}, not to ${target}.`);
  if (cursor.version === 2) return cursor;
  const chainId = cursor.chainId ?? (chainIds.length === 1 ? chainIds[0] : undefined);
  if (chainId === undefined) {
    throw new Error("The cursor is of one chain and does not say which: resume it with that chain alone, or start a new cursor.");
  }
  if (!chainIds.includes(chainId)) throw new Error(`The cursor belongs to chain ${chainId}, which this watch does not read.`);
  return { version: 2, target, chains: { [String(chainId)]: cursor } };
}

/**
 * Every event of the same record, workflow or account on several chains, as one stream: each chain is polled as
 * watchEvents polls one (reorgs, retries, condition logs), and each poll round's events are delivered oldest first
 * across chains (time, then chain id, block, log index), each with its `chainId`. Every item's cursor is one
 * MultiChainWatchCursor holding each chain's cursor as it stands after that item: resuming from it resumes every chain
 * where it was, neither repeating nor skipping an event on any. A chain whose RPC fails is retried with backoff
 * (`onRetry` names it) while the others go on delivering; a slow one holds a round up `slowChainWaitMs` at most.
 */
export async function* watchChains(
  chains: readonly WatchedChain[],
  options: WatchOptions = {},
): AsyncGenerator<WatchItem<MultiChainWatchCursor>, void, undefined> {
  if (chains.length === 0) throw new Error("A watch across chains needs at least one chain.");
  const target = watchTarget(chains[0].filter);
  const chainIds = chains.map((chain) => chainIdOf(chain.client));
  const twice = chainIds.find((id, i) => chainIds.indexOf(id) !== i);
  if (twice !== undefined) throw new Error(`Two clients read chain ${twice}: give one client per chain.`);
  const different = chains.find((chain) => watchTarget(chain.filter) !== target);
  if (different) throw new Error(`Every chain of a watch watches the same thing: ${watchTarget(different.filter)} is not ${target}.`);
  if (typeof options.fromBlock === "bigint" && chains.length > 1) {
    throw new Error("Block numbers differ from chain to chain: give fromBlock per chain id ({ [chainId]: block }).");
  }
  const resumed = resumedCursors(options.cursor, chainIds, target);

  // In chain id order, so each round's polls are too.
  const watched = [...chains]
    .sort((a, b) => chainIdOf(a.client) - chainIdOf(b.client))
    .map((chain) => ({
      watch: openChainWatch(chain.client, chain.filter, { ...options, cursor: resumed }, chain.more),
      failures: 0,
      retryAt: 0,
      inFlight: undefined as Attempt | undefined,
    }));
  // Each chain's cursor as delivered so far; a chain of the resumed cursor that this watch does not read is kept as is.
  const positions: Record<string, WatchCursor> = { ...resumed.chains };
  for (const { watch } of watched) {
    const position = watch.position();
    if (position) positions[String(watch.chainId)] = position;
  }
  const cursorNow = (): MultiChainWatchCursor => ({ version: 2, target, chains: { ...positions } });
  const slowChainWaitMs = options.slowChainWaitMs ?? DEFAULT_SLOW_CHAIN_WAIT_MS;

  while (!options.signal?.aborted) {
    const now = Date.now();
    for (const chain of watched) if (!chain.inFlight && now >= chain.retryAt) chain.inFlight = attempt(chain.watch);
    await roundEnd(
      watched.flatMap((chain) => (chain.inFlight ? [chain.inFlight.settled] : [])),
      slowChainWaitMs,
      options.signal,
    );
    if (options.signal?.aborted) return;

    const polls: ChainPoll[] = [];
    for (const chain of watched) {
      const outcome = chain.inFlight?.outcome;
      if (!outcome) continue;
      chain.inFlight = undefined;
      if ("error" in outcome) {
        chain.failures += 1;
        const delayMs = Math.round(backoffDelayMs(chain.failures - 1, POLL_BACKOFF));
        chain.retryAt = Date.now() + delayMs;
        options.onRetry?.(outcome.error, chain.failures, delayMs, chain.watch.chainId);
        continue;
      }
      chain.failures = 0;
      polls.push(outcome.poll);
      // A chain started at its head knows where it stands from its first poll on, events or not.
      const position = chain.watch.position();
      if (position && !positions[String(chain.watch.chainId)]) positions[String(chain.watch.chainId)] = position;
    }

    for (const item of roundOrder(polls)) {
      positions[String(item.chainId)] = item.cursor;
      yield { ...item, cursor: cursorNow() };
    }
    for (const poll of polls) {
      if (!poll.synced) continue;
      positions[String(poll.synced.chainId)] = poll.synced.cursor;
      yield { ...poll.synced, cursor: cursorNow() };
    }
    await sleep(options.pollIntervalMs ?? 1000, options.signal);
  }
}
