"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import type { Hex } from "viem";
import { escrowsQuery } from "@/hooks/queries";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Loading } from "@/components/ui/Skeleton";
import type { RecordInfo } from "@/lib/reads/records";

// The panel's code comes only for a record that holds escrows (or to its owner or executor, who may open one): most
// records hold none, and their page ships none of it.
const EscrowPanel = dynamic(() => import("./EscrowPanel").then((m) => m.EscrowPanel), {
  loading: () => <Loading label="Reading escrows…" />,
});

/** The record page's escrow card: its escrows and, for the owner or executor, the form to open one. */
export function EscrowSection({ integraHash, record, canOpen }: { integraHash: Hex; record: RecordInfo; canOpen: boolean }) {
  const escrows = useQuery(escrowsQuery(integraHash, record.registeredBlock));
  if (escrows.isPending) return <Loading label="Reading escrows…" />;
  if (escrows.isError) return <ErrorNotice error={escrows.error} />;
  if (escrows.data.escrows.length === 0 && !canOpen) {
    return (
      <p className="text-sm text-slate-600">
        No money is held in escrow for this record. Its owner or executor can open an escrow, released to a party when the conditions they
        set hold.
      </p>
    );
  }
  return <EscrowPanel integraHash={integraHash} record={record} canOpen={canOpen} />;
}
