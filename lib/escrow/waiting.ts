import type { Address } from "viem";
import type { EscrowView } from "@/lib/reads/escrows";

/** Something an escrow waits on the account for. */
export interface EscrowWait {
  kind: "deposit" | "approve" | "attest";
  /** For an approval: the account's approver token. */
  tokenId?: bigint;
  words: string;
}

/**
 * What `escrow` waits on `account` for, as read: the deposit (it holds the payer token), an approval (one of its tokens
 * is a named approver that has not approved) or the attestation (it is the named attester and none satisfies the
 * condition yet). `myTokens` are the account's tokens of the escrow's record (reserved for it or claimed by it: an
 * approver who has not claimed yet claims first). Nothing once settled, disputed, or past the refund time.
 */
export function escrowWaitsFor(
  escrow: EscrowView,
  account: Address,
  myTokens: readonly { tokenId: bigint; claimed: boolean }[],
): EscrowWait[] {
  if (escrow.now >= escrow.refundAfter || (escrow.status !== "open" && escrow.status !== "funded")) return [];
  const me = account.toLowerCase();
  const waits: EscrowWait[] = [];
  if (escrow.status === "open" && escrow.payer.holder?.toLowerCase() === me) {
    waits.push({ kind: "deposit", words: "Deposit the amount: you hold the payer token." });
  }
  const { approvals, attestation } = escrow.conditions;
  const given = approvals.approvers.filter((a) => a.approved).length;
  if (given < approvals.required) {
    for (const approver of approvals.approvers.filter((a) => !a.approved)) {
      const mine = myTokens.find((t) => t.tokenId === approver.tokenId);
      if (!mine) continue;
      waits.push({
        kind: "approve",
        tokenId: approver.tokenId,
        words: mine.claimed
          ? `Approve the release as token #${approver.tokenId} (${given} of ${approvals.required} so far).`
          : `Claim token #${approver.tokenId}, then approve the release with it.`,
      });
    }
  }
  if (attestation && attestation.uid === null && attestation.attester.toLowerCase() === me) {
    waits.push({ kind: "attest", words: "Attest the condition: you are the named attester." });
  }
  return waits;
}
