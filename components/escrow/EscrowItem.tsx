"use client";

import type { ReactNode } from "react";
import type { Address } from "viem";
import { useWalletAccount } from "@/hooks/wallet";
import { AddressText } from "@/components/ui/AddressText";
import { walletPart } from "@/components/wallet/WithWallet";
import { useRecordChainId } from "@/components/records/RecordChainContext";
import { factsOn } from "@/lib/deployment";
import { escrowActionsFor } from "@/lib/escrow/actions";
import { escrowNextSteps } from "@/lib/escrow/nextSteps";
import type { EscrowOutcome } from "@/lib/escrow/outcomes";
import { formatAssetAmount } from "@/lib/format/amount";
import { formatDuration, formatTimestamp } from "@/lib/format/time";
import { tokenLabel } from "@/lib/format/token";
import type { EscrowStatusName, EscrowView } from "@/lib/reads/escrows";

const STATUS: Record<EscrowStatusName, { words: string; style: string }> = {
  none: { words: "unknown", style: "bg-slate-100 text-slate-700" },
  open: { words: "awaiting deposit", style: "bg-amber-100 text-amber-900" },
  funded: { words: "funded", style: "bg-sky-100 text-sky-900" },
  disputed: { words: "disputed", style: "bg-red-100 text-red-900" },
  released: { words: "released", style: "bg-emerald-100 text-emerald-900" },
  refunded: { words: "refunded", style: "bg-slate-200 text-slate-800" },
  ruled: { words: "ruled", style: "bg-violet-100 text-violet-900" },
};

/** Each escrow's own buttons for the connected wallet: loaded with the wallet. */
const EscrowActions = walletPart(() => import("./EscrowActions.wallet").then((m) => m.EscrowActions));

