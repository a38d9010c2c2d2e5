"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import type { Hex } from "viem";
import { useRecordChainId } from "@/components/records/RecordChainContext";
import { recordTimelineQuery } from "@/hooks/queries";

// The escrow lines, with the escrow's readers and ABI, load only for a record whose timeline shows an escrow: most
// certificates have none.
const CertificateEscrowLines = dynamic(() => import("./CertificateEscrowLines").then((m) => m.CertificateEscrowLines), {
  loading: () => <p className="text-sm text-slate-500 print:hidden">Reading the record&apos;s escrows…</p>,
});

/** The certificate's escrow section: each escrow's outcome, when the record holds any; nothing otherwise. */
export function CertificateEscrows(props: { integraHash: Hex; fromBlock: bigint; roleOf: (tokenId: bigint) => string | undefined }) {
  const timeline = useQuery(recordTimelineQuery(useRecordChainId(), props.integraHash, props.fromBlock));
  const holdsEscrows = timeline.data?.entries.some((entry) => entry.eventName === "EscrowOpened") ?? false;
  return holdsEscrows ? <CertificateEscrowLines {...props} /> : null;
}
