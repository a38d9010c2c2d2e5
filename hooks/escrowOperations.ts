import type { Address, Hex } from "viem";
import type { PermitSignature } from "@/lib/escrow/permit";
import { type EscrowTerms, escrowCallsOn } from "@/lib/writes/escrow";
import { escrowsQuery, escrowsWaitingScope } from "./escrowQueries";
import { timelineKey } from "./queries";

/** What any escrow write on chain `chainId` changes: the record's escrows there, its timeline, and whose dashboard lists it. */
const escrowReads = (chainId: number, integraHash: Hex) => [
  escrowsQuery(chainId, integraHash, 0n).queryKey,
  timelineKey(chainId, integraHash),
  escrowsWaitingScope,
];

/** The chain an escrow write goes to: its record's. */
interface OnChain {
  chainId: number;
}

/**
 * The escrow's writes, as hooks/operations.ts defines the others (the call for the record's chain, its words, the
 * reads it changes), in a module of their own: only the escrow panel's wallet parts import them, so a record page
 * without escrows ships none.
 */
export const escrowOperations = {
  /** Opens an escrow on the record, as its owner or executor. */
  openEscrow: (p: EscrowTerms & OnChain) => ({
    label: "Open the escrow",
    ...escrowCallsOn(p.chainId).openEscrow(p),
    invalidate: escrowReads(p.chainId, p.integraHash),
  }),

  /** The payer's deposit: ether as the value, or an ERC-20 the payer allowed the escrow to take. `amount` in words. */
  depositEscrow: (p: OnChain & { integraHash: Hex; escrowId: bigint; etherValue?: bigint; amount: string }) => ({
    label: `Deposit ${p.amount} into escrow #${p.escrowId}`,
    ...escrowCallsOn(p.chainId).deposit(p),
    invalidate: escrowReads(p.chainId, p.integraHash),
  }),

  /** The payer's ERC-20 deposit with a permit it signed: one signature, no approve transaction. */
  depositEscrowWithPermit: (p: OnChain & { integraHash: Hex; escrowId: bigint; permit: PermitSignature; amount: string }) => ({
    label: `Deposit ${p.amount} into escrow #${p.escrowId}`,
    ...escrowCallsOn(p.chainId).depositWithPermit(p),
    invalidate: escrowReads(p.chainId, p.integraHash),
  }),

  /** The allowance a deposit of a token without permit needs first (for the escrow of the record's chain). */
  approveEscrowAsset: (p: OnChain & { integraHash: Hex; token: Address; amount: bigint; words: string }) => ({
    label: `Allow the escrow to take ${p.words}`,
    ...escrowCallsOn(p.chainId).approveAsset(p),
    invalidate: [] as const,
  }),

  approveRelease: (p: OnChain & { integraHash: Hex; escrowId: bigint; tokenId: bigint }) => ({
    label: `Approve the release of escrow #${p.escrowId} as token #${p.tokenId}`,
    ...escrowCallsOn(p.chainId).approveRelease(p),
    invalidate: escrowReads(p.chainId, p.integraHash),
  }),

  /** The named attester's attestation of a condition ("inspection": "passed") of the record. */
  attestCondition: (p: OnChain & { integraHash: Hex; condition: string; statement: string }) => ({
    label: `Attest the ${p.condition}`,
    ...escrowCallsOn(p.chainId).attestCondition(p),
    invalidate: escrowReads(p.chainId, p.integraHash),
  }),

  releaseEscrow: (p: OnChain & { integraHash: Hex; escrowId: bigint; attestationUid?: Hex }) => ({
    label: `Release escrow #${p.escrowId} to the payee`,
    ...escrowCallsOn(p.chainId).release(p),
    invalidate: escrowReads(p.chainId, p.integraHash),
  }),

  refundEscrow: (p: OnChain & { integraHash: Hex; escrowId: bigint }) => ({
    label: `Refund escrow #${p.escrowId} to the payer`,
    ...escrowCallsOn(p.chainId).refund(p),
    invalidate: escrowReads(p.chainId, p.integraHash),
  }),

  raiseEscrowDispute: (p: OnChain & { integraHash: Hex; escrowId: bigint; fee?: bigint }) => ({
    label: `Raise a dispute on escrow #${p.escrowId}`,
    ...escrowCallsOn(p.chainId).raiseDispute(p),
    invalidate: escrowReads(p.chainId, p.integraHash),
  }),

  withdrawEscrowPayout: (p: OnChain & { integraHash: Hex; escrowId: bigint }) => ({
    label: `Withdraw the payout kept by escrow #${p.escrowId}`,
    ...escrowCallsOn(p.chainId).withdrawPayout(p),
    invalidate: escrowReads(p.chainId, p.integraHash),
  }),
};
