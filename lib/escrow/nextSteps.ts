import type { Address } from "viem";
import type { EscrowView } from "@/lib/reads/escrows";

/** One thing that moves an escrow forward: who may do it, and what. */
export interface EscrowStep {
  kind: "deposit" | "approve" | "attest" | "mark-paid" | "complete" | "release" | "refund" | "rule" | "wait";
  /** Who acts: an account when one is known, or a description ("anyone", "the arbitrator"). */
  actor: Address | "anyone" | "the parties" | "the arbitrator" | "nobody";
  /** The step in a person's words. */
  words: string;
  /** For an approval: the approver's token. */
  tokenId?: bigint;
}

/**
 * What can happen next to an escrow, as read: the deposit, the missing conditions (each with who can meet it), the
 * release once they hold, the refund from the refund time, the arbitrator's ruling while disputed. Empty once settled.
 */
export function escrowNextSteps(view: EscrowView): EscrowStep[] {
  const beforeRefund = view.now < view.refundAfter;
  switch (view.status) {
    case "released":
    case "refunded":
    case "ruled":
    case "none":
      return [];
    case "disputed":
      return [{ kind: "rule", actor: "the arbitrator", words: "The arbitrator rules: release, refund, or split." }];
    case "open":
      return beforeRefund
        ? [{ kind: "deposit", actor: view.payer.holder ?? "nobody", words: "The payer deposits the amount." }]
        : [{ kind: "wait", actor: "nobody", words: "The refund time passed before any deposit: nothing is held." }];
    case "funded":
      if (!beforeRefund) return [{ kind: "refund", actor: "anyone", words: "Anyone may refund the deposit to the payer." }];
      if (view.allHold)
        return [{ kind: "release", actor: "anyone", words: "Every condition holds: anyone may release the deposit to the payee." }];
      return missingConditions(view);
  }
}

function missingConditions(view: EscrowView): EscrowStep[] {
  const steps: EscrowStep[] = [];
  const { agreementComplete, approvals, attestation, payment } = view.conditions;
  if (agreementComplete.required && !agreementComplete.holds) {
    steps.push({ kind: "complete", actor: "the parties", words: "Every party claims its token, completing the agreement." });
  }
  const given = approvals.approvers.filter((a) => a.approved).length;
  if (given < approvals.required) {
    for (const approver of approvals.approvers.filter((a) => !a.approved)) {
      steps.push({
        kind: "approve",
        actor: "the parties",
        tokenId: approver.tokenId,
        words: `The holder of token ${approver.tokenId} approves (${given} of ${approvals.required} so far).`,
      });
    }
  }
  if (attestation && attestation.uid === null) {
    steps.push({ kind: "attest", actor: attestation.attester, words: "The named attester attests the condition." });
  }
  if (payment && !payment.paid) {
    steps.push({ kind: "mark-paid", actor: "the parties", words: `Payment request #${payment.paymentId} is marked paid.` });
  }
  return steps;
}
