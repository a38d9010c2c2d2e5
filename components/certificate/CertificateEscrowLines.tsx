"use client";

import { useQuery } from "@tanstack/react-query";
import type { Hex } from "viem";
import { useRecordChainId } from "@/components/records/RecordChainContext";
import { escrowsQuery } from "@/hooks/escrowQueries";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import type { EscrowOutcome } from "@/lib/escrow/outcomes";
import { formatAssetAmount } from "@/lib/format/amount";
import { formatTimestamp } from "@/lib/format/time";
import { tokenLabel } from "@/lib/format/token";
import type { EscrowView } from "@/lib/reads/escrows";

const RULINGS = {
  refused: "the arbitrator refused to rule",
  release: "the arbitrator ruled a release",
  refund: "the arbitrator ruled a refund",
  split: "the arbitrator ruled a split",
} as const;

/** What became of an escrow, in one sentence with its amounts and recipients, as its own events say. */
function outcomeText(escrow: EscrowView, outcome: EscrowOutcome | undefined): { text: string; settled: boolean } {
  const amount = (value: bigint) => formatAssetAmount(value, escrow.asset);
  if (outcome?.released) {
    return {
      text: `Released ${amount(outcome.released.amount)} to ${outcome.released.to} on ${formatTimestamp(outcome.released.at)}.`,
      settled: true,
    };
  }
  if (outcome?.refunded) {
    return {
      text: `Refunded ${amount(outcome.refunded.amount)} to ${outcome.refunded.to} on ${formatTimestamp(outcome.refunded.at)}.`,
      settled: true,
    };
  }
  if (outcome?.ruled) {
    const { ruled } = outcome;
    const parts = [
      ruled.toPayee > 0n ? `${amount(ruled.toPayee)} to the payee ${ruled.payee}` : undefined,
      ruled.toPayer > 0n ? `${amount(ruled.toPayer)} to the payer ${ruled.payer}` : undefined,
    ].filter(Boolean);
    return { text: `Ruled on ${formatTimestamp(ruled.at)}: ${RULINGS[ruled.ruling]}; ${parts.join(" and ")}.`, settled: true };
  }
  switch (escrow.status) {
    case "open":
      return { text: `Not funded: ${amount(escrow.amount)} awaited from the payer.`, settled: false };
    case "funded":
      return {
        text: `Held: ${amount(escrow.amount)}, released when its conditions hold, refundable from ${formatTimestamp(escrow.refundAfter)}.`,
        settled: false,
      };
    case "disputed":
      return { text: `Disputed: ${amount(escrow.amount)} frozen until the arbitrator rules.`, settled: false };
    default:
      return { text: `${escrow.status}: ${amount(escrow.amount)}.`, settled: false };
  }
}

/** The certificate's escrow lines: each escrow's outcome (released to, refunded to, ruled) with its amount. */
export function CertificateEscrowLines({
  integraHash,
  fromBlock,
  roleOf,
}: {
  integraHash: Hex;
  fromBlock: bigint;
  roleOf: (tokenId: bigint) => string | undefined;
}) {
  const escrows = useQuery(escrowsQuery(useRecordChainId(), integraHash, fromBlock));
  // No role="status" here: the certificate's one status is its completion.
  if (escrows.isPending) return <p className="text-sm text-slate-500 print:hidden">Reading the record&apos;s escrows…</p>;
  if (escrows.isError) return <ErrorNotice error={escrows.error} />;
  if (escrows.data.escrows.length === 0) return null;
  return (
    <section aria-labelledby="certificate-escrows" className="space-y-2">
      <h2 id="certificate-escrows" className="text-sm font-semibold tracking-wide text-slate-600 uppercase">
        Escrow
      </h2>
      <ol className="space-y-2">
        {[...escrows.data.escrows].reverse().map((escrow) => {
          const { text, settled } = outcomeText(escrow, escrows.data.outcomes[escrow.escrowId.toString()]);
          return (
            <li key={escrow.escrowId.toString()} className="break-inside-avoid rounded-md border border-slate-200 p-3 text-sm">
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-semibold">
                  Escrow #{escrow.escrowId.toString()}: {formatAssetAmount(escrow.amount, escrow.asset)}
                </span>
                <span className={settled ? "font-medium text-emerald-800" : "font-medium text-amber-800"}>
                  {settled ? "Settled" : "Not settled"}
                </span>
              </p>
              <p className="text-slate-600">
                {tokenLabel(escrow.payer.tokenId, roleOf(escrow.payer.tokenId))} pays{" "}
                {tokenLabel(escrow.payee.tokenId, roleOf(escrow.payee.tokenId), true)}
              </p>
              <p className="mt-1 break-words [overflow-wrap:anywhere]">{text}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
