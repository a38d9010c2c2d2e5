"use client";

import { tokenLabel } from "@/lib/format/token";
import { operations } from "@/hooks/operations";
import { type FormEvent, useState } from "react";
import type { Address, Hex } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { Field } from "@/components/ui/Field";
import { useTransaction } from "@/hooks/useTransaction.wallet";
import { useRecordChainId } from "@/components/records/RecordChainContext";
import { encryptPaymentNote } from "@/lib/crypto/paymentNote";
import { shortHex } from "@/lib/format/hex";

export interface HeldToken {
  tokenId: bigint;
  holder: Address;
  role: string;
}

function defaultDeadline(): string {
  const date = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** A holder of this record asks another holder for a payment; amount and memo encrypted in this browser. */
export function RequestPaymentForm({ integraHash, mine, others }: { integraHash: Hex; mine: HeldToken[]; others: HeldToken[] }) {
  const tx = useTransaction();
  const chainId = useRecordChainId();
  const [myToken, setMyToken] = useState(mine[0]?.tokenId.toString() ?? "");
  const [payerToken, setPayerToken] = useState(others[0]?.tokenId.toString() ?? "");
  const [amount, setAmount] = useState("");
  const [memo, setMemo] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [deadline, setDeadline] = useState(defaultDeadline);
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const payer = others.find((t) => t.tokenId.toString() === payerToken);
    const due = new Date(deadline).getTime();
    if (!payer) return setError("Choose the token holder who should pay.");
    if (!amount.trim()) return setError("Enter the amount (with its currency, e.g. 25,000 USD).");
    if (!passphrase) return setError("Choose a passphrase and share it with the payer: only the two of you can read the amount.");
    if (Number.isNaN(due)) return setError("Enter a valid deadline.");
    setError(undefined);
    const encrypted = await encryptPaymentNote({ amount: amount.trim(), memo: memo.trim() }, passphrase);
    const receipt = await tx.send(
      operations.requestPayment({
        chainId,
        integraHash,
        myToken: BigInt(myToken),
        payer: payer.holder,
        payerToken: payer.tokenId,
        encryptedAmount: encrypted,
        deadline: BigInt(Math.floor(due / 1000)),
      }),
    );
    if (receipt) {
      setAmount("");
      setMemo("");
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-md bg-slate-50 p-3" aria-label="Request a payment">
      <h3 className="font-medium">Request a payment</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="pay-my-token" className="block text-sm font-medium">
            As holder of
          </label>
          <select
            id="pay-my-token"
            value={myToken}
            onChange={(e) => setMyToken(e.target.value)}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-2 text-sm"
          >
            {mine.map((t) => (
              <option key={t.tokenId.toString()} value={t.tokenId.toString()}>
                {tokenLabel(t.tokenId, t.role)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="pay-payer-token" className="block text-sm font-medium">
            Ask the holder of
          </label>
          <select
            id="pay-payer-token"
            value={payerToken}
            onChange={(e) => setPayerToken(e.target.value)}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-2 text-sm"
          >
            {others.map((t) => (
              <option key={t.tokenId.toString()} value={t.tokenId.toString()}>
                {tokenLabel(t.tokenId, t.role)}, {shortHex(t.holder)}
              </option>
            ))}
          </select>
        </div>
        <Field
          id="pay-amount"
          label="Amount"
          placeholder="25,000 USD"
          maxLength={60}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
        <Field
          id="pay-memo"
          label="Memo (optional)"
          placeholder="Earnest money deposit"
          maxLength={200}
          value={memo}
          onChange={(e) => setMemo(e.target.value)}
        />
        <Field
          id="pay-passphrase"
          label="Passphrase shared with the payer"
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        <Field id="pay-deadline" label="Deadline" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={tx.busy}
        className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
      >
        Send request
      </button>
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
    </form>
  );
}
