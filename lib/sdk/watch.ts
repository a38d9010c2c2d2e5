import type { Address, Hex, PublicClient } from "viem";
import { integraAddresses } from "@/lib/deployment";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import { type WatchItem, type WatchOptions, watchEvents } from "@/lib/timeline/watchEvents";

/**
 * Watchers: async iterators of a record's, a workflow's or an account's events as they happen, reorg-safe
 * (a removed event is yielded as `retracted`) and resumable from a saved cursor. Stop one with
 * `options.signal` or by leaving the `for await` loop.
 *
 * @example
 * ```ts
 * for await (const item of watchWorkflow(client, processHash, { cursor: saved })) {
 *   if (item.type === "event" && item.entry.eventName === "DocumentComplete") notifyCourt(item.entry);
 *   save(item.cursor);
 * }
 * ```
 */
function withDefaults(options: WatchOptions): WatchOptions {
  return { maxRange: LOG_BLOCK_RANGE, ...options };
}

/** Every event of one record. */
export function watchRecord(
  client: PublicClient,
  integraHash: Hex,
  options: WatchOptions = {},
): AsyncGenerator<WatchItem, void, undefined> {
  return watchEvents(client, { addresses: integraAddresses, integraHash }, withDefaults(options));
}

/** Every event of one workflow, across its records (and registrants: anyone may reuse a workflow id). */
export function watchWorkflow(
  client: PublicClient,
  processHash: Hex,
  options: WatchOptions = {},
): AsyncGenerator<WatchItem, void, undefined> {
  return watchEvents(client, { addresses: integraAddresses, processHash }, withDefaults(options));
}

/** Every event addressed to `account`: reservations, claims, capabilities, payment requests, ownership offers. */
export function watchRecipient(
  client: PublicClient,
  account: Address,
  options: WatchOptions = {},
): AsyncGenerator<WatchItem, void, undefined> {
  return watchEvents(client, { addresses: integraAddresses, recipient: account }, withDefaults(options));
}
