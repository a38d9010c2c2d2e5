import { type TimelineEntry, newestFirst } from "./decodeEntry";

/**
 * Folds a re-read of blocks [refetchedFrom, …] into what was known: entries before that block are kept,
 * entries from it on are replaced by the re-read (so a log dropped by a reorg disappears), logs flagged
 * `removed` are dropped, and no log appears twice. Result is newest first.
 */
export function mergeEntries(known: TimelineEntry[], fetched: TimelineEntry[], refetchedFrom: bigint): TimelineEntry[] {
  const byId = new Map<string, TimelineEntry>();
  for (const entry of known) if (entry.blockNumber < refetchedFrom) byId.set(entry.id, entry);
  for (const entry of fetched) {
    if (entry.removed) byId.delete(entry.id);
    else byId.set(entry.id, entry);
  }
  return [...byId.values()].sort(newestFirst);
}
