"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Address, Hex } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { AddressText } from "@/components/ui/AddressText";
import { operations } from "@/hooks/operations";
import { recordQuery, recordTokensQuery } from "@/hooks/queries";
import { useTransaction } from "@/hooks/useTransaction.wallet";
import { useRecordChainId } from "@/components/records/RecordChainContext";

/**
 * The prompt a pending owner sees: accept the record as this page shows it, or leave it (nothing moves until they
 * accept). The accept names the record's version read with the page, so if the record changed since (a token
 * reserved, cancelled or claimed, an executor or resolver changed), the chain refuses it and the page reloads the
 * record for another look.
 */
export function AcceptOwnership({
  integraHash,
  owner,
  version,
  account,
}: {
  integraHash: Hex;
  owner: Address;
  version: bigint;
  account: Address;
}) {
  const tx = useTransaction();
  const queryClient = useQueryClient();
  const chainId = useRecordChainId();
  const changed = tx.state.phase === "failed" && tx.state.error?.errorName === "RecordChangedSinceOffer";
  useEffect(() => {
    if (!changed) return;
    void queryClient.invalidateQueries({ queryKey: recordQuery(chainId, integraHash).queryKey });
    void queryClient.invalidateQueries({ queryKey: recordTokensQuery(chainId, integraHash).queryKey });
  }, [changed, chainId, integraHash, queryClient]);

  return (
    <div
      role="region"
      aria-label="Ownership offered to you"
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p className="font-semibold">This record is offered to you</p>
      <p>
        <AddressText address={owner} /> offers you the administration of this record. Accepting makes you its owner, removes its executor
        and voids every attestation issued before. You accept the record exactly as this page shows it: if anything changes before your
        acceptance lands, it is refused and nothing moves.
      </p>
      {changed && (
        <p role="alert" className="font-medium text-red-800">
          The record changed after this page read it, so your acceptance was refused and nothing moved. The page now shows its current
          state: review its tokens and executor again before you accept.
        </p>
      )}
      {tx.state.phase !== "confirmed" && (
        <button
          type="button"
          disabled={tx.busy}
          className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50"
          onClick={() => void tx.send(operations.acceptOwnership({ chainId, integraHash, version, account }))}
        >
          Accept ownership as shown
        </button>
      )}
      {!changed && <TransactionStatus state={tx.state} onDismiss={tx.reset} />}
    </div>
  );
}
