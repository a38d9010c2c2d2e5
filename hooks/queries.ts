import { type QueryClient, type QueryKey, queryOptions, skipToken } from "@tanstack/react-query";
import { type Address, type Hex, zeroAddress, zeroHash } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import { servedChains } from "@/lib/config/servedChains";
import { type DeploymentFacts, factsOn } from "@/lib/deployment";
import { revertedErrorName } from "@/lib/errors/revertedErrorName";
import type { SignedForwardRequest } from "@/lib/forwarder/forwardRequest";
import type { TimelineData, TimelineFilter } from "@/lib/timeline/readTimeline";
import { retryRead } from "./readRetry";

/**
 * Every read of the app, defined once: its key and its fetcher together. Components `useQuery(x(...))`; writes
 * invalidate `x(...).queryKey` (or a scope, for every account's copy). A missing input is `skipToken`, not a
 * disabled query with `!` assertions. A read of the chain names the chain it is on (`chainId`, one of servedChains), in
 * its key too: the same record, account or workflow is a different read on each chain.
 */
export const lower = (value: string | undefined) => value?.toLowerCase() ?? null;

/**
 * Runs `reader` with the readers (lib/reads/index.ts) and chain `chainId`'s read client, loaded on the first read:
 * the pages that read nothing on mount (/verify before a file) do without them. A page that reads at once (a record)
 * imports them itself, so they come with its first load.
 */
async function read<T>(chainId: number, reader: (reads: typeof import("@/lib/reads"), client: ReadClient) => Promise<T>): Promise<T> {
  const [reads, { readClientOn }] = await Promise.all([import("@/lib/reads"), import("@/lib/chain/readClient")]);
  return reader(reads, readClientOn(chainId));
}

/** An unknown record is an answer, not a failure: said at once. Other failures retry as every read does. */
const retryUnlessNotFound = (count: number, error: Error) => revertedErrorName(error) !== "RecordNotFound" && retryRead(count, error);

export const recordQuery = (chainId: number, integraHash: Hex | undefined) =>
  queryOptions({
    queryKey: ["record", chainId, lower(integraHash)] as const,
    queryFn: integraHash
      ? async ({ client }) => {
          const record = await read(chainId, (r, chain) => r.readRecord(chain, integraHash));
          // The status line's read starts now, not once every card of the page has rendered.
          if (record.tokenizer !== zeroAddress) void client.prefetchQuery(recordProgressQuery(chainId, integraHash, record.tokenizer));
          return record;
        }
      : skipToken,
    retry: retryUnlessNotFound,
  });

/**
 * The served chain a record link without a chain names: the default chain's record if it has one, else the first
 * other served chain's (in servedChains' order). The record read on the way is kept as that chain's recordQuery, so
 * the page does not read it again. Not found on any: the last chain's RecordNotFound.
 */
export const recordChainQuery = (integraHash: Hex | undefined) =>
  queryOptions({
    queryKey: ["recordChain", lower(integraHash)] as const,
    queryFn: integraHash
      ? async ({ client }) => {
          let notFound: unknown;
          // One chain after the other: a record on the default chain costs the same reads as with one chain served.
          for (const chain of servedChains) {
            try {
              await client.fetchQuery(recordQuery(chain.id, integraHash));
              return chain.id;
            } catch (error) {
              if (revertedErrorName(error) !== "RecordNotFound") throw error;
              notFound = error;
            }
          }
          throw notFound;
        }
      : skipToken,
    // A record does not move: once found, its chain stays known. Each chain's read retries by itself (recordQuery).
    staleTime: Infinity,
    retry: false,
  });

export const recordTokensQuery = (chainId: number, integraHash: Hex | undefined, tokenizer?: Address, fromBlock?: bigint) =>
  queryOptions({
    queryKey: ["recordTokens", chainId, lower(integraHash)] as const,
    queryFn:
      integraHash && tokenizer && tokenizer !== zeroAddress
        ? () => read(chainId, (r, chain) => r.readRecordTokens(chain, integraHash, tokenizer, fromBlock))
        : skipToken,
  });

/** How far the record's agreement is (the status line): one round trip, before the tokens table's longer read. */
export const recordProgressQuery = (chainId: number, integraHash: Hex, tokenizer: Address) =>
  queryOptions({
    // Under the tokens' key: every write that refreshes the tokens refreshes this too.
    queryKey: [...recordTokensQuery(chainId, integraHash).queryKey, "progress"] as const,
    queryFn: tokenizer !== zeroAddress ? () => read(chainId, (r, chain) => r.readRecordProgress(chain, integraHash, tokenizer)) : skipToken,
  });

