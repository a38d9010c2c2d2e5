import type { Address } from "viem";
import type { EscrowView } from "@/lib/reads/escrows";

/** What an account can do to an escrow now, as the contract would allow it. */
export type EscrowAction =
  | { kind: "deposit" }
  | { kind: "approve"; tokenId: bigint }
  | { kind: "attest" }
  | { kind: "release" }
  | { kind: "refund" }
  | { kind: "dispute" }
  | { kind: "withdraw"; amount: bigint };

/**
 * The buttons `account` gets for `escrow`, as read: deposit (it holds the payer token, before the refund time), approve
 * (with each approver token it holds that has not approved, while approvals are still missing), attest (it is the
 * named attester and nothing satisfies the condition yet), release (anyone, once every condition holds), refund
 * (anyone, from the refund time), dispute (the payer or payee, with an arbitrator named, before the refund time), and
 * withdraw (a payout the escrow kept for it). `heldTokenIds` are the record's tokens it holds now.
 */
export function escrowActionsFor(escrow: EscrowView, account: Address, heldTokenIds: readonly bigint[], owed = 0n): EscrowAction[] {
  const me = account.toLowerCase();
  const beforeRefund = escrow.now < escrow.refundAfter;
  const live = escrow.status === "open" || escrow.status === "funded";
  const isPayer = escrow.payer.holder?.toLowerCase() === me;
  const isPayee = escrow.payee.holder?.toLowerCase() === me;
  const actions: EscrowAction[] = [];
  if (escrow.status === "open" && beforeRefund && isPayer) actions.push({ kind: "deposit" });
  const { approvals, attestation } = escrow.conditions;
  const given = approvals.approvers.filter((a) => a.approved).length;
  if ((live || escrow.status === "disputed") && beforeRefund && given < approvals.required) {
    for (const approver of approvals.approvers) {
      if (!approver.approved && heldTokenIds.includes(approver.tokenId)) actions.push({ kind: "approve", tokenId: approver.tokenId });
    }
  }
  if (live && beforeRefund && attestation && attestation.uid === null && attestation.attester.toLowerCase() === me) {
    actions.push({ kind: "attest" });
  }
  if (escrow.status === "funded" && beforeRefund && escrow.allHold) actions.push({ kind: "release" });
  if (escrow.status === "funded" && !beforeRefund) actions.push({ kind: "refund" });
  if (escrow.arbitrator && escrow.status === "funded" && beforeRefund && (isPayer || isPayee)) actions.push({ kind: "dispute" });
  if (owed > 0n) actions.push({ kind: "withdraw", amount: owed });
  return actions;
}
