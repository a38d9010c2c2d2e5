"use client";

import { workflowTimelineKey } from "@/hooks/queries";
import Link from "next/link";
import { useMemo } from "react";
import { TimelineList } from "@/components/timeline/TimelineList";
import { AddressText } from "@/components/ui/AddressText";
import { Card } from "@/components/ui/Card";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import { useTimeline } from "@/hooks/useTimeline";
import { deployBlock, integraAddresses } from "@/lib/deployment";
import { parseBytes32, shortHex } from "@/lib/format/hex";
import { workflowRegistrants } from "@/lib/timeline/registrants";

/** Every event of one workflow (processHash) across records, live, each row marked with its record. */
export function WorkflowView({ rawHash }: { rawHash: string }) {
  const processHash = parseBytes32(rawHash);
  const filter = useMemo(
    () => (processHash ? { addresses: integraAddresses, processHash, fromBlock: deployBlock } : undefined),
    [processHash],
  );
  const timeline = useTimeline(workflowTimelineKey(processHash ?? "0x"), filter);

  if (!processHash) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight">Workflow</h1>
        <Notice tone="error" title="This workflow link is broken">
          &ldquo;{decodeURIComponent(rawHash)}&rdquo; is not a workflow id. A processHash is 0x followed by 64 hexadecimal characters.
        </Notice>
      </div>
    );
  }
  const records = [...new Set(timeline.data?.entries.map((e) => e.integraHash) ?? [])];
  const registrants = workflowRegistrants(timeline.data?.entries ?? []);
  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm text-slate-500">Workflow</p>
        <h1 className="text-2xl font-bold tracking-tight">
          <span className="mono text-xl" title={processHash}>
            {shortHex(processHash, 10, 8)}
          </span>
        </h1>
      </header>
      {timeline.isPending ? (
        <Loading label="Reading the workflow's events…" />
      ) : !timeline.data ? (
        // A failed refresh keeps the events already read; only a failed first read has nothing to show.
        <ErrorNotice error={timeline.error} />
      ) : timeline.data.entries.length === 0 ? (
        <Notice tone="warning" title="No events for this workflow">
          Nothing on this chain carries this processHash yet.
        </Notice>
      ) : (
        <>
          {registrants.others.size > 0 && registrants.first && (
            <Notice
              tone="warning"
              title={`${registrants.others.size} record${registrants.others.size > 1 ? "s" : ""} registered by someone else`}
            >
              This workflow was started by <span className="mono">{shortHex(registrants.first)}</span>. Anyone can reuse a workflow id, so
              the records marked &ldquo;other registrant&rdquo; are not vouched for by whoever started it.
            </Notice>
          )}
          <Card title={`Records in this workflow (${records.length})`}>
            <ul className="space-y-2 text-sm">
              {records.map((hash) => {
                const registrant = registrants.byRecord.get(hash);
                const other = registrants.others.has(hash);
                return (
                  <li key={hash} className="flex flex-wrap items-center gap-x-2">
                    <Link href={`/records/${hash}`} className="mono text-teal-800 underline">
                      {shortHex(hash, 10, 8)}
                    </Link>
                    {registrant && <span className="text-slate-600">registered by</span>}
                    {registrant && <AddressText address={registrant} />}
                    {other && (
                      <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">other registrant</span>
                    )}
                    {registrant && !other && registrants.first && (
                      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">started the workflow</span>
                    )}
                  </li>
                );
              })}
            </ul>
          </Card>
          <Card title="Timeline">
            <TimelineList entries={timeline.data.entries} showRecord markedRecords={registrants.others} />
          </Card>
        </>
      )}
    </div>
  );
}
