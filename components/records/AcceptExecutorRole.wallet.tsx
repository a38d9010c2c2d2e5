"use client";

import type { Address, Hex } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { AddressText } from "@/components/ui/AddressText";
import { operations } from "@/hooks/operations";
import { useTransaction } from "@/hooks/useTransaction.wallet";
import { useRecordChainId } from "@/components/records/RecordChainContext";

/** The prompt an offered executor sees: naming an executor is only an offer; its authority starts when it accepts. */
export function AcceptExecutorRole({ integraHash, owner }: { integraHash: Hex; owner: Address }) {
  const tx = useTransaction();
  const chainId = useRecordChainId();
  return (
    <div
      role="region"
      aria-label="Executor role offered to you"
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p className="font-semibold">You are asked to be this record&apos;s executor</p>
      <p>
        <AddressText address={owner} /> offers you the executor role: reserving and cancelling its tokens and issuing capabilities on the
        owner&apos;s behalf. You have no authority over it, and nobody can act in your name on it, until you accept.
      </p>
      {tx.state.phase !== "confirmed" && (
        <button
          type="button"
          disabled={tx.busy}
          className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50"
          onClick={() => void tx.send(operations.acceptExecutorRole({ chainId, integraHash }))}
        >
          Accept the executor role
        </button>
      )}
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
    </div>
  );
}
