"use client";

import { type FormEvent, useState } from "react";
import { tokenLabel } from "@/lib/format/token";
import type { Hex } from "viem";
import { useWalletAccount } from "@/hooks/wallet";
import { AddressText } from "@/components/ui/AddressText";
import { walletPart } from "@/components/wallet/WithWallet";
import { type PaymentNote, decryptPaymentNote } from "@/lib/crypto/paymentNote";
import { formatTimestamp } from "@/lib/format/time";
import type { PaymentRow } from "@/lib/reads/payments";

const STATUS_STYLE = {
  pending: "bg-amber-100 text-amber-900",
  paid: "bg-emerald-100 text-emerald-900",
  cancelled: "bg-slate-200 text-slate-700",
  expired: "bg-red-100 text-red-900",
  none: "bg-slate-100 text-slate-600",
} as const;

const PaymentActions = walletPart(() => import("./PaymentActions.wallet").then((m) => m.PaymentActions));

/** One payment request: who asks whom, until when, its status; read the amount with the passphrase; pay or cancel. */
export function PaymentItem({
  integraHash,
  payment,
  roleOf,
}: {
  integraHash: Hex;
  payment: PaymentRow;
  /** The role of a token of this record, to name it ("token #2 (Seller)"). */
  roleOf: (tokenId: bigint) => string | undefined;
}) {
  const { address } = useWalletAccount();
  const [passphrase, setPassphrase] = useState("");
  const [note, setNote] = useState<PaymentNote>();
  const [readError, setReadError] = useState<string>();
  const me = address?.toLowerCase();

  async function read(event: FormEvent) {
    event.preventDefault();
    try {
      setNote(await decryptPaymentNote(payment.encryptedAmount, passphrase));
      setReadError(undefined);
    } catch (error) {
      setReadError(error instanceof Error ? error.message : String(error));
    }
  }

  const id = payment.paymentId.toString();
  return (
    <li aria-label={`Payment request #${id}`} className="space-y-2 border-t border-slate-100 pt-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">#{id}</span>
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[payment.status]}`}>{payment.status}</span>
        <span className="text-slate-500">due by {formatTimestamp(payment.deadline)}</span>
      </div>
      <p className="flex flex-wrap items-center gap-x-2 text-slate-700">
        <AddressText address={payment.requestor} />{" "}
        <span>({tokenLabel(payment.requestorTokenId, roleOf(payment.requestorTokenId), true)}) asks</span>
        <AddressText address={payment.payer} /> <span>({tokenLabel(payment.payerTokenId, roleOf(payment.payerTokenId), true)})</span>
      </p>
      {note ? (
        <p className="rounded bg-slate-50 p-2">
          <strong>{note.amount}</strong>
          {note.memo && ` · ${note.memo}`}
        </p>
      ) : (
        <form onSubmit={read} className="flex flex-wrap items-end gap-2">
          <label className="text-xs text-slate-600" htmlFor={`payment-pass-${id}`}>
            Passphrase to read the amount
          </label>
          <input
            id={`payment-pass-${id}`}
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 text-xs">
            Read amount
          </button>
          {readError && (
            <span role="alert" className="text-xs text-red-700">
              {readError}
            </span>
          )}
        </form>
      )}
      {/* The payer and the requestor act on it; the others only read it. */}
      {(me === payment.payer.toLowerCase() || me === payment.requestor.toLowerCase()) && (
        <PaymentActions integraHash={integraHash} payment={payment} me={me} />
      )}
    </li>
  );
}
