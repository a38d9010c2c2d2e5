import { type Address, type Hex, type PublicClient, zeroHash } from "viem";
import { integraOf } from "@/lib/contracts";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import { type LogSource, conditionLogSource } from "@/lib/timeline/conditionEvents";
import type { TimelineFilter } from "@/lib/timeline/readTimeline";
import { watchChains } from "@/lib/timeline/watchChains";
import {
  type AnyWatchCursor,
  type MultiChainWatchCursor,
  type WatchItem,
  type WatchOptions,
  watchEvents,
} from "@/lib/timeline/watchEvents";
import { type WorkflowRef, workflowHash } from "./workflowRef";

/**
 * Watchers: async iterators of a record's, a workflow's or an account's events as they happen, reorg-safe
 * (a removed event is yielded as `retracted`) and resumable from a saved cursor. Stop one with
 * `options.signal` or by leaving the `for await` loop. A record's and a workflow's watch also deliver the condition
 * attestations their escrows wait on (`ConditionAttested`, `ConditionRevoked`: lib/timeline/conditionEvents.ts), by
 * an attester an escrow of the record names, so a keeper releases the moment an inspection is attested.
 *
 * Each reads the deployment of its client's chain. Given several clients (one per chain, each with its `chain` set),
 * a watcher follows the same record, workflow or account on every chain as one stream: each item names its `chainId`,
 * each poll round's events come oldest first across chains, and one cursor (version 2: each chain's cursor) resumes
 * every chain; a chain whose RPC fails is retried (`onRetry` names it) while the others go on.
 *
 * @example
 * ```ts
 * for await (const item of watchWorkflow([base, optimism], processHash, { cursor: saved })) {
 *   if (item.type === "event" && item.entry.eventName === "DocumentComplete") notifyCourt(item.chainId, item.entry);
 *   save(item.cursor);
 * }
 * ```
 */
function withDefaults(options: WatchOptions): WatchOptions {
  return { maxRange: LOG_BLOCK_RANGE, ...options };
}

/** What one chain's watch reads there: the filter on that chain's contracts, and the condition logs if any. */
type SourceOn = (client: PublicClient) => { filter: Omit<TimelineFilter, "fromBlock">; more?: LogSource };

const severalClients = (clients: PublicClient | readonly PublicClient[]): clients is readonly PublicClient[] => Array.isArray(clients);

/** One client: one chain's watch, with its chain's cursor. Several: the watch across their chains, with a v2 cursor. */
function watchOn(
  clients: PublicClient | readonly PublicClient[],
  sourceOn: SourceOn,
  options: WatchOptions,
): AsyncGenerator<WatchItem<AnyWatchCursor>, void, undefined> {
  if (!severalClients(clients)) {
    const { filter, more } = sourceOn(clients);
    return watchEvents(clients, filter, options, more);
  }
  const unnamed = clients.findIndex((client) => client.chain === undefined);
  if (unnamed !== -1) {
    throw new Error(
      `Client ${unnamed + 1} of the watch has no chain: make each client with its chain (createPublicClient({ chain, transport })), whose id picks its deployment.`,
    );
  }
  return watchChains(
    clients.map((client) => ({ client, ...sourceOn(client) })),
    options,
  );
}

/** Every event of one record, and the condition attestations its escrows wait on: on one chain, or on several. */
export function watchRecord(client: PublicClient, integraHash: Hex, options?: WatchOptions): AsyncGenerator<WatchItem, void, undefined>;
export function watchRecord(
  clients: readonly PublicClient[],
  integraHash: Hex,
  options?: WatchOptions,
): AsyncGenerator<WatchItem<MultiChainWatchCursor>, void, undefined>;
export function watchRecord(
  clients: PublicClient | readonly PublicClient[],
  integraHash: Hex,
  options?: WatchOptions,
): AsyncGenerator<WatchItem<AnyWatchCursor>, void, undefined>;
export function watchRecord(
  clients: PublicClient | readonly PublicClient[],
  integraHash: Hex,
  options: WatchOptions = {},
): AsyncGenerator<WatchItem<AnyWatchCursor>, void, undefined> {
  const settings = withDefaults(options);
  return watchOn(
    clients,
    (client) => ({
      filter: { addresses: integraOf(client).integraAddresses, integraHash },
      more: conditionLogSource(client, { integraHash }, settings.maxRange),
    }),
    settings,
  );
}

/**
 * Every event of one workflow (its processHash, or `{ owner, name }`): its opening and its members' admissions and
 * removals (WorkflowOpened, WorkflowMemberAdmitted, WorkflowMemberRemoved: integraHash zero), every event of every
 * record registered into it, by its owner or a member (the registry lets nobody else), whoever acts on the record later,
 * and the condition attestations those records' escrows wait on. A workflow's processHash is its owner's and name's on
 * every chain, so several clients follow the one workflow across their chains.
 * No event needs filtering out: each Integra contract stamps a record's events with the record's own processHash,
 * which it checks, so nobody outside the workflow can put an event on its timeline. The zero processHash is not a
 * workflow (it is every record registered outside one, by anyone) and is refused.
 */
export function watchWorkflow(
  client: PublicClient,
  workflow: WorkflowRef,
  options?: WatchOptions,
): AsyncGenerator<WatchItem, void, undefined>;
export function watchWorkflow(
  clients: readonly PublicClient[],
  workflow: WorkflowRef,
  options?: WatchOptions,
): AsyncGenerator<WatchItem<MultiChainWatchCursor>, void, undefined>;
export function watchWorkflow(
  clients: PublicClient | readonly PublicClient[],
  workflow: WorkflowRef,
  options?: WatchOptions,
): AsyncGenerator<WatchItem<AnyWatchCursor>, void, undefined>;
export function watchWorkflow(
  clients: PublicClient | readonly PublicClient[],
  workflow: WorkflowRef,
  options: WatchOptions = {},
): AsyncGenerator<WatchItem<AnyWatchCursor>, void, undefined> {
  const processHash = workflowHash(workflow);
  if (processHash === zeroHash) {
    throw new Error("The zero processHash is not a workflow: it is every record registered outside one, by anyone. Watch a workflow.");
  }
  const settings = withDefaults(options);
  return watchOn(
    clients,
    (client) => ({
      filter: { addresses: integraOf(client).integraAddresses, processHash },
      more: conditionLogSource(client, { processHash }, settings.maxRange),
    }),
    settings,
  );
}

/** Every event addressed to `account`: reservations, claims, capabilities, payment requests, ownership offers. */
export function watchRecipient(client: PublicClient, account: Address, options?: WatchOptions): AsyncGenerator<WatchItem, void, undefined>;
export function watchRecipient(
  clients: readonly PublicClient[],
  account: Address,
  options?: WatchOptions,
): AsyncGenerator<WatchItem<MultiChainWatchCursor>, void, undefined>;
export function watchRecipient(
  clients: PublicClient | readonly PublicClient[],
  account: Address,
  options?: WatchOptions,
): AsyncGenerator<WatchItem<AnyWatchCursor>, void, undefined>;
export function watchRecipient(
  clients: PublicClient | readonly PublicClient[],
  account: Address,
  options: WatchOptions = {},
): AsyncGenerator<WatchItem<AnyWatchCursor>, void, undefined> {
  return watchOn(
    clients,
    (client) => ({ filter: { addresses: integraOf(client).integraAddresses, recipient: account } }),
    withDefaults(options),
  );
}
