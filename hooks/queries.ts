import { type QueryClient, type QueryKey, queryOptions, skipToken } from "@tanstack/react-query";
import { type Address, type Hex, zeroAddress, zeroHash } from "viem";
import { APP_CHAIN_ID, LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import { deployBlock, integraAddresses } from "@/lib/deployment";
import { revertedErrorName } from "@/lib/errors/revertedErrorName";
import type { SignedForwardRequest } from "@/lib/forwarder/forwardRequest";
import type { TimelineData, TimelineFilter } from "@/lib/timeline/readTimeline";
import { retryRead } from "./readRetry";

/**
 * Every read of the app, defined once: its key and its fetcher together. Components `useQuery(x(...))`; writes
 * invalidate `x(...).queryKey` (or a scope, for every account's copy). A missing input is `skipToken`, not a
 * disabled query with `!` assertions.
 */
export const lower = (value: string | undefined) => value?.toLowerCase() ?? null;

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
    escrowsKey(integraHash),
  ];
}

/** The key of a record's escrows (hooks/escrowQueries.ts), which a new event of the record refreshes too. */
export const escrowsKey = (integraHash: Hex) => ["escrows", APP_CHAIN_ID, lower(integraHash)] as const;
