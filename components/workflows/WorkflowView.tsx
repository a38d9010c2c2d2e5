"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type Address, type Hex, zeroHash } from "viem";
import { TimelineList } from "@/components/timeline/TimelineList";
import { AddressText } from "@/components/ui/AddressText";
import { Card } from "@/components/ui/Card";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import { workflowTimelineQuery } from "@/hooks/queries";
import { parseBytes32, shortHex } from "@/lib/format/hex";
import { workflowMembersOf } from "@/lib/timeline/workflowMembers";
import { WorkflowMembers } from "./WorkflowMembers";

/** Every event of one workflow (processHash) across records, live, each row marked with its record. */
export function WorkflowView({ rawHash }: { rawHash: string }) {
  const processHash = parseBytes32(rawHash);
  const timeline = useQuery(workflowTimelineQuery(processHash));

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
  // A workflow's own events (opened, members admitted or removed) belong to no record.
  const registrantOf = new Map<Hex, Address>();
  for (const entry of timeline.data?.entries ?? []) {
    if (entry.eventName === "RecordRegistered") registrantOf.set(entry.integraHash, entry.args.owner);
  }
  const records = [...new Set(timeline.data?.entries.map((e) => e.integraHash).filter((hash) => hash !== zeroHash) ?? [])];
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
          Nothing on this chain carries this processHash yet: nobody has opened this workflow.
        </Notice>
      ) : (
        <>
          <Card title="Owner and members">
            <WorkflowMembers processHash={processHash} workflow={workflowMembersOf(timeline.data.entries)} />
          </Card>
          <Card title={`Records in this workflow (${records.length})`}>
            <ul className="space-y-2 text-sm">
              {records.map((hash) => {
                const registrant = registrantOf.get(hash);
                return (
                  <li key={hash} className="flex flex-wrap items-center gap-x-2">
                    <Link href={`/records/${hash}`} className="mono text-teal-800 underline">
                      {shortHex(hash, 10, 8)}
                    </Link>
                    {registrant && <span className="text-slate-600">registered by</span>}
                    {registrant && <AddressText address={registrant} />}
                  </li>
                );
              })}
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
