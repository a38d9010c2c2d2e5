"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import type { Hex } from "viem";
import { recordTimelineQuery } from "@/hooks/queries";
import { Loading } from "@/components/ui/Skeleton";
import type { RecordInfo } from "@/lib/reads/records";
import { useRecordChainId } from "@/components/records/RecordChainContext";

// The panel's code, and the escrow's readers and ABI, come only for a record that holds escrows (its timeline shows an
// EscrowOpened) or to its owner or executor, who may open one: most records hold none, and their page ships none of it.
const EscrowPanel = dynamic(() => import("./EscrowPanel").then((m) => m.EscrowPanel), {
  loading: () => <Loading label="Reading escrows…" />,
});

/** The record page's escrow card: its escrows and, for the owner or executor, the form to open one. */
export function EscrowSection({ integraHash, record, canOpen }: { integraHash: Hex; record: RecordInfo; canOpen: boolean }) {
  const chainId = useRecordChainId();
  // The same query as the record's timeline card: one read serves both.
  const timeline = useQuery(recordTimelineQuery(chainId, integraHash, record.registeredBlock));
  const holdsEscrows = timeline.data?.entries.some((entry) => entry.eventName === "EscrowOpened") ?? false;
  if (!holdsEscrows && !canOpen) {
    if (timeline.isPending) return <Loading label="Reading escrows…" />;
    return (
      <p className="text-sm text-slate-600">
        No money is held in escrow for this record. Its owner or executor can open an escrow, released to a party when the conditions they
        set hold.
      </p>
    );
  }
  return <EscrowPanel integraHash={integraHash} record={record} canOpen={canOpen} />;
}
