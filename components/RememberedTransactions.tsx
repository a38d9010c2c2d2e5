"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { type RememberedTransaction, useRememberedTransactions } from "@/hooks/useRememberedTransactions";
import { ExplorerTxHash } from "@/components/ui/ExplorerTxHash";
import { onChainWords, servedChain } from "@/lib/config/servedChains";
import { formatTimestamp } from "@/lib/format/time";
import { describeNotMined } from "@/lib/transactions/describeNotMined";

const tone: Record<RememberedTransaction["status"], string> = {
  waiting: "border-sky-200 bg-sky-50 text-sky-950",
  confirmed: "border-emerald-200 bg-emerald-50 text-emerald-950",
  reverted: "border-red-300 bg-red-50 text-red-900",
  dropped: "border-red-300 bg-red-50 text-red-900",
  replaced: "border-amber-300 bg-amber-50 text-amber-950",
};

/** The transaction's hash, linked on its own chain's explorer when that chain has one. */
function TransactionHash({ tx }: { tx: RememberedTransaction }) {
  return (
    <span className="mono break-all">
      <ExplorerTxHash hash={tx.hash} chain={servedChain(tx.chainId)} />
    </span>
  );
}

function outcomeText(tx: RememberedTransaction): ReactNode {
  switch (tx.status) {
    case "waiting":
      return (
        <>
          Waiting for transaction <TransactionHash tx={tx} /> to be mined.
        </>
      );
    case "confirmed":
      return `Confirmed in block ${tx.blockNumber}.`;
    case "reverted":
      return "Mined but reverted: nothing changed.";
    case "dropped":
    case "replaced": {
      const { title, message } = describeNotMined({ kind: tx.status });
      return `${title}. ${message}`;
    }
  }
}

function RememberedItem({ tx, onDismiss }: { tx: RememberedTransaction; onDismiss: () => void }) {
  const waiting = tx.status === "waiting";
  return (
    <li
      role={waiting ? "status" : "alert"}
      aria-label={tx.label}
      className={`flex flex-wrap items-start justify-between gap-2 rounded-lg border p-3 text-sm ${tone[tx.status]}`}
    >
      <div className="min-w-0 space-y-1">
        <p>
          <span className="font-semibold">{tx.label}:</span> {outcomeText(tx)}
        </p>
        {waiting && tx.chainUnreachable && (
          <p>The chain can&apos;t be reached to ask about it; this page keeps asking and shows the outcome when it answers.</p>
        )}
        <p className="text-xs opacity-80">
          Sent {formatTimestamp(Math.floor(tx.sentAt / 1000))} from{" "}
          <Link href={tx.page} className="underline">
            {tx.page}
          </Link>
          {onChainWords(tx.chainId)}
          {!waiting && tx.status !== "confirmed" && (
            <>
              {" "}
              · transaction <TransactionHash tx={tx} />
            </>
          )}
        </p>
      </div>
      {!waiting && (
        <button type="button" onClick={onDismiss} className="text-xs font-medium underline">
          Dismiss
        </button>
      )}
    </li>
  );
}

/** What this browser sent before the page was (re)loaded and has not seen the end of, then how it ended. */
export function RememberedTransactions() {
  const { items, dismiss } = useRememberedTransactions();
  if (items.length === 0) return null;
  return (
    <section aria-label="Transactions sent earlier from this browser" className="mx-auto max-w-5xl px-4 pt-4 print:hidden">
      <ul className="space-y-2">
        {items.map((tx) => (
          <RememberedItem key={tx.hash} tx={tx} onDismiss={() => dismiss(tx.hash)} />
        ))}
      </ul>
    </section>
  );
}
