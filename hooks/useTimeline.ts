"use client";

import { type QueryKey, skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { readClient } from "@/lib/chain/readClient";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import { type TimelineData, type TimelineFilter, readTimeline } from "@/lib/timeline/readTimeline";

const REFRESH_MS = 4_000;

/**
 * A live timeline: the first read covers the whole history from the filter's block; each refresh reads only
 * the last few blocks and the new ones, folding them into the cached data. `onNewEvents` runs when a refresh
 * finds events not seen before, or finds events gone (a reorg retracted them), to refresh exactly the reads those
 * events change.
 */
function changedEvents(previous: TimelineData, next: TimelineData): boolean {
  const before = new Set(previous.entries.map((e) => e.id));
  return next.entries.length !== before.size || next.entries.some((e) => !before.has(e.id));
}

export function useTimeline(queryKey: QueryKey, filter: TimelineFilter | undefined, onNewEvents?: () => void) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey,
    queryFn: filter
      ? async () => {
          const previous = queryClient.getQueryData<TimelineData>(queryKey);
          const next = await readTimeline(readClient, filter, LOG_BLOCK_RANGE, previous);
          if (previous && changedEvents(previous, next)) onNewEvents?.();
          return next;
        }
      : skipToken,
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}