/** One escrow: what is held, between whom, until when; each condition live; its dispute or outcome; who acts next. */
export function EscrowItem({
  escrow,
  outcome,
  roleOf,
  holderOf,
  heldTokenIds,
}: {
  escrow: EscrowView;
  outcome?: EscrowOutcome;
  roleOf: (tokenId: bigint) => string | undefined;
  /** Who holds a token of the record now (undefined while unclaimed). */
  holderOf: (tokenId: bigint) => Address | undefined;
  /** The record's tokens the connected wallet holds now. */
  heldTokenIds: bigint[];
}) {
  const { address } = useWalletAccount();
  const id = escrow.escrowId.toString();
  const amount = formatAssetAmount(escrow.amount, escrow.asset);
  const status = STATUS[escrow.status];
  const owedToMe = address ? (outcome?.owed.find((o) => o.account.toLowerCase() === address.toLowerCase())?.amount ?? 0n) : 0n;
  const actions = address ? escrowActionsFor(escrow, address, heldTokenIds, owedToMe) : [];
  const settled = escrow.status === "released" || escrow.status === "refunded" || escrow.status === "ruled";
  return (
    <li>
      <article aria-labelledby={`escrow-${id}-title`} className="space-y-3 rounded-lg border border-slate-200 p-3 sm:p-4">
        <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h3 id={`escrow-${id}-title`} className="font-semibold">
            Escrow #{id}
          </h3>
          <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${status.style}`}>{status.words}</span>
          <span className="text-base font-semibold text-slate-900">{amount}</span>
        </header>
        <dl className="grid gap-x-3 gap-y-1.5 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-slate-500">Asset</dt>
          <dd className="min-w-0">
            <AssetText escrow={escrow} />
          </dd>
          <dt className="text-slate-500">Payer</dt>
          <dd className="min-w-0">
            <PartyText tokenId={escrow.payer.tokenId} holder={escrow.payer.holder} roleOf={roleOf} />
          </dd>
          <dt className="text-slate-500">Payee</dt>
          <dd className="min-w-0">
            <PartyText tokenId={escrow.payee.tokenId} holder={escrow.payee.holder} roleOf={roleOf} />
          </dd>
          <dt className="text-slate-500">Refund time</dt>
          <dd>
            <RefundTime escrow={escrow} settled={settled} />
          </dd>
          <dt className="text-slate-500">Disputes</dt>
          <dd className="min-w-0">
            <DisputeText escrow={escrow} outcome={outcome} />
          </dd>
        </dl>
        <Conditions escrow={escrow} roleOf={roleOf} />
        {outcome && <Outcome escrow={escrow} outcome={outcome} />}
        <NextSteps escrow={escrow} roleOf={roleOf} holderOf={holderOf} />
        {/* Mounted for any connected wallet, so a transaction's outcome stays in view once its button is gone. */}
        {address && <EscrowActions escrow={escrow} actions={actions} />}
      </article>
    </li>
  );
}

function AssetText({ escrow }: { escrow: EscrowView }) {
  const local = localContractsOn(useRecordChainId());
  if (/^0x0{40}$/.test(escrow.asset.address)) return <span>Ether, the chain&apos;s own currency</span>;
  const isLocal = local?.TestStablecoin.toLowerCase() === escrow.asset.address.toLowerCase();
  return (
    <span className="flex flex-wrap items-center gap-x-2">
      <span>{isLocal ? "The local chain's test stablecoin" : "ERC-20 token"}</span>
      <AddressText address={escrow.asset.address} />
    </span>
  );
}

function PartyText({
  tokenId,
  holder,
  roleOf,
}: {
  tokenId: bigint;
  holder: Address | null;
  roleOf: (tokenId: bigint) => string | undefined;
}) {
  return (
    <span className="flex flex-wrap items-center gap-x-2">
      <span className="font-medium">{tokenLabel(tokenId, roleOf(tokenId))}</span>
      {holder ? (
        <>
          <span className="text-slate-500">held by</span> <AddressText address={holder} />
        </>
      ) : (
        <span className="text-amber-800">not claimed yet: nobody can pay or be paid with it</span>
      )}
    </span>
  );
}

function RefundTime({ escrow, settled }: { escrow: EscrowView; settled: boolean }) {
  const when = formatTimestamp(escrow.refundAfter);
  if (settled) return <span>{when}</span>;
  if (escrow.now >= escrow.refundAfter) return <span className="text-amber-800">Passed on {when}: release is closed, refund is open.</span>;
  return (
    <span>
      {when} <span className="text-slate-600">({formatDuration(escrow.refundAfter - escrow.now)} left to release)</span>
    </span>
  );
}

function DisputeText({ escrow, outcome }: { escrow: EscrowView; outcome?: EscrowOutcome }) {
  const local = localContractsOn(useRecordChainId());
  if (!escrow.arbitrator) return <span>No arbitrator: this escrow has no dispute path.</span>;
  const isLocal = local?.SingleSignerArbitratorV1.toLowerCase() === escrow.arbitrator.toLowerCase();
  const disputed = outcome?.disputed;
  return (
    <span className="block space-y-1">
      <span className="flex flex-wrap items-center gap-x-2">
        <span>{isLocal ? "The local demo arbitrator" : "Arbitrator"}</span>
        <AddressText address={escrow.arbitrator} />
        <span className="text-slate-600">(a split ruling gives the payee {escrow.splitPayeeBps / 100}%)</span>
      </span>
      {disputed && (
        <span className="flex flex-wrap items-center gap-x-2">
          <span>
            Dispute #{disputed.disputeId.toString()} raised on {formatTimestamp(disputed.at)} by
          </span>
          <AddressText address={disputed.raisedBy} />
          {escrow.status === "disputed" && <span className="font-medium text-red-800">frozen until the arbitrator rules</span>}
        </span>
      )}
    </span>
  );
}

/** One condition: met or not, in words. */
function Condition({ met, children }: { met: boolean; children: ReactNode }) {
  return (
    <li className="flex gap-2">
      <span aria-hidden className={`mt-0.5 shrink-0 font-bold ${met ? "text-emerald-700" : "text-slate-400"}`}>
        {met ? "✓" : "○"}
      </span>
      <span className="min-w-0">
        <span className="sr-only">{met ? "Met: " : "Not met yet: "}</span>
        {children}
      </span>
    </li>
  );
}

function Conditions({ escrow, roleOf }: { escrow: EscrowView; roleOf: (tokenId: bigint) => string | undefined }) {
  const { agreementComplete, approvals, attestation, payment } = escrow.conditions;
  const given = approvals.approvers.filter((a) => a.approved).length;
  const headingId = `escrow-${escrow.escrowId}-conditions`;
  return (
    <section aria-labelledby={headingId} className="space-y-1.5 text-sm">
      <h4 id={headingId} className="font-medium">
        Conditions of release{" "}
        <span className="font-normal text-slate-600">
          {escrow.allHold ? "(every one holds)" : "(all must hold before the refund time)"}
        </span>
      </h4>
      <ul className="space-y-1.5">
        {agreementComplete.required && (
          <Condition met={agreementComplete.holds}>
            Every party claims its token: {agreementComplete.holds ? "done, the agreement is complete" : "not yet"}
          </Condition>
        )}
        {approvals.approvers.length > 0 && (
          <Condition met={given >= approvals.required}>
            <span aria-live="polite">
              <strong>
                {given} of {approvals.required} approved
              </strong>
            </span>
            {approvals.required < approvals.approvers.length && (
              <span className="text-slate-600">
                {" "}
                (any {approvals.required} of the {approvals.approvers.length} approvers)
              </span>
            )}
            <span className="mt-1 flex flex-wrap gap-1.5" role="list" aria-label="Approvers">
              {approvals.approvers.map((a) => (
                <span
                  role="listitem"
                  key={a.tokenId.toString()}
                  className={`rounded-full px-2 py-0.5 text-xs ${a.approved ? "bg-emerald-100 text-emerald-900" : "bg-slate-100 text-slate-700"}`}
                >
                  {tokenLabel(a.tokenId, roleOf(a.tokenId))}: {a.approved ? "approved" : "waiting"}
                </span>
              ))}
            </span>
          </Condition>
        )}
        {attestation && (
          <Condition met={attestation.uid !== null}>
            <span className="inline-flex flex-wrap items-center gap-x-2">
              <span>{attestation.uid ? "Attested by" : "Waiting for an attestation by"}</span>
              <AddressText address={attestation.attester} />
            </span>
            {attestation.uid && <span className="mono block break-all text-xs text-slate-500">attestation {attestation.uid}</span>}
          </Condition>
        )}
        {payment && (
          <Condition met={payment.paid}>
            Payment request #{payment.paymentId.toString()} is marked paid: {payment.paid ? "yes" : "not yet"}
          </Condition>
        )}
      </ul>
    </section>
  );
}

function Outcome({ escrow, outcome }: { escrow: EscrowView; outcome: EscrowOutcome }) {
  const amountOf = (value: bigint) => formatAssetAmount(value, escrow.asset);
  const lines: ReactNode[] = [];
  if (outcome.released) {
    lines.push(
      <span key="released" className="flex flex-wrap items-center gap-x-2">
        <span>
          Released {amountOf(outcome.released.amount)} on {formatTimestamp(outcome.released.at)} to
        </span>
        <AddressText address={outcome.released.to} />
      </span>,
    );
  }
  if (outcome.refunded) {
    lines.push(
      <span key="refunded" className="flex flex-wrap items-center gap-x-2">
        <span>
          Refunded {amountOf(outcome.refunded.amount)} on {formatTimestamp(outcome.refunded.at)} to
        </span>
        <AddressText address={outcome.refunded.to} />
      </span>,
    );
  }
  if (outcome.ruled) {
    const { ruled } = outcome;
    lines.push(
      <span key="ruled" className="block">
        The arbitrator ruled on {formatTimestamp(ruled.at)}: {RULING_WORDS[ruled.ruling]}.
        {ruled.toPayee > 0n && (
          <span className="flex flex-wrap items-center gap-x-2">
            <span>{amountOf(ruled.toPayee)} to the payee</span> <AddressText address={ruled.payee} />
          </span>
        )}
        {ruled.toPayer > 0n && (
          <span className="flex flex-wrap items-center gap-x-2">
            <span>{amountOf(ruled.toPayer)} to the payer</span> <AddressText address={ruled.payer} />
          </span>
        )}
      </span>,
    );
  }
  for (const owed of outcome.owed) {
    lines.push(
      <span key={`owed-${owed.account}`} className="flex flex-wrap items-center gap-x-2">
        <span>{amountOf(owed.amount)} kept for</span> <AddressText address={owed.account} />
        <span>(its transfer was refused; it withdraws it)</span>
      </span>,
    );
  }
  if (lines.length === 0) return null;
  return (
    <div
      className={`space-y-1 rounded-md p-2 text-sm ${outcome.released ? "bg-emerald-50 text-emerald-950" : "bg-slate-50"}`}
      role="group"
      aria-label={`Outcome of escrow #${escrow.escrowId}`}
    >
      {lines}
    </div>
  );
}