/** A record's registration event (its encrypted private details): it never changes. */
export const registrationQuery = (chainId: number, integraHash: Hex, registeredBlock: bigint) =>
  queryOptions({
    queryKey: ["registration", chainId, lower(integraHash)] as const,
    queryFn: () => read(chainId, (r, chain) => r.readRegistration(chain, integraHash, registeredBlock)),
    staleTime: Infinity,
  });

export const recordsByContentQuery = (chainId: number, contentHash: Hex | undefined) =>
  queryOptions({
    queryKey: ["recordsByContent", chainId, lower(contentHash)] as const,
    queryFn: contentHash ? () => read(chainId, (r, chain) => r.readRecordsByContent(chain, contentHash)) : skipToken,
  });

/** A workflow's owner and members on one chain (who may register records into it there). */
export const workflowQuery = (chainId: number, processHash: Hex | undefined) =>
  queryOptions({
    queryKey: ["workflow", chainId, lower(processHash)] as const,
    queryFn: processHash ? () => read(chainId, (r, chain) => r.readWorkflow(chain, processHash)) : skipToken,
  });

/** Every account's reservations on every chain: a write that reserves for someone else refreshes theirs too. */
export const reservationsScope = ["reservedFor"] as const;
export const reservationsQuery = (chainId: number, account: Address | undefined) =>
  queryOptions({
    queryKey: [...reservationsScope, chainId, lower(account)] as const,
    queryFn: account ? () => read(chainId, (r, chain) => r.readReservationsFor(chain, account)) : skipToken,
  });

/**
 * Capability attestations of a recipient or of a record (from its registeredBlock when the caller has it), with the
 * chain's current time (expiry is judged against the chain's clock, not the browser's).
 */
export const capabilitiesQuery = (chainId: number, filter: { recipient: Address } | { integraHash: Hex; fromBlock?: bigint } | undefined) =>
  queryOptions({
    queryKey: [
      "capabilities",
      chainId,
      filter && "recipient" in filter ? "recipient" : "record",
      lower(filter && ("recipient" in filter ? filter.recipient : filter.integraHash)),
    ] as const,
    queryFn: filter
      ? async () => {
          const [capabilities, block] = await read(chainId, (r, chain) =>
            Promise.all([r.readCapabilities(chain, filter), chain.getBlock()]),
          );
          return { capabilities, now: block.timestamp };
        }
      : skipToken,
  });

export const paymentsQuery = (chainId: number, integraHash: Hex, fromBlock: bigint) =>
  queryOptions({
    queryKey: ["payments", chainId, lower(integraHash)] as const,
    queryFn: () => read(chainId, (r, chain) => r.readPayments(chain, integraHash, fromBlock)),
  });

/** Every account's "records I own", on every chain. */
export const myRecordsScope = ["myRecords"] as const;
export const myRecordsQuery = (chainId: number, account: Address | undefined) =>
  queryOptions({
    queryKey: [...myRecordsScope, chainId, lower(account)] as const,
    queryFn: account ? () => read(chainId, (r, chain) => r.readRecordsOwnedBy(chain, account)) : skipToken,
  });

export const offersQuery = (chainId: number, account: Address | undefined) =>
  queryOptions({
    queryKey: ["offersFor", chainId, lower(account)] as const,
    queryFn: account ? () => read(chainId, (r, chain) => r.readOffersFor(chain, account)) : skipToken,
  });

export const activityQuery = (chainId: number, account: Address) =>
  queryOptions({
    queryKey: ["activity", chainId, lower(account)] as const,
    queryFn: () => read(chainId, (r, chain) => r.readActivityOf(chain, account)),
    refetchInterval: 8_000,
  });

/** The app's relayer (app/api/relay) on chain `chainId` (a record's): each served chain has its own sponsor and policy. */
export const relayerInfoQuery = (chainId: number) =>
  queryOptions({
    queryKey: ["relayerInfo", chainId] as const,
    queryFn: async () => (await import("@/lib/reads")).fetchRelayerInfo(window.location.origin, chainId),
    staleTime: Infinity,
  });

const TIMELINE_REFRESH_MS = 4_000;

