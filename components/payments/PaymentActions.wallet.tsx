"use client";

import type { Hex } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { operations } from "@/hooks/operations";
import { useTransaction } from "@/hooks/useTransaction.wallet";
import type { PaymentRow } from "@/lib/reads/payments";
import { useRecordChainId } from "@/components/records/RecordChainContext";

/** Mark paid (the payer) or cancel (the requestor) a pending payment request, and how that transaction goes. */
export function PaymentActions({ integraHash, payment, me }: { integraHash: Hex; payment: PaymentRow; me: string }) {
  const tx = useTransaction();
  const chainId = useRecordChainId();
  return (
    <>
      {payment.status === "pending" && (
        <div className="flex flex-wrap gap-2">
          {me === payment.payer.toLowerCase() && (
            <button
              type="button"
              disabled={tx.busy}
              className="rounded-md bg-teal-700 px-3 py-1.5 text-xs font-medium text-white disabled:opacity-50"
              onClick={() => void tx.send(operations.markPaid({ chainId, integraHash, paymentId: payment.paymentId }))}
            >
              Mark paid
            </button>
          )}
          {me === payment.requestor.toLowerCase() && (
            <button
              type="button"
              disabled={tx.busy}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-xs disabled:opacity-50"
              onClick={() => void tx.send(operations.cancelPayment({ chainId, integraHash, paymentId: payment.paymentId }))}
            >
              Cancel request
            </button>
          )}
        </div>
      )}
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
    </>
  );
}
