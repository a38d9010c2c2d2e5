import { type Address, type Hex, type PublicClient, zeroHash } from "viem";
import { integraAddresses } from "@/lib/deployment";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import { conditionLogSource } from "@/lib/timeline/conditionEvents";
import { type WatchItem, type WatchOptions, watchEvents } from "@/lib/timeline/watchEvents";
import { type WorkflowRef, workflowHash } from "./workflowRef";

/**
 * Watchers: async iterators of a record's, a workflow's or an account's events as they happen, reorg-safe
 * (a removed event is yielded as `retracted`) and resumable from a saved cursor. Stop one with
 * `options.signal` or by leaving the `for await` loop. A record's and a workflow's watch also deliver the condition
 * attestations their escrows wait on (`ConditionAttested`, `ConditionRevoked`: lib/timeline/conditionEvents.ts), by
 * an attester an escrow of the record names, so a keeper releases the moment an inspection is attested.
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

/** Every event of one record, and the condition attestations its escrows wait on. */
export function watchRecord(
  client: PublicClient,
  integraHash: Hex,
  options: WatchOptions = {},
): AsyncGenerator<WatchItem, void, undefined> {
  const settings = withDefaults(options);
  return watchEvents(
    client,
    { addresses: integraAddresses, integraHash },
    settings,
    conditionLogSource(client, { integraHash }, settings.maxRange),
  );
}

/**
 * Every event of one workflow (its processHash, or `{ owner, name }`): its opening and its members' admissions and
 * removals (WorkflowOpened, WorkflowMemberAdmitted, WorkflowMemberRemoved: integraHash zero), every event of every
 * record registered into it, by its owner or a member (the registry lets nobody else), whoever acts on the record later,
 * and the condition attestations those records' escrows wait on.
 * No event needs filtering out: each Integra contract stamps a record's events with the record's own processHash,
 * which it checks, so nobody outside the workflow can put an event on its timeline. The zero processHash is not a
 * workflow (it is every record registered outside one, by anyone) and is refused.
 */
export function watchWorkflow(
  client: PublicClient,
  workflow: WorkflowRef,
  options: WatchOptions = {},
): AsyncGenerator<WatchItem, void, undefined> {
  const processHash = workflowHash(workflow);
  if (processHash === zeroHash) {
    throw new Error("The zero processHash is not a workflow: it is every record registered outside one, by anyone. Watch a workflow.");
  }
  const settings = withDefaults(options);
  return watchEvents(
    client,
    { addresses: integraAddresses, processHash },
    settings,
    conditionLogSource(client, { processHash }, settings.maxRange),
  );
}

/** Every event addressed to `account`: reservations, claims, capabilities, payment requests, ownership offers. */
export function watchRecipient(
  client: PublicClient,
  account: Address,
  options: WatchOptions = {},
): AsyncGenerator<WatchItem, void, undefined> {
  return watchEvents(client, { addresses: integraAddresses, recipient: account }, withDefaults(options));
}
