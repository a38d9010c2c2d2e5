"use client";

import Link from "next/link";
import { useMemo } from "react";
import { TimelineList } from "@/components/timeline/TimelineList";
import { Card } from "@/components/ui/Card";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import { useTimeline } from "@/hooks/useTimeline";
import { deployBlock, integraAddresses } from "@/lib/contracts";
import { parseBytes32, shortHex } from "@/lib/format/hex";
import { queryKeys } from "@/lib/queryKeys";

/** Every event of one workflow (processHash) across records, live, each row marked with its record. */
export function WorkflowView({ rawHash }: { rawHash: string }) {
  const processHash = parseBytes32(rawHash);
  const filter = useMemo(() => (processHash ? { addresses: integraAddresses, processHash, fromBlock: deployBlock } : undefined), [processHash]);
  const timeline = useTimeline(queryKeys.workflowTimeline(processHash ?? "0x"), filter);

  if (!processHash) {
    return (
      <Notice tone="error" title="This workflow link is broken">
        &ldquo;{decodeURIComponent(rawHash)}&rdquo; is not a workflow id. A processHash is 0x followed by 64 hexadecimal characters.
      </Notice>
    );
  }
  const records = [...new Set(timeline.data?.entries.map((e) => e.integraHash) ?? [])];
  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm text-slate-500">Workflow</p>
        <h1 className="text-2xl font-bold tracking-tight"><span className="mono text-xl" title={processHash}>{shortHex(processHash, 10, 8)}</span></h1>
      </header>
      {timeline.isPending ? (
        <Loading label="Reading the workflow's events…" />
      ) : timeline.isError ? (
        <ErrorNotice error={timeline.error} />
      ) : timeline.data.entries.length === 0 ? (
        <Notice tone="warning" title="No events for this workflow">Nothing on this chain carries this processHash yet.</Notice>
      ) : (
        <>
          <Card title={`Records in this workflow (${records.length})`}>
            <ul className="space-y-1 text-sm">
              {records.map((hash) => (
                <li key={hash}><Link href={`/records/${hash}`} className="mono text-teal-800 underline">{shortHex(hash, 10, 8)}</Link></li>
              ))}
            </ul>
          </Card>
          <Card title="Timeline">
            <TimelineList entries={timeline.data.entries} showRecord />
          </Card>
        </>
      )}
    </div>
  );
}
