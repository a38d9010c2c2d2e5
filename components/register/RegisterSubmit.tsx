"use client";

import type { MouseEvent } from "react";
import { TransactionStatus } from "@/components/TransactionStatus";
import { useTransaction } from "@/hooks/useTransaction";
import type { RegisterSubmitProps } from "./RegisterForm";

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
