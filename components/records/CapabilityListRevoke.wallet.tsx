"use client";

import type { Hex } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { useTransaction } from "@/hooks/useTransaction.wallet";
import type { RecordInfo } from "@/lib/reads/records";
import { CapabilityList } from "./CapabilityList";

/** The capability list with Revoke for the connected wallet's own attestations. */
export function CapabilityListRevoke({ integraHash, record }: { integraHash: Hex; record: RecordInfo }) {
  const tx = useTransaction();
  return (
    <CapabilityList
      integraHash={integraHash}
      record={record}
      revoke={{
        busy: tx.busy,
        send: (request) => void tx.send(request),
        status: <TransactionStatus state={tx.state} onDismiss={tx.reset} />,
      }}
    />
  );
}