/** A refresh found events not seen before, or found events gone (a reorg retracted them). */
function changedEvents(previous: TimelineData, next: TimelineData): boolean {
  const before = new Set(previous.entries.map((e) => e.id));
  return next.entries.length !== before.size || next.entries.some((e) => !before.has(e.id));
}

/**
 * A live timeline on chain `chainId`: the first read covers the whole history from the filter's block; each refresh
 * reads only the last few blocks and the new ones, folding them into the cached data. The filter is made from the
 * chain's deployment when the read runs (a chain with none fails that read, not the page's render). When a refresh
 * changes the events, `onChange` gets the query client, to refresh exactly the reads those events change.
 */
function liveTimeline<const key extends QueryKey>(
  queryKey: key,
  chainId: number,
  filterOn: ((facts: DeploymentFacts) => TimelineFilter) | undefined,
  onChange?: (client: QueryClient) => void,
) {
  return queryOptions({
    queryKey,
    queryFn: filterOn
      ? async ({ client }) => {
          const previous = client.getQueryData<TimelineData>(queryKey);
          // The timeline's own code only: a workflow page reads nothing else.
          const [{ readTimeline }, { readClientOn }] = await Promise.all([
            import("@/lib/timeline/readTimeline"),
            import("@/lib/chain/readClient"),
          ]);
          const next = await readTimeline(readClientOn(chainId), filterOn(factsOn(chainId)), LOG_BLOCK_RANGE, previous);
          if (previous && changedEvents(previous, next)) onChange?.(client);
          return next;
        }
      : skipToken,
    refetchInterval: TIMELINE_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}

export const timelineKey = (chainId: number, integraHash: Hex) => ["timeline", chainId, integraHash.toLowerCase()] as const;
export const workflowTimelineKey = (chainId: number, processHash: Hex) => ["workflowTimeline", chainId, processHash.toLowerCase()] as const;

/** Every event of one record from every Integra contract of its chain, live; new events refresh the record's other reads. */
export const recordTimelineQuery = (chainId: number, integraHash: Hex, fromBlock: bigint) =>
  liveTimeline(
    timelineKey(chainId, integraHash),
    chainId,
    (facts) => ({ addresses: facts.integraAddresses, integraHash, fromBlock }),
    (client) => {
      for (const queryKey of recordReads(chainId, integraHash)) void client.invalidateQueries({ queryKey });
    },
  );

/**
 * Every event of one workflow (processHash) on chain `chainId`, across its records there, live. A workflow followed
 * across chains is one of these per served chain, merged by the page (lib/timeline/chainTimeline.ts).
 */
export const workflowTimelineQuery = (chainId: number, processHash: Hex | undefined) =>
  liveTimeline(
    workflowTimelineKey(chainId, processHash ?? zeroHash),
    chainId,
    processHash ? (facts) => ({ addresses: facts.integraAddresses, processHash, fromBlock: facts.deployBlock }) : undefined,
  );

/**
 * What a clerk checks of a party's signed request before paying for it (lib/forwarder/checkForwardRequest.ts). The
 * whole request is the key: two links that differ in any byte are checked apart.
 */
export const signedRequestChecksQuery = (chainId: number, request: SignedForwardRequest) =>
  queryOptions({
    queryKey: [
      "signedRequestChecks",
      chainId,
      { ...request, value: String(request.value), gas: String(request.gas), nonce: String(request.nonce) },
    ] as const,
    // Its checks (signatures, typed data) load when a signed link is opened, not with the record page.
    queryFn: async () => {
      const [{ checkForwardRequest }, { readClientOn }] = await Promise.all([
        import("@/lib/forwarder/checkForwardRequest"),
        import("@/lib/chain/readClient"),
      ]);
      return checkForwardRequest(readClientOn(chainId), request);
    },
  });

/** Everything shown about one record: what a new event of the record (by anyone) may have changed. */
export function recordReads(chainId: number, integraHash: Hex) {
  return [
    recordQuery(chainId, integraHash).queryKey,
    recordTokensQuery(chainId, integraHash).queryKey,
    capabilitiesQuery(chainId, { integraHash }).queryKey,
    paymentsQuery(chainId, integraHash, 0n).queryKey,
    escrowsKey(chainId, integraHash),
  ];
}

/** The key of a record's escrows (hooks/escrowQueries.ts), which a new event of the record refreshes too. */
export const escrowsKey = (chainId: number, integraHash: Hex) => ["escrows", chainId, lower(integraHash)] as const;
