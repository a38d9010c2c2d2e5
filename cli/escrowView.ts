// How `integra escrow status` and `list` show an escrow: a JSON document (cli/schemas/escrow-status.schema.json) and
// the same for a person. Pure: the escrow as read (lib/reads/escrows.ts) in, text or data out.
import { zeroAddress } from "viem";
import { formatAssetAmount } from "@/lib/format/amount";
import { formatDuration } from "@/lib/format/time";
import { type EscrowView, escrowNextSteps } from "@/lib/sdk";
import { fields, when } from "./format";

/** Seconds from the chain's time to the refund time (0 once reached). */
export function secondsToRefund(view: EscrowView): number {
  return view.now >= view.refundAfter ? 0 : Number(view.refundAfter - view.now);
}

/** An escrow as its --json document holds it: a field that does not apply is absent. */
export function escrowDocument(view: EscrowView) {
  const { agreementComplete, approvals, attestation, payment } = view.conditions;
  const given = approvals.approvers.filter((a) => a.approved).length;
  const party = (p: EscrowView["payer"]) => ({ tokenId: p.tokenId, ...(p.holder && { holder: p.holder }) });
  return {
    escrowId: view.escrowId,
    integraHash: view.integraHash,
    processHash: view.processHash,
    status: view.status,
    asset: view.asset,
    amount: view.amount,
    amountText: formatAssetAmount(view.amount, view.asset),
    payer: party(view.payer),
    payee: party(view.payee),
    refundAfter: view.refundAfter,
    chainTime: view.now,
    secondsToRefund: secondsToRefund(view),
    ...(view.arbitrator && { arbitrator: view.arbitrator }),
    ...(view.disputeId !== null && { disputeId: view.disputeId }),
    splitPayeeBps: view.splitPayeeBps,
    conditions: {
      ...(agreementComplete.required && { agreementComplete: { holds: agreementComplete.holds } }),
      ...(approvals.approvers.length > 0 && {
        approvals: { required: approvals.required, given, approvers: approvals.approvers },
      }),
      ...(attestation && {
        attestation: {
          attester: attestation.attester,
          schema: attestation.schema,
          ...(attestation.uid && { uid: attestation.uid }),
          fault: attestation.fault,
        },
      }),
      ...(payment && { payment }),
    },
    allHold: view.allHold,
    nextSteps: escrowNextSteps(view).map((step) => ({
      kind: step.kind,
      actor: step.actor,
      words: step.words,
      ...(step.tokenId !== undefined && { tokenId: step.tokenId }),
    })),
    opened: view.opened,
  };
}

const mark = (holds: boolean) => (holds ? "✓" : "✗");

/** The refund time in words: when, and how long from the chain's time (or that it passed). */
function refundLine(view: EscrowView): string {
  const left = secondsToRefund(view);
  return `${when(view.refundAfter)} (${left > 0 ? `in ${formatDuration(left)}` : "reached: only a refund is possible"})`;
}

/** One condition per line, each with ✓ or ✗, as the chain judges it now. */
function conditionLines(view: EscrowView): string[] {
  const { agreementComplete, approvals, attestation, payment } = view.conditions;
  const lines: string[] = [];
  if (agreementComplete.required) lines.push(`${mark(agreementComplete.holds)} the agreement is complete (every party claimed)`);
  if (approvals.approvers.length > 0) {
    const given = approvals.approvers.filter((a) => a.approved);
    const waiting = approvals.approvers.filter((a) => !a.approved).map((a) => `#${a.tokenId}`);
    lines.push(
      `${mark(given.length >= approvals.required)} ${given.length} of ${approvals.required} approvals (approvers ${approvals.approvers
        .map((a) => `#${a.tokenId}${a.approved ? " ✓" : ""}`)
        .join(", ")}${waiting.length && given.length < approvals.required ? `; waiting on ${waiting.join(", ")}` : ""})`,
    );
  }
  if (attestation) {
    lines.push(
      `${mark(attestation.uid !== null)} an attestation by ${attestation.attester}: ${attestation.uid ? `${attestation.uid}` : "none valid yet"}`,
    );
  }
  if (payment) lines.push(`${mark(payment.paid)} payment request #${payment.paymentId} is marked paid`);
  return lines;
}

/** An escrow for a person: terms, each condition live, who acts next and the time left before refund. */
export function renderEscrow(view: EscrowView): string {
  const steps = escrowNextSteps(view);
  const party = (p: EscrowView["payer"]) => `token #${p.tokenId}${p.holder ? `, held by ${p.holder}` : " (nobody holds it now)"}`;
  const arbitrator = view.arbitrator
    ? `${view.arbitrator}${view.disputeId !== null ? ` (dispute ${view.disputeId})` : ""}; a split pays the payee ${view.splitPayeeBps / 100}%`
    : "none: this escrow has no dispute path";
  const out = [
    `Escrow #${view.escrowId} on ${view.integraHash}: ${view.status}`,
    fields([
      ["amount", `${formatAssetAmount(view.amount, view.asset)}${view.asset.address === zeroAddress ? "" : ` (${view.asset.address})`}`],
      ["payer", party(view.payer)],
      ["payee", party(view.payee)],
      ["refund from", refundLine(view)],
      ["arbitrator", arbitrator],
      ["opened", `by ${view.opened.openedBy} in block ${view.opened.blockNumber}`],
    ]),
    "",
    `Conditions${view.status === "funded" || view.status === "open" ? ` (all hold: ${view.allHold ? "yes" : "no"})` : ""}`,
    ...conditionLines(view).map((line) => `  ${line}`),
    "",
    `Next${steps.length === 0 ? ": nothing, it is settled" : ""}`,
    ...steps.map((step) => `  - ${step.words}${step.actor.startsWith("0x") ? ` (${step.actor})` : ""}`),
  ];
  return `${out.join("\n")}\n`;
}
