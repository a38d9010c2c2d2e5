"use client";

import { operations } from "@/hooks/operations";
import type { Hex } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { AddressText } from "@/components/ui/AddressText";
import { useTransaction } from "@/hooks/useTransaction";

/** The prompt a pending owner sees: accept the record, or leave it (nothing moves until they accept). */
export function AcceptOwnership({ integraHash, owner, account }: { integraHash: Hex; owner: `0x${string}`; account: `0x${string}` }) {
  const tx = useTransaction();
  return (
    <div
      role="region"
      aria-label="Ownership offered to you"
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p className="font-semibold">This record is offered to you</p>
      <p>
        <AddressText address={owner} /> offers you the administration of this record. Accepting makes you its owner, removes its executor
        and voids every attestation issued before.
      </p>
      {tx.state.phase !== "confirmed" && (
        <button
          type="button"
          disabled={tx.busy}
          className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50"
          onClick={() => void tx.send(operations.acceptOwnership({ integraHash, account }))}
        >
          Accept ownership
        </button>
      )}
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
    </div>
  );
}
