import { queryOptions, skipToken } from "@tanstack/react-query";
import { type Address, type Hex, zeroAddress } from "viem";
import { readClient } from "@/lib/chain/readClient";
import { probeBlockNumber } from "@/lib/chain/rpcProbe";
import { APP_CHAIN_ID } from "@/lib/config/appChain";
import { revertedErrorName } from "@/lib/errors/revertedErrorName";
import { retryRead } from "./readRetry";

/**
 * Every read of the app, defined once: its key and its fetcher together. Components `useQuery(x(...))`; writes
 * invalidate `x(...).queryKey` (or a scope, for every account's copy). A missing input is `skipToken`, not a
 * disabled query with `!` assertions.
 */
const lower = (value: string | undefined) => value?.toLowerCase() ?? null;

/**
 * The readers, fetched when a query first runs (with the read client's actions: one chunk), so the layout's outage
 * probe does not bring them to pages that read no contract (a workflow, /verify before a hash is given).
 */
const reads = () => import("@/lib/reads/readCode");

export const recordQuery = (integraHash: Hex | undefined) =>
  queryOptions({
    queryKey: ["record", APP_CHAIN_ID, lower(integraHash)] as const,
    queryFn: integraHash ? async () => (await reads()).readRecord(readClient, integraHash) : skipToken,
    // An unknown record is an answer, not a failure: said at once. Other failures retry as every read does.
    retry: (count, error) => revertedErrorName(error) !== "RecordNotFound" && retryRead(count, error),
  });

export const recordTokensQuery = (integraHash: Hex | undefined, tokenizer?: Address, fromBlock?: bigint) =>
  queryOptions({
    queryKey: ["recordTokens", APP_CHAIN_ID, lower(integraHash)] as const,
    queryFn:
      integraHash && tokenizer && tokenizer !== zeroAddress
        ? async () => (await reads()).readRecordTokens(readClient, integraHash, tokenizer, fromBlock)
        : skipToken,
  });

/** A record's registration event (its encrypted private details): it never changes. */
export const registrationQuery = (integraHash: Hex, registeredBlock: bigint) =>
  queryOptions({
    queryKey: ["registration", APP_CHAIN_ID, lower(integraHash)] as const,
    queryFn: async () => (await reads()).readRegistration(readClient, integraHash, registeredBlock),
    staleTime: Infinity,
  });

export const recordsByContentQuery = (contentHash: Hex | undefined) =>
  queryOptions({
    queryKey: ["recordsByContent", APP_CHAIN_ID, lower(contentHash)] as const,
    queryFn: contentHash ? async () => (await reads()).readRecordsByContent(readClient, contentHash) : skipToken,
  });

/** A workflow's owner and members (who may register records into it). */
export const workflowQuery = (processHash: Hex | undefined) =>
  queryOptions({
    queryKey: ["workflow", APP_CHAIN_ID, lower(processHash)] as const,
    queryFn: processHash ? async () => (await reads()).readWorkflow(readClient, processHash) : skipToken,
  });

/** Every account's reservations: a write that reserves for someone else refreshes theirs too. */
export const reservationsScope = ["reservedFor", APP_CHAIN_ID] as const;
export const reservationsQuery = (account: Address | undefined) =>
  queryOptions({
    queryKey: [...reservationsScope, lower(account)] as const,
    queryFn: account ? async () => (await reads()).readReservationsFor(readClient, account) : skipToken,
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
          const { readCapabilities } = await reads();
          const [capabilities, block] = await Promise.all([readCapabilities(readClient, filter), readClient.getBlock()]);
          return { capabilities, now: block.timestamp };
        }
      : skipToken,
  });

export const paymentsQuery = (integraHash: Hex, fromBlock: bigint) =>
  queryOptions({
    queryKey: ["payments", APP_CHAIN_ID, lower(integraHash)] as const,
    queryFn: async () => (await reads()).readPayments(readClient, integraHash, fromBlock),
  });

/** Every account's "records I own". */
export const myRecordsScope = ["myRecords", APP_CHAIN_ID] as const;
export const myRecordsQuery = (account: Address | undefined) =>
  queryOptions({
    queryKey: [...myRecordsScope, lower(account)] as const,
    queryFn: account ? async () => (await reads()).readRecordsOwnedBy(readClient, account) : skipToken,
  });

export const offersQuery = (account: Address | undefined) =>
  queryOptions({
    queryKey: ["offersFor", APP_CHAIN_ID, lower(account)] as const,
    queryFn: account ? async () => (await reads()).readOffersFor(readClient, account) : skipToken,
  });

export const activityQuery = (account: Address) =>
  queryOptions({
    queryKey: ["activity", APP_CHAIN_ID, lower(account)] as const,
    queryFn: async () => (await reads()).readActivityOf(readClient, account),
    refetchInterval: 8_000,
  });

/**
 * The chain answers: the outage banner's probe. Every 10 s while it does, every 2 s while it does not, so the
 * banner goes soon after the chain is back. Never retried: the next probe is the retry. A plain fetch of
 * eth_blockNumber (lib/chain/rpcProbe.ts): it runs on every page, which then need no viem client until they read.
 */
export const rpcHealthQuery = () =>
  queryOptions({
    queryKey: ["rpcHealth", APP_CHAIN_ID] as const,
    queryFn: () => probeBlockNumber(),
    refetchInterval: (query) => (query.state.status === "error" ? 2_000 : 10_000),
    retry: false,
  });

export const relayerInfoQuery = () =>
  queryOptions({
    queryKey: ["relayerInfo", APP_CHAIN_ID] as const,
    queryFn: async () => (await reads()).fetchRelayerInfo(window.location.origin),
    staleTime: Infinity,
  });

/** The live timelines' keys (their fetch is incremental: see useTimeline). */
export const timelineKey = (integraHash: Hex) => ["timeline", APP_CHAIN_ID, integraHash.toLowerCase()] as const;
export const workflowTimelineKey = (processHash: Hex) => ["workflowTimeline", APP_CHAIN_ID, processHash.toLowerCase()] as const;

/** Everything shown about one record: what a new event of the record (by anyone) may have changed. */
export function recordReads(integraHash: Hex) {
  return [
    recordQuery(integraHash).queryKey,
    recordTokensQuery(integraHash).queryKey,
    capabilitiesQuery({ integraHash }).queryKey,
    paymentsQuery(integraHash, 0n).queryKey,
  ];
}
