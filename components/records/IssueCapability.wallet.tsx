"use client";

import { useOrigin } from "@/hooks/useOrigin";
import { operations } from "@/hooks/operations";
import { useState } from "react";
import type { Address, Hex } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { CopyButton } from "@/components/ui/CopyButton";
import { Field } from "@/components/ui/Field";
import { QrCode } from "@/components/ui/QrCode";
import { useTransaction } from "@/hooks/useTransaction.wallet";
import { useRecordChainId } from "@/components/records/RecordChainContext";
import { claimLinkPath } from "@/lib/claims/claimLink";

/** For one reserved token: issue the CLAIM capability to its recipient through EAS, and hand out the claim link. */
export function IssueCapability({
  integraHash,
  tokenId,
  recipient,
  processHash,
}: {
  integraHash: Hex;
  tokenId: bigint;
  recipient: Address;
  processHash: Hex;
}) {
  const tx = useTransaction();
  const chainId = useRecordChainId();
  const [expiry, setExpiry] = useState("");
  const [error, setError] = useState<string>();
  const origin = useOrigin();
  const link = `${origin}${claimLinkPath(integraHash, tokenId, chainId)}`;

  async function issue() {
    let expirationTime = 0n;
    if (expiry) {
      const time = new Date(expiry).getTime();
      if (Number.isNaN(time)) return setError("Enter a valid date and time, or leave it empty for no expiry.");
      expirationTime = BigInt(Math.floor(time / 1000));
    }
    setError(undefined);
    await tx.send(operations.issueClaimCapability({ chainId, integraHash, tokenId, recipient, processHash, expirationTime }));
  }

  return (
    <div className="space-y-3 rounded-md bg-slate-50 p-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <Field
          className="sm:w-64"
          id={`expiry-${tokenId}`}
          type="datetime-local"
          label="Capability expires (optional)"
          value={expiry}
          error={error}
          onChange={(e) => setExpiry(e.target.value)}
        />
        <button
          type="button"
          disabled={tx.busy}
          onClick={() => void issue()}
          className="rounded-md bg-teal-700 px-3 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50"
        >
          Issue claim capability
        </button>
      </div>
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        {origin && <QrCode value={link} size={120} label={`QR code of the claim link for token #${tokenId}`} />}
        <div className="min-w-0 space-y-1 text-sm">
          <p className="text-slate-600">Claim link for this party:</p>
          <p className="flex items-start gap-2">
            <span className="mono break-all">{link}</span>
            <CopyButton value={link} label="Copy claim link" />
          </p>
        </div>
      </div>
    </div>
  );
}
