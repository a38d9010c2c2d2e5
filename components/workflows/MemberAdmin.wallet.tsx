"use client";

import { type FormEvent, useState } from "react";
import type { Address, Hex } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { Field } from "@/components/ui/Field";
import { operations } from "@/hooks/operations";
import { useTransaction } from "@/hooks/useTransaction.wallet";
import { APP_CHAIN_ID } from "@/lib/config/appChain";
import { ADDRESS_HINT, parseAddress } from "@/lib/format/address";

const button = "rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50";

/**
 * The owner admits an office (a notary, an escrow agent) to register into the workflow, or removes one, on chain
 * `chainId` (a workflow's members are per chain: the default chain's unless the page names another).
 */
export function MemberAdmin({
  processHash,
  members,
  chainId = APP_CHAIN_ID,
}: {
  processHash: Hex;
  members: readonly Address[];
  chainId?: number;
}) {
  const [input, setInput] = useState("");
  const [error, setError] = useState<string>();
  const tx = useTransaction();

  async function admit(event: FormEvent) {
    event.preventDefault();
    const member = parseAddress(input);
    if (!member) return setError(ADDRESS_HINT);
    setError(undefined);
    if (await tx.send(operations.admitMember({ chainId, processHash, member }))) setInput("");
  }

  return (
    <form onSubmit={admit} className="space-y-3 border-t border-slate-200 pt-3" aria-label="Workflow members">
      <Field
        id="member-address"
        label="Admit a member"
        hint="A member may register its own records into this workflow. Removing it later keeps the records it registered."
        placeholder="0x…"
        value={input}
        onChange={(e) => setInput(e.target.value)}
      />
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={tx.busy} className={button}>
          Admit
        </button>
        {members.map((member) => (
          <button
            key={member}
            type="button"
            disabled={tx.busy}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-800 hover:bg-slate-50 disabled:opacity-50"
            onClick={() => void tx.send(operations.removeMember({ chainId, processHash, member }))}
          >
            Remove {member.slice(0, 6)}…{member.slice(-4)}
          </button>
        ))}
      </div>
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
    </form>
  );
}
