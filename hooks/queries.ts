import { type QueryClient, type QueryKey, queryOptions, skipToken } from "@tanstack/react-query";
import { type Address, type Hex, zeroAddress, zeroHash } from "viem";
import { APP_CHAIN_ID, LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import { deployBlock, deployedAddress, integraAddresses } from "@/lib/deployment";
import { revertedErrorName } from "@/lib/errors/revertedErrorName";
import type { SignedForwardRequest } from "@/lib/forwarder/forwardRequest";
import type { EscrowOutcome } from "@/lib/escrow/outcomes";
import type { EscrowWait } from "@/lib/escrow/waiting";
import type { EscrowView } from "@/lib/reads/escrows";
import type { TimelineData, TimelineFilter } from "@/lib/timeline/readTimeline";
import { retryRead } from "./readRetry";

/**
 * Every read of the app, defined once: its key and its fetcher together. Components `useQuery(x(...))`; writes
 * invalidate `x(...).queryKey` (or a scope, for every account's copy). A missing input is `skipToken`, not a
 * disabled query with `!` assertions.
 */
const lower = (value: string | undefined) => value?.toLowerCase() ?? null;

/**
 * Runs `reader` with the readers and the read client (lib/reads/index.ts), loaded on the first read: the pages
 * that read nothing on mount (/verify before a file) do without them. A page that reads at once (a record) imports
 * them itself, so they come with its first load.
 */
async function read<T>(reader: (reads: typeof import("@/lib/reads")) => Promise<T>): Promise<T> {
  return reader(await import("@/lib/reads"));
}

export const recordQuery = (integraHash: Hex | undefined) =>
  queryOptions({
    queryKey: ["record", APP_CHAIN_ID, lower(integraHash)] as const,
    queryFn: integraHash
      ? async ({ client }) => {
          const record = await read((r) => r.readRecord(r.readClient, integraHash));
          // The status line's read starts now, not once every card of the page has rendered.
          if (record.tokenizer !== zeroAddress) void client.prefetchQuery(recordProgressQuery(integraHash, record.tokenizer));
          return record;
        }
      : skipToken,
    // An unknown record is an answer, not a failure: said at once. Other failures retry as every read does.
    retry: (count, error) => revertedErrorName(error) !== "RecordNotFound" && retryRead(count, error),
  });

export const recordTokensQuery = (integraHash: Hex | undefined, tokenizer?: Address, fromBlock?: bigint) =>
  queryOptions({
    queryKey: ["recordTokens", APP_CHAIN_ID, lower(integraHash)] as const,
    queryFn:
      integraHash && tokenizer && tokenizer !== zeroAddress
        ? () => read((r) => r.readRecordTokens(r.readClient, integraHash, tokenizer, fromBlock))
        : skipToken,
  });

/** How far the record's agreement is (the status line): one round trip, before the tokens table's longer read. */
export const recordProgressQuery = (integraHash: Hex, tokenizer: Address) =>
  queryOptions({
    // Under the tokens' key: every write that refreshes the tokens refreshes this too.
    queryKey: [...recordTokensQuery(integraHash).queryKey, "progress"] as const,
    queryFn: tokenizer !== zeroAddress ? () => read((r) => r.readRecordProgress(r.readClient, integraHash, tokenizer)) : skipToken,
  });

/** A record's registration event (its encrypted private details): it never changes. */
export const registrationQuery = (integraHash: Hex, registeredBlock: bigint) =>
  queryOptions({
    queryKey: ["registration", APP_CHAIN_ID, lower(integraHash)] as const,
    queryFn: () => read((r) => r.readRegistration(r.readClient, integraHash, registeredBlock)),
    staleTime: Infinity,
  });

export const recordsByContentQuery = (contentHash: Hex | undefined) =>
  queryOptions({
    queryKey: ["recordsByContent", APP_CHAIN_ID, lower(contentHash)] as const,
    queryFn: contentHash ? () => read((r) => r.readRecordsByContent(r.readClient, contentHash)) : skipToken,
  });

/** A workflow's owner and members (who may register records into it). */
export const workflowQuery = (processHash: Hex | undefined) =>
  queryOptions({
    queryKey: ["workflow", APP_CHAIN_ID, lower(processHash)] as const,
    queryFn: processHash ? () => read((r) => r.readWorkflow(r.readClient, processHash)) : skipToken,
  });

/** Every account's reservations: a write that reserves for someone else refreshes theirs too. */
export const reservationsScope = ["reservedFor", APP_CHAIN_ID] as const;
export const reservationsQuery = (account: Address | undefined) =>
  queryOptions({
    queryKey: [...reservationsScope, lower(account)] as const,
    queryFn: account ? () => read((r) => r.readReservationsFor(r.readClient, account)) : skipToken,
  });

/**
 * Capability attestations of a recipient or of a record (from its registeredBlock when the caller has it), with the
 * chain's current time (expiry is judged against the chain's clock, not the browser's).
 */
export const capabilitiesQuery = (filter: { recipient: Address } | { integraHash: Hex; fromBlock?: bigint } | undefined) =>
  queryOptions({
    queryKey: [
      "capabilities",
      APP_CHAIN_ID,
      filter && "recipient" in filter ? "recipient" : "record",
      lower(filter && ("recipient" in filter ? filter.recipient : filter.integraHash)),
    ] as const,
    queryFn: filter
      ? async () => {
          const [capabilities, block] = await read((r) => Promise.all([r.readCapabilities(r.readClient, filter), r.readClient.getBlock()]));
          return { capabilities, now: block.timestamp };
        }
      : skipToken,
  });

export const paymentsQuery = (integraHash: Hex, fromBlock: bigint) =>
  queryOptions({
    queryKey: ["payments", APP_CHAIN_ID, lower(integraHash)] as const,
    queryFn: () => read((r) => r.readPayments(r.readClient, integraHash, fromBlock)),
  });

/**
 * The read client with the chain's head read afresh: viem keeps the head block number for its polling interval, so a
 * read made right after a write (an attestation) would look for its logs only up to the block before it.
 */
function freshHead<T extends { getBlockNumber: (args?: { cacheTime?: number }) => Promise<bigint> }>(client: T): T {
  return { ...client, getBlockNumber: (args?: { cacheTime?: number }) => client.getBlockNumber({ ...args, cacheTime: 0 }) };
}

/** Escrows not settled yet change without an event of the record (an attestation, the chain's clock): read again. */
const ESCROW_REFRESH_MS = 10_000;

export interface RecordEscrows {
  /** Newest first, each condition as read now. */
  escrows: EscrowView[];
  /** How each ended, and the payouts kept for withdrawal, from the escrow's own events (by escrow id in decimal). */
  outcomes: Record<string, EscrowOutcome>;
}

/**
 * A record's escrows, each condition live, and their outcomes: the escrows' reads (lib/reads/escrows.ts) and one
 * eth_getLogs of the record's escrow events.
 */
export const escrowsQuery = (integraHash: Hex, fromBlock: bigint) =>
  queryOptions({
    queryKey: ["escrows", APP_CHAIN_ID, lower(integraHash)] as const,
    queryFn: async (): Promise<RecordEscrows> => {
      const [escrows, events, { escrowOutcomes }] = await Promise.all([
        read((r) => r.readEscrowsOf(freshHead(r.readClient), integraHash, fromBlock)),
        Promise.all([import("@/lib/timeline/readTimeline"), import("@/lib/chain/readClient")]).then(([{ readTimeline }, { readClient }]) =>
          readTimeline(freshHead(readClient), { addresses: [deployedAddress("IntegraEscrowV1")], integraHash, fromBlock }, LOG_BLOCK_RANGE),
        ),
        import("@/lib/escrow/outcomes"),
      ]);
      return { escrows, outcomes: escrowOutcomes(events.entries) };
    },
    refetchInterval: (query) =>
      query.state.data?.escrows.some((e) => e.status === "open" || e.status === "funded" || e.status === "disputed")
        ? ESCROW_REFRESH_MS
        : false,
  });

/** An escrow's asset: its symbol and decimals (ether: ETH, 18), or the contract's refusal for an address that is no ERC-20. */
export const escrowAssetQuery = (address: Address | undefined) =>
  queryOptions({
    queryKey: ["escrowAsset", APP_CHAIN_ID, lower(address)] as const,
    queryFn: address ? () => read((r) => r.readAsset(r.readClient, address)) : skipToken,
    staleTime: Infinity,
    retry: 1,
  });

/** An escrow that waits on the connected wallet, and for what. */
export interface EscrowWaiting {
  escrow: EscrowView;
  waits: EscrowWait[];
}

/** Every account's "escrows waiting for me". */
export const escrowsWaitingScope = ["escrowsWaiting", APP_CHAIN_ID] as const;

/**
 * The escrows waiting on `account` (its deposit, its approval, its attestation), among the records it already reads:
 * those with tokens reserved for it or claimed by it, and those it owns. An attester who is no party nor owner of
 * the record is not found this way (the escrow does not index its attester).
 */
export const escrowsWaitingQuery = (account: Address | undefined) =>
  queryOptions({
    queryKey: [...escrowsWaitingScope, lower(account)] as const,
    queryFn: account
      ? async ({ client }): Promise<EscrowWaiting[]> => {
          const [reservations, owned, { escrowWaitsFor }] = await Promise.all([
            client.ensureQueryData(reservationsQuery(account)),
            client.ensureQueryData(myRecordsQuery(account)),
            import("@/lib/escrow/waiting"),
          ]);
          const records = new Map<string, { integraHash: Hex; fromBlock: bigint; tokens: { tokenId: bigint; claimed: boolean }[] }>();
          for (const { integraHash, record } of owned) {
            records.set(integraHash.toLowerCase(), { integraHash, fromBlock: record.registeredBlock, tokens: [] });
          }
          for (const r of reservations) {
            if (r.status !== "reserved" && r.status !== "claimed") continue;
            const key = r.integraHash.toLowerCase();
            const entry = records.get(key) ?? { integraHash: r.integraHash, fromBlock: deployBlock, tokens: [] };
            entry.tokens.push({ tokenId: r.tokenId, claimed: r.status === "claimed" });
            records.set(key, entry);
          }
          const perRecord = await read((r) =>
            Promise.all(
              [...records.values()].map(async ({ integraHash, fromBlock, tokens }) =>
                (await r.readEscrowsOf(freshHead(r.readClient), integraHash, fromBlock)).map((escrow) => ({
                  escrow,
                  waits: escrowWaitsFor(escrow, account, tokens),
                })),
              ),
            ),
          );
          return perRecord.flat().filter((e) => e.waits.length > 0);
        }
      : skipToken,
  });

/** Every account's "records I own". */
export const myRecordsScope = ["myRecords", APP_CHAIN_ID] as const;
export const myRecordsQuery = (account: Address | undefined) =>
  queryOptions({
    queryKey: [...myRecordsScope, lower(account)] as const,
    queryFn: account ? () => read((r) => r.readRecordsOwnedBy(r.readClient, account)) : skipToken,
  });

export const offersQuery = (account: Address | undefined) =>
  queryOptions({
    queryKey: ["offersFor", APP_CHAIN_ID, lower(account)] as const,
    queryFn: account ? () => read((r) => r.readOffersFor(r.readClient, account)) : skipToken,
  });

export const activityQuery = (account: Address) =>
  queryOptions({
    queryKey: ["activity", APP_CHAIN_ID, lower(account)] as const,
    queryFn: () => read((r) => r.readActivityOf(r.readClient, account)),
    refetchInterval: 8_000,
  });

export const relayerInfoQuery = () =>
  queryOptions({
    queryKey: ["relayerInfo", APP_CHAIN_ID] as const,
    queryFn: () => read((r) => r.fetchRelayerInfo(window.location.origin)),
    staleTime: Infinity,
  });

const TIMELINE_REFRESH_MS = 4_000;

/** A refresh found events not seen before, or found events gone (a reorg retracted them). */
function changedEvents(previous: TimelineData, next: TimelineData): boolean {
  const before = new Set(previous.entries.map((e) => e.id));
  return next.entries.length !== before.size || next.entries.some((e) => !before.has(e.id));
}

/**
 * A live timeline: the first read covers the whole history from the filter's block; each refresh reads only the last
 * few blocks and the new ones, folding them into the cached data. When a refresh changes the events, `onChange` gets
 * the query client, to refresh exactly the reads those events change.
 */
function liveTimeline<const key extends QueryKey>(
  queryKey: key,
  filter: TimelineFilter | undefined,
  onChange?: (client: QueryClient) => void,
) {
  return queryOptions({
    queryKey,
    queryFn: filter
      ? async ({ client }) => {
          const previous = client.getQueryData<TimelineData>(queryKey);
          // The timeline's own code only: a workflow page reads nothing else.
          const [{ readTimeline }, { readClient }] = await Promise.all([
            import("@/lib/timeline/readTimeline"),
            import("@/lib/chain/readClient"),
          ]);
          const next = await readTimeline(readClient, filter, LOG_BLOCK_RANGE, previous);
          if (previous && changedEvents(previous, next)) onChange?.(client);
          return next;
        }
      : skipToken,
    refetchInterval: TIMELINE_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}

export const timelineKey = (integraHash: Hex) => ["timeline", APP_CHAIN_ID, integraHash.toLowerCase()] as const;
export const workflowTimelineKey = (processHash: Hex) => ["workflowTimeline", APP_CHAIN_ID, processHash.toLowerCase()] as const;

/** Every event of one record from every Integra contract, live; new events refresh the record's other reads. */
export const recordTimelineQuery = (integraHash: Hex, fromBlock: bigint) =>
  liveTimeline(timelineKey(integraHash), { addresses: integraAddresses, integraHash, fromBlock }, (client) => {
    for (const queryKey of recordReads(integraHash)) void client.invalidateQueries({ queryKey });
  });

/** Every event of one workflow (processHash) across its records, live. */
export const workflowTimelineQuery = (processHash: Hex | undefined) =>
  liveTimeline(
    workflowTimelineKey(processHash ?? zeroHash),
    processHash ? { addresses: integraAddresses, processHash, fromBlock: deployBlock } : undefined,
  );

/**
 * What a clerk checks of a party's signed request before paying for it (lib/forwarder/checkForwardRequest.ts). The
 * whole request is the key: two links that differ in any byte are checked apart.
 */
export const signedRequestChecksQuery = (request: SignedForwardRequest) =>
  queryOptions({
    queryKey: [
      "signedRequestChecks",
      APP_CHAIN_ID,
      { ...request, value: String(request.value), gas: String(request.gas), nonce: String(request.nonce) },
    ] as const,
    // Its checks (signatures, typed data) load when a signed link is opened, not with the record page.
    queryFn: async () => {
      const [{ checkForwardRequest }, { readClient }] = await Promise.all([
        import("@/lib/forwarder/checkForwardRequest"),
        import("@/lib/chain/readClient"),
      ]);
      return checkForwardRequest(readClient, request);
    },
  });

/** Everything shown about one record: what a new event of the record (by anyone) may have changed. */
export function recordReads(integraHash: Hex) {
  return [
    recordQuery(integraHash).queryKey,
    recordTokensQuery(integraHash).queryKey,
    capabilitiesQuery({ integraHash }).queryKey,
    paymentsQuery(integraHash, 0n).queryKey,
    escrowsQuery(integraHash, 0n).queryKey,
  ];
}
