import type { TimelineEntry } from "./decodeEntry";

/** One timeline entry of a workflow followed across chains, with the chain it happened on. */
export interface ChainEntry {
  chainId: number;
  entry: TimelineEntry;
}

/**
 * An entry's identity among every chain's: its log's id is unique on its chain only (two chains may hold the same
 * transaction hash, e.g. the same key's first transaction on two fresh chains).
 */
export function chainEntryId(e: ChainEntry): string {
  return `${e.chainId}:${e.entry.id}`;
}

/**
 * Newest first: by time, then (in the same second) by chain id, then by block and position in the block on that chain.
 * A total order over entries of distinct logs, so the merged list does not reshuffle between refreshes.
 */
export function newestFirstAcrossChains(a: ChainEntry, b: ChainEntry): number {
  if (a.entry.timestamp !== b.entry.timestamp) return a.entry.timestamp > b.entry.timestamp ? -1 : 1;
  if (a.chainId !== b.chainId) return a.chainId - b.chainId;
  if (a.entry.blockNumber !== b.entry.blockNumber) return a.entry.blockNumber > b.entry.blockNumber ? -1 : 1;
  return b.entry.logIndex - a.entry.logIndex;
}

/**
 * Each chain's timeline (newest first, as readTimeline keeps it: refreshed and reorg-handled per chain by
 * mergeEntries) merged into one, newest first. Clocks of different chains are not comparable below a block's second,
 * so entries of one second are grouped by chain in chain id order: the same entries always come out in the same order.
 */
export function mergeChainEntries(perChain: readonly { chainId: number; entries: readonly TimelineEntry[] }[]): ChainEntry[] {
  return perChain.flatMap(({ chainId, entries }) => entries.map((entry) => ({ chainId, entry }))).sort(newestFirstAcrossChains);
}
