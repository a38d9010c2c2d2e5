import type { Address, Hex } from "viem";
import type { PermitSignature } from "@/lib/escrow/permit";
import { type EscrowTerms, escrowCalls } from "@/lib/writes/escrow";
import { escrowsQuery, escrowsWaitingScope } from "./escrowQueries";
import { timelineKey } from "./queries";

/** What any escrow write changes: the record's escrows, its timeline, and whose dashboard lists it. */
const escrowReads = (integraHash: Hex) => [escrowsQuery(integraHash, 0n).queryKey, timelineKey(integraHash), escrowsWaitingScope];

/**
 * The escrow's writes, as hooks/operations.ts defines the others (the call, its words, the reads it changes), in a
 * module of their own: only the escrow panel's wallet parts import them, so a record page without escrows ships none.
 */
export const escrowOperations = {
  /** Opens an escrow on the record, as its owner or executor. */
  openEscrow: (p: EscrowTerms) => ({
    label: "Open the escrow",
    ...escrowCalls.openEscrow(p),
    invalidate: escrowReads(p.integraHash),
  }),

  /** The payer's deposit: ether as the value, or an ERC-20 the payer allowed the escrow to take. `amount` in words. */
  depositEscrow: (p: { integraHash: Hex; escrowId: bigint; etherValue?: bigint; amount: string }) => ({
    label: `Deposit ${p.amount} into escrow #${p.escrowId}`,
    ...escrowCalls.deposit(p),
    invalidate: escrowReads(p.integraHash),
  }),

  /** The payer's ERC-20 deposit with a permit it signed: one signature, no approve transaction. */
  depositEscrowWithPermit: (p: { integraHash: Hex; escrowId: bigint; permit: PermitSignature; amount: string }) => ({
    label: `Deposit ${p.amount} into escrow #${p.escrowId}`,
    ...escrowCalls.depositWithPermit(p),
    invalidate: escrowReads(p.integraHash),
  }),

  /** The allowance a deposit of a token without permit needs first. */
  approveEscrowAsset: (p: { integraHash: Hex; token: Address; amount: bigint; words: string }) => ({
    label: `Allow the escrow to take ${p.words}`,
    ...escrowCalls.approveAsset(p),
    invalidate: [] as const,
  }),

  approveRelease: (p: { integraHash: Hex; escrowId: bigint; tokenId: bigint }) => ({
    label: `Approve the release of escrow #${p.escrowId} as token #${p.tokenId}`,
    ...escrowCalls.approveRelease(p),
    invalidate: escrowReads(p.integraHash),
  }),

  /** The named attester's attestation of a condition ("inspection": "passed") of the record. */
  attestCondition: (p: { integraHash: Hex; condition: string; statement: string }) => ({
    label: `Attest the ${p.condition}`,
    ...escrowCalls.attestCondition(p),
    invalidate: escrowReads(p.integraHash),
  }),

  releaseEscrow: (p: { integraHash: Hex; escrowId: bigint; attestationUid?: Hex }) => ({
    label: `Release escrow #${p.escrowId} to the payee`,
    ...escrowCalls.release(p),
    invalidate: escrowReads(p.integraHash),
  }),

  refundEscrow: (p: { integraHash: Hex; escrowId: bigint }) => ({
    label: `Refund escrow #${p.escrowId} to the payer`,
    ...escrowCalls.refund(p),
    invalidate: escrowReads(p.integraHash),
  }),

  raiseEscrowDispute: (p: { integraHash: Hex; escrowId: bigint; fee?: bigint }) => ({
    label: `Raise a dispute on escrow #${p.escrowId}`,
    ...escrowCalls.raiseDispute(p),
    invalidate: escrowReads(p.integraHash),
  }),

  withdrawEscrowPayout: (p: { integraHash: Hex; escrowId: bigint }) => ({
    label: `Withdraw the payout kept by escrow #${p.escrowId}`,
    ...escrowCalls.withdrawPayout(p),
    invalidate: escrowReads(p.integraHash),
  }),
};