const RULING_WORDS = {
  refused: "it refused to rule, so the deposit went back to the payer",
  release: "release to the payee",
  refund: "refund to the payer",
  split: "split between payee and payer",
} as const;

function NextSteps({
  escrow,
  roleOf,
  holderOf,
}: {
  escrow: EscrowView;
  roleOf: (tokenId: bigint) => string | undefined;
  holderOf: (tokenId: bigint) => Address | undefined;
}) {
  const steps = escrowNextSteps(escrow);
  if (steps.length === 0) return null;
  const headingId = `escrow-${escrow.escrowId}-next`;
  return (
    <section aria-labelledby={headingId} className="space-y-1 text-sm">
      <h4 id={headingId} className="font-medium">
        What happens next
      </h4>
      <ul className="list-disc space-y-1 pl-5">
        {steps.map((step, i) => {
          // The account that acts: named by the step, or the holder of the approver token.
          const actor = step.actor.startsWith("0x")
            ? (step.actor as Address)
            : step.tokenId !== undefined
              ? holderOf(step.tokenId)
              : undefined;
          return (
            <li key={`${step.kind}-${step.tokenId ?? i}`}>
              <span className="inline-flex flex-wrap items-center gap-x-2">
                <span>{step.tokenId !== undefined ? stepWithRole(step.words, step.tokenId, roleOf) : step.words}</span>
                {actor && <AddressText address={actor} />}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** "The holder of token 3 approves" named by role where the record gives one: "The holder of token #3 (Inspector) approves". */
function stepWithRole(words: string, tokenId: bigint, roleOf: (tokenId: bigint) => string | undefined): string {
  return words.replace(`token ${tokenId}`, tokenLabel(tokenId, roleOf(tokenId), true));
}

/** The local stack's demo contracts (test stablecoin, arbitrator) of the record's chain, when it is a local one. */
function localContractsOn(chainId: number) {
  return factsOn(chainId).deployment.local;
}
