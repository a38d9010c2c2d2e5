"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { Address } from "viem";
import { escrowsWaitingQuery } from "@/hooks/escrowQueries";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Loading } from "@/components/ui/Skeleton";
import { formatAssetAmount } from "@/lib/format/amount";
import { shortHex } from "@/lib/format/hex";

/** Escrows of the wallet's records that wait on it: its deposit, its approval, its attestation. */
export function EscrowsWaiting({ account }: { account: Address }) {
  const waiting = useQuery(escrowsWaitingQuery(account));
  if (waiting.isPending) return <Loading label="Looking for escrows waiting for you…" />;
  if (waiting.isError) return <ErrorNotice error={waiting.error} />;
  if (waiting.data.length === 0) return <p className="text-sm text-slate-600">None right now.</p>;
  return (
    <ul className="space-y-3 text-sm">
      {waiting.data.map(({ escrow, waits }) => (
        <li key={escrow.escrowId.toString()} className="space-y-0.5">
          <Link className="font-medium text-teal-800 underline" href={`/records/${escrow.integraHash}#escrow`}>
            Escrow #{escrow.escrowId.toString()} of record <span className="mono">{shortHex(escrow.integraHash, 10, 6)}</span>
          </Link>
          <span className="text-slate-600"> · {formatAssetAmount(escrow.amount, escrow.asset)}</span>
          <ul className="list-disc pl-5 text-slate-700">
            {waits.map((wait) => (
              <li key={`${wait.kind}-${wait.tokenId ?? ""}`}>{wait.words}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
