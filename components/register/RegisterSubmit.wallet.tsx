"use client";

import type { MouseEvent, ReactNode } from "react";
import type { TransactionReceipt } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { type TransactionRequest, useTransaction } from "@/hooks/useTransaction.wallet";

export interface RegisterSubmitProps {
  /** The button's words. */
  label: string;
  /** Validates the form and builds the transaction; undefined when the form shows errors instead. */
  prepare: () => Promise<TransactionRequest | undefined>;
  onRegistered: (receipt: TransactionReceipt) => void;
  /** Shown beside the button (Start over). */
  children: ReactNode;
}

/** Register and reserve: one transaction through the connected wallet, its progress above the button. */
export function RegisterSubmit({ label, prepare, onRegistered, children }: RegisterSubmitProps) {
  const tx = useTransaction();

  async function submit(event: MouseEvent) {
    // A click, or Enter in one of the form's fields (which clicks the submit button): the form does not post.
    event.preventDefault();
    if (tx.busy) return;
    const request = await prepare();
    if (!request) return;
    const receipt = await tx.send(request);
    if (receipt) onRegistered(receipt);
  }

  return (
    <>
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={tx.busy}
          onClick={(event) => void submit(event)}
          className="rounded-md bg-teal-700 px-5 py-2.5 font-medium text-white hover:bg-teal-800 disabled:opacity-50"
        >
          {label}
        </button>
        {children}
      </div>
    </>
  );
}
