"use client";

import { useQuery } from "@tanstack/react-query";
import type { Hex } from "viem";
import { escrowsQuery } from "@/hooks/escrowQueries";
import { recordTokensQuery } from "@/hooks/queries";
import { useWalletAccount } from "@/hooks/wallet";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Loading } from "@/components/ui/Skeleton";
import { walletPart } from "@/components/wallet/WithWallet";
import type { RecordInfo } from "@/lib/reads/records";
import { EscrowItem } from "./EscrowItem";
import { useRecordChainId } from "@/components/records/RecordChainContext";

/** Only the record's owner or executor sees the form: its code (and the wallet's) loads then. */
const OpenEscrowForm = walletPart(() => import("./OpenEscrowForm.wallet").then((m) => m.OpenEscrowForm));

/**
 * Money held for the record: each escrow with its conditions live, its dispute and outcome, who acts next, and the
 * connected wallet's own actions; the form to open one for the record's owner or executor.
 */
export function EscrowPanel({ integraHash, record, canOpen }: { integraHash: Hex; record: RecordInfo; canOpen: boolean }) {
  const chainId = useRecordChainId();
  const { address } = useWalletAccount();
  const escrows = useQuery(escrowsQuery(chainId, integraHash, record.registeredBlock));
  const tokens = useQuery(recordTokensQuery(chainId, integraHash, record.tokenizer, record.registeredBlock));
  const me = address?.toLowerCase();
  // The tokens the connected wallet holds now: an approver approves with one of them.
  const held = (tokens.data?.tokens ?? []).filter((t) => t.party && t.reservedFor.toLowerCase() === me).map((t) => t.tokenId);
  // Not lib/reads/records' roleOfToken: a value from that module would bring the readers' code into this lazily
  // loaded panel's chunks, and lead the bundler to split the chain client's code apart from the page's (measured).
  const roleOf = (tokenId: bigint) => tokens.data?.tokens.find((t) => t.tokenId === tokenId)?.role;
  // Who holds each claimed token now, to name who approves next.
  const holderOf = (tokenId: bigint) => tokens.data?.tokens.find((t) => t.tokenId === tokenId && t.party)?.reservedFor;
  return (
    <div className="space-y-4">
      {escrows.isPending ? (
        <Loading label="Reading escrows…" />
      ) : escrows.isError ? (
        <ErrorNotice error={escrows.error} />
      ) : escrows.data.escrows.length === 0 ? (
        <p className="text-sm text-slate-600">No money is held in escrow for this record yet.</p>
      ) : (
        <ul className="space-y-4" aria-label="Escrows of this record">
          {escrows.data.escrows.map((escrow) => (
            <EscrowItem
              key={escrow.escrowId.toString()}
              escrow={escrow}
              outcome={escrows.data.outcomes[escrow.escrowId.toString()]}
              roleOf={roleOf}
              holderOf={holderOf}
              heldTokenIds={held}
            />
          ))}
        </ul>
      )}
      {canOpen && address && <OpenEscrowForm integraHash={integraHash} record={record} />}
    </div>
  );
}
