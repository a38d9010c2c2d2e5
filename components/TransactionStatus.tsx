"use client";

import type { TransactionState } from "@/hooks/useTransaction.wallet";
import { ExplorerTxHash } from "@/components/ui/ExplorerTxHash";
import { appChain, chainFor } from "@/lib/config/appChain";
import { servedChain } from "@/lib/config/servedChains";

const DIRECT_STEPS = [
  { phase: "checking", text: "Checking" },
  { phase: "awaiting-signature", text: "Awaiting signature" },
  { phase: "mining", text: "Mining" },
  { phase: "confirmed", text: "Confirmed" },
] as const;

const RELAYED_STEPS = [
  { phase: "checking", text: "Checking" },
  { phase: "awaiting-signature", text: "Awaiting signature" },
  { phase: "relaying", text: "Sending via the relayer" },
  { phase: "mining", text: "Mining" },
  { phase: "confirmed", text: "Confirmed" },
] as const;

/** Where a write is: checking, awaiting signature, mining, confirmed; or why it failed, in plain words. */
export function TransactionStatus({ state, onDismiss }: { state: TransactionState; onDismiss?: () => void }) {
  if (state.phase === "idle") return null;
  if (state.phase === "failed") {
    return (
      <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900">
        <p className="font-semibold">
          {state.label ? `${state.label}: ` : ""}
          {state.error?.title ?? "Failed"}
        </p>
        <p className="mt-1">{state.error?.message}</p>
        {state.hash && <p className="mt-1 break-all font-mono text-xs">Transaction {state.hash}</p>}
        {onDismiss && (
          <button type="button" onClick={onDismiss} className="mt-2 text-xs font-medium underline">
            Dismiss
          </button>
        )}
      </div>
    );
  }
  const STEPS: readonly { phase: string; text: string }[] = state.phase === "relaying" || state.sponsor ? RELAYED_STEPS : DIRECT_STEPS;
  const current = STEPS.findIndex((s) => s.phase === state.phase);
  // Linked on the explorer of the chain it was sent to (its record's); the default chain's when the state names none.
  const chain = state.chainId === undefined ? undefined : (servedChain(state.chainId) ?? chainFor(state.chainId));
  return (
    <div role="status" aria-live="polite" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <p className="font-medium text-slate-900">{state.label}</p>
      <ol className="mt-2 flex flex-wrap gap-2" aria-label="Transaction progress">
        {STEPS.map((step, i) => (
          <li
            key={step.phase}
            aria-current={i === current ? "step" : undefined}
            className={`rounded-full px-2 py-0.5 text-xs ${i < current || state.phase === "confirmed" ? "bg-emerald-100 text-emerald-800" : i === current ? "bg-sky-100 text-sky-900 font-semibold" : "bg-slate-100 text-slate-500"}`}
          >
            {step.text}
          </li>
        ))}
      </ol>
      <div
        className="mt-2 h-1.5 w-full overflow-hidden rounded bg-slate-100"
        role="progressbar"
        aria-label="Transaction progress"
        aria-valuemin={0}
        aria-valuemax={STEPS.length - 1}
        aria-valuenow={current}
      >
        <div className="h-full bg-sky-600 transition-all" style={{ width: `${(current / (STEPS.length - 1)) * 100}%` }} />
      </div>
      {state.phase === "mining" && state.chainUnreachable && (
        <p className="mt-2 text-xs text-amber-900">
          Sent, but the chain can&apos;t be reached to ask whether it is mined. This browser remembers it: the outcome shows here, or after
          a reload, when the chain answers.
        </p>
      )}
      {state.sponsor && (
        <p className="mt-2 text-xs text-slate-600">
          No ether needed: the network fee is sponsored by the relayer <span className="mono break-all">{state.sponsor}</span>.
        </p>
      )}
      {state.hash && (
        <p className="mt-2 break-all font-mono text-xs text-slate-500">
          <ExplorerTxHash hash={state.hash} chain={chain ?? appChain} />
        </p>
      )}
    </div>
  );
}
