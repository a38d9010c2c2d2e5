"use client";

import { useQuery } from "@tanstack/react-query";
import type { Hex } from "viem";
import { recordTimelineQuery } from "@/hooks/queries";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Loading } from "@/components/ui/Skeleton";
import { TimelineList } from "./TimelineList";
import { useRecordChainId } from "@/components/records/RecordChainContext";

/** Every event of one record from every Integra contract, live; new events refresh the record's other reads. */
export function RecordTimeline({ integraHash, fromBlock }: { integraHash: Hex; fromBlock: bigint }) {
  const chainId = useRecordChainId();
  const timeline = useQuery(recordTimelineQuery(chainId, integraHash, fromBlock));
  if (timeline.isPending) return <Loading label="Reading the record's events…" />;
  // A failed refresh keeps the events already read: only a first read that failed has nothing to show.
  if (!timeline.data) return <ErrorNotice error={timeline.error} />;
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500" aria-live="polite">
        {timeline.data.entries.length} events · updates as new blocks arrive (up to block {timeline.data.toBlock.toString()})
      </p>
      <TimelineList entries={timeline.data.entries.map((entry) => ({ chainId, entry }))} />
    </div>
  );
}
