import { useQueries } from "@tanstack/react-query";
import type { Address, Chain, Hex } from "viem";
import { zeroHash } from "viem";
import { servedChains } from "@/lib/config/servedChains";
import type { Workflow } from "@/lib/reads/workflows";
import { type ChainEntry, mergeChainEntries } from "@/lib/timeline/chainTimeline";
import type { TimelineEntry } from "@/lib/timeline/decodeEntry";
import { workflowMembersOf } from "@/lib/timeline/workflowMembers";
import { workflowTimelineQuery } from "./queries";

/** One served chain's part of a workflow: what was read of it, and whether reading it fails now. */
export interface ChainTimelineState {
  chain: Chain;
  /** The chain's events read so far, newest first (kept through failed refreshes); undefined before its first read. */
  entries: readonly TimelineEntry[] | undefined;
  /** Why its last read failed (a first read or a refresh; it is retried meanwhile); null while reads succeed. */
  failure: Error | null;
  /** Its last read failed for good (retries spent): without events read before, the chain has none to show. */
  failed: boolean;
}

/** A record of the workflow, on its chain. */
export interface WorkflowRecord {
  chainId: number;
  integraHash: Hex;
  /** Who registered it, when its registration is among the events read. */
  registrant: Address | undefined;
  /** Its agreement completed (DocumentComplete among its events). */
  complete: boolean;
}

/** What one chain holds of the workflow, told by its events alone. */
export interface ChainPart {
  chainId: number;
  records: number;
  complete: number;
  /** Its owner and members there (a workflow is opened, and admits, on each chain apart). */
  workflow: Workflow;
}

/**
 * The workflow's records, each on its chain, in the order of their newest event (as the merged timeline lists them).
 * A workflow's own events (opened, members admitted or removed) belong to no record.
 */
export function workflowRecordsOf(entries: readonly ChainEntry[]): WorkflowRecord[] {
  const records = new Map<string, WorkflowRecord>();
  const keyOf = (chainId: number, integraHash: Hex) => `${chainId}:${integraHash.toLowerCase()}`;
  for (const { chainId, entry } of entries) {
    if (entry.integraHash === zeroHash) continue;
    const key = keyOf(chainId, entry.integraHash);
    const record = records.get(key) ?? { chainId, integraHash: entry.integraHash, registrant: undefined, complete: false };
    if (entry.eventName === "RecordRegistered") record.registrant = entry.args.owner;
    if (entry.eventName === "DocumentComplete") record.complete = true;
    records.set(key, record);
  }
  return [...records.values()];
}

/** Each read chain's part of the workflow: its records, how many of them are complete, and its owner and members. */
export function chainPartsOf(perChain: readonly { chainId: number; entries: readonly TimelineEntry[] }[]): ChainPart[] {
  return perChain.map(({ chainId, entries }) => {
    const records = workflowRecordsOf(entries.map((entry) => ({ chainId, entry })));
    return {
      chainId,
      records: records.length,
      complete: records.filter((r) => r.complete).length,
      workflow: workflowMembersOf(entries),
    };
  });
}

/** Whether every chain that knows the workflow gives it the same owner and members (then the page says them once). */
export function sameMembersEverywhere(parts: readonly ChainPart[]): boolean {
  const setOf = ({ workflow }: ChainPart) =>
    JSON.stringify([workflow.owner?.toLowerCase() ?? null, workflow.members.map((m) => m.toLowerCase()).sort()]);
  const opened = parts.filter((p) => p.workflow.owner !== undefined);
  return opened.every((p) => setOf(p) === setOf(opened[0]));
}

/**
 * A workflow followed on every served chain: one live timeline per chain (hooks/queries.ts workflowTimelineQuery),
 * each refreshed and failing apart, and their events merged into one timeline, newest first. A chain that cannot be
 * read keeps the events read before; the others keep refreshing.
 */
export function useWorkflowAcrossChains(processHash: Hex | undefined) {
  const timelines = useQueries({ queries: servedChains.map((chain) => workflowTimelineQuery(chain.id, processHash)) });
  const chains: ChainTimelineState[] = servedChains.map((chain, i) => ({
    chain,
    entries: timelines[i].data?.entries,
    failure: timelines[i].failureReason,
    failed: timelines[i].isError,
  }));
  const perChain = chains.flatMap(({ chain, entries }) => (entries ? [{ chainId: chain.id, entries }] : []));
  return {
    chains,
    /** Whether any chain's events are read yet. */
    anyRead: perChain.length > 0,
    /** Every read chain's events, newest first. */
    entries: mergeChainEntries(perChain),
    parts: chainPartsOf(perChain),
  };
}
