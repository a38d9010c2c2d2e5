"use client";

import type { Hex } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { useTransaction } from "@/hooks/useTransaction.wallet";
import type { RecordInfo } from "@/lib/reads/records";
import { IssueCapability } from "./IssueCapability.wallet";
import { TokensTable } from "./TokensTable";

/** The tokens table with the owner's or executor's actions: fix the party set, cancel, issue a capability. */
export function TokensTableAdmin({ integraHash, record }: { integraHash: Hex; record: RecordInfo }) {
  const tx = useTransaction();
  return (
    <TokensTable
      integraHash={integraHash}
      record={record}
      admin={{
        busy: tx.busy,
        send: (request) => void tx.send(request),
        issue: (row) => (
          <IssueCapability integraHash={integraHash} tokenId={row.tokenId} recipient={row.reservedFor} processHash={row.processHash} />
        ),
        status: <TransactionStatus state={tx.state} onDismiss={tx.reset} />,
      }}
    />
  );
}
