// The watch's loop: print each event, hand it to the hooks, and only then move the cursor past it.
import type { AnyWatchCursor, WatchCursor, WatchItem } from "@/lib/sdk";
import { type DeliveryPolicy, type Hook, type HookEvent, type Stopping, deliver, eventLabel } from "./delivery";
import { eventLine } from "./eventLine";

export interface FollowOptions {
  hooks: readonly Hook[];
  policy: DeliveryPolicy;
  stopping: Stopping;
  /** Where the event lines go (stdout). */
  print(line: string): void;
  /** Keeps the cursor (--cursor FILE), or nothing: one chain's, or (a watch of several chains) one per chain. */
  save(cursor: AnyWatchCursor): Promise<void>;
  /** What the watch is doing (stderr). */
  log(message: string): void;
  /** The cursor the watch resumed from, if it did. */
  resumedFrom?: AnyWatchCursor;
}

/**
 * `finished`: the items ended or the watch was told to stop (the cursor covers exactly the events fully delivered).
 * `stop`: --on-failure stop gave up on `event`; the saved cursor is just before it.
 */
export type FollowEnd = { end: "finished" } | { end: "stop"; event: string; hook: string; problem: string };

type EventItem = Extract<WatchItem<AnyWatchCursor>, { type: "event" | "retracted" }>;

/**
 * The hooks' view of an item; the delivery id is the log's place in its chain history (a block hash is its chain's
 * own), so it survives restarts.
 */
export function hookEvent(item: EventItem): HookEvent {
  const id = `${item.entry.blockHash}:${item.entry.logIndex}`;
  return {
    type: item.type,
    chainId: item.chainId,
    acrossChains: item.cursor.version === 2,
    entry: item.entry,
    line: eventLine(item.type, item.entry, item.chainId),
    deliveryId: item.type === "retracted" ? `${id}:retracted` : id,
  };
}

/** One chain's cursor without the log at `blockHash`/`logIndex` in its tail. */
function withoutLog(cursor: WatchCursor, { blockHash, logIndex }: EventItem["entry"]): WatchCursor {
  return { ...cursor, tail: cursor.tail.filter((log) => !(log.blockHash === blockHash && Number(log.logIndex) === logIndex)) };
}

/**
 * The cursor just before `item`: the item's own cursor without its log in the tail (of its chain's cursor, across
 * chains). Within one poll the cursor's block does not move, so this is where the watch stood before the event, and
 * resuming from it delivers the event. Only needed for a watch's first event when it has no cursor yet (a retraction is
 * never first: it retracts a log of the tail, which only a resumed cursor or an earlier item puts there).
 */
function cursorBefore(item: EventItem): AnyWatchCursor {
  const { cursor } = item;
  if (cursor.version === 1) return withoutLog(cursor, item.entry);
  const chainId = String(item.chainId);
  return { ...cursor, chains: { ...cursor.chains, [chainId]: withoutLog(cursor.chains[chainId], item.entry) } };
}

/**
 * Delivers `items` one at a time, in order: an event's line is printed, then its hooks run until they succeed, and
 * only then is the cursor saved past it, so the cursor never covers an event whose hooks did not succeed (or were
 * skipped by --on-failure skip). A stop request (SIGINT/SIGTERM) lets the event in hand finish within the grace
 * period, then ends the loop; an event cut off is not saved, so a restart delivers it again.
 */
export async function follow(items: AsyncIterable<WatchItem<AnyWatchCursor>>, options: FollowOptions): Promise<FollowEnd> {
  let saved = options.resumedFrom;
  for await (const item of items) {
    // Asked to stop while the watch was polling: no event is in hand, and the cursor covers all that was handled.
    if (options.stopping.requested.aborted) break;
    if (item.type !== "synced") {
      // A first run has no cursor file yet: one is written before any hook runs, so that whatever happens to this
      // event (a crash, a stop, SIGKILL) a restart resumes before it rather than at the chain's head.
      if (saved === undefined) {
        saved = cursorBefore(item);
        await options.save(saved);
      }
      const event = hookEvent(item);
      options.print(event.line);
      const delivery = await deliver(options.hooks, event, options.policy, options.stopping, options.log);
      // The saved cursor stays before the event: a restart delivers it again.
      if (delivery.outcome === "interrupted") break;
      if (delivery.outcome === "stop") return { end: "stop", event: eventLabel(event), hook: delivery.hook, problem: delivery.problem };
    }
    await options.save(item.cursor);
    saved = item.cursor;
    if (options.stopping.requested.aborted) break;
  }
  return { end: "finished" };
}
