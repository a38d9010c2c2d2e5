"use client";

import Link from "next/link";
import type { Address } from "viem";
import { escrowsWaitingQuery } from "@/hooks/escrowQueries";
import { OnServedChains } from "@/components/OnServedChains";
import { onChainWords } from "@/lib/config/servedChains";
import { recordHref } from "@/components/records/recordHref";
import { rowsOnChains, useOnServedChains } from "@/hooks/useOnServedChains";
import { formatAssetAmount } from "@/lib/format/amount";
import { shortHex } from "@/lib/format/hex";

/** Escrows of the wallet's records that wait on it, on every served chain: its deposit, its approval, its attestation. */
export function EscrowsWaiting({ account }: { account: Address }) {
  const waiting = useOnServedChains((chainId) => escrowsWaitingQuery(chainId, account));
  return (
    <OnServedChains reads={waiting} loading="Looking for escrows waiting for you…" what="escrows waiting for you">
      {(answered) => {
        const rows = rowsOnChains(answered);
        if (rows.length === 0) return <p className="text-sm text-slate-600">None right now.</p>;
        return (
          <ul className="space-y-3 text-sm">
            {rows.map(({ chainId, row: { escrow, waits } }) => (
              <li key={`${chainId}:${escrow.escrowId.toString()}`} className="space-y-0.5">
                <Link className="font-medium text-teal-800 underline" href={`${recordHref(escrow.integraHash, chainId)}#escrow`}>
                  Escrow #{escrow.escrowId.toString()} of record <span className="mono">{shortHex(escrow.integraHash, 10, 6)}</span>
                </Link>
                <span className="text-slate-600">
                  {" "}
                  · {formatAssetAmount(escrow.amount, escrow.asset)}
                  {onChainWords(chainId)}
                </span>
                <ul className="list-disc pl-5 text-slate-700">
                  {waits.map((wait) => (
                    <li key={`${wait.kind}-${wait.tokenId ?? ""}`}>{wait.words}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        );
      }}
    </OnServedChains>
  );
}
