"use client";

import type { Hex } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { operations } from "@/hooks/operations";
import { useTransaction } from "@/hooks/useTransaction.wallet";
import type { SignedForwardRequest } from "@/lib/forwarder/forwardRequest";
import { useRecordChainId } from "@/components/records/RecordChainContext";

/** The connected wallet submits a party's checked, signed request and pays the fee, on the record's chain. */
export function SubmitSignedRequest({
  integraHash,
  request,
  words,
  submittable,
  onSubmitted,
}: {
  integraHash: Hex;
  request: SignedForwardRequest;
  /** What the request does, in words ("Claim token #2"). */
  words: string | undefined;
  /** Every check passed, and it is a claim on this record. */
  submittable: boolean;
  onSubmitted: () => void;
}) {
  const tx = useTransaction();
  const chainId = useRecordChainId();
  const done = tx.state.phase === "confirmed";

  async function submit() {
    const receipt = await tx.send(operations.executeForwarded({ chainId, integraHash, request, words }), { payer: "wallet" });
    if (receipt) onSubmitted();
  }

  return (
    <>
      {!done && submittable && (
        <button
          type="button"
          disabled={tx.busy}
          onClick={() => void submit()}
          className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50"
        >
          Submit and pay the fee from my wallet
        </button>
      )}
      {done && (
        <p role="status" className="font-medium text-emerald-800">
          Submitted: {words ?? "the request"} is done, paid by your wallet.
        </p>
      )}
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
    </>
  );
}
