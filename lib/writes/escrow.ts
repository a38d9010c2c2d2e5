import { type Address, type Hex, encodeFunctionData, zeroAddress, zeroHash } from "viem";
import { conditionSchemaUid, eas } from "@/lib/contracts";
import { escrow } from "@/lib/escrow/escrowContract";
import { encodeConditionData } from "@/lib/escrow/conditionSchema";
import type { PermitSignature } from "@/lib/escrow/permit";
import type { ContractCall } from "./contractCall";

/** ERC-20's approve alone: viem's erc20Abi shares a module with every ABI viem's own actions use. */
const erc20ApproveAbi = [
  {
    type: "function",
    name: "approve",
    stateMutability: "nonpayable",
    inputs: [
      { name: "spender", type: "address" },
      { name: "amount", type: "uint256" },
    ],
    outputs: [{ type: "bool" }],
  },
] as const;

/** The terms of a new escrow, as IntegraEscrowV1.open takes them (token ids are the record's own: 1, 2, 3...). */
export interface EscrowTerms {
  integraHash: Hex;
  /** An ERC-20, or the zero address for the chain's ether. */
  asset: Address;
  amount: bigint;
  payerTokenId: number;
  payeeTokenId: number;
  /** Unix seconds from which an unreleased deposit may be refunded. */
  refundAfter: number;
  /** An ERC-792 arbitrator; omitted: the escrow has no dispute path. */
  arbitrator?: Address;
  /** The payee's share in basis points when the arbitrator rules a split. */
  splitPayeeBps?: number;
  agreementComplete?: boolean;
  approvers?: { tokenIds: number[]; required: number };
  /** An attestation by `attester` on `schema` (default: the project's condition schema). */
  attestation?: { attester: Address; schema?: Hex };
  paymentId?: bigint;
}

/** Escrows on a record: opened by its owner or executor, funded by the payer, released, refunded or ruled on. */
export const escrowCalls = {
  openEscrow: (t: EscrowTerms): ContractCall => ({
    to: escrow.address,
    data: encodeFunctionData({
      abi: escrow.abi,
      functionName: "open",
      args: [
        {
          integraHash: t.integraHash,
          asset: t.asset,
          amount: t.amount,
          payerTokenId: t.payerTokenId,
          payeeTokenId: t.payeeTokenId,
          refundAfter: t.refundAfter,
          arbitrator: t.arbitrator ?? zeroAddress,
          splitPayeeBps: t.splitPayeeBps ?? 0,
          agreementComplete: t.agreementComplete ?? false,
          approverTokenIds: t.approvers?.tokenIds ?? [],
          approvalsRequired: t.approvers?.required ?? 0,
          attester: t.attestation?.attester ?? zeroAddress,
          attestationSchema: t.attestation ? (t.attestation.schema ?? conditionSchemaUid) : zeroHash,
          paymentId: t.paymentId ?? 0n,
        },
      ],
    }),
    sponsored: false,
  }),

  /** The payer's deposit: ether as the call's value, or an ERC-20 the payer approved the escrow to take. */
  deposit: (p: { escrowId: bigint; etherValue?: bigint }): ContractCall => ({
    to: escrow.address,
    data: encodeFunctionData({ abi: escrow.abi, functionName: "deposit", args: [p.escrowId] }),
    sponsored: false,
    ...(p.etherValue !== undefined && { value: p.etherValue }),
  }),

  /** The payer's ERC-20 allowance for the escrow to take `amount` at deposit, for a token that offers no permit. */
  approveAsset: (p: { token: Address; amount: bigint }): ContractCall => ({
    to: p.token,
    data: encodeFunctionData({ abi: erc20ApproveAbi, functionName: "approve", args: [escrow.address, p.amount] }),
    sponsored: false,
  }),

  /** The payer's ERC-20 deposit with a permit: one signature, and a relayer may pay the gas. */
  depositWithPermit: (p: { escrowId: bigint; permit: PermitSignature }): ContractCall => ({
    to: escrow.address,
    data: encodeFunctionData({
      abi: escrow.abi,
      functionName: "depositWithPermit",
      args: [p.escrowId, p.permit.deadline, p.permit.v, p.permit.r, p.permit.s],
    }),
    sponsored: true,
  }),

  /** A named approver's approval of the release, as the holder of `tokenId`. */
  approveRelease: (p: { escrowId: bigint; tokenId: bigint }): ContractCall => ({
    to: escrow.address,
    data: encodeFunctionData({ abi: escrow.abi, functionName: "approveRelease", args: [p.escrowId, p.tokenId] }),
    sponsored: true,
  }),

  /** Anyone's trigger of the release, once every condition holds (`attestationUid` for an attestation condition). */
  release: (p: { escrowId: bigint; attestationUid?: Hex }): ContractCall => ({
    to: escrow.address,
    data: encodeFunctionData({ abi: escrow.abi, functionName: "release", args: [p.escrowId, p.attestationUid ?? zeroHash] }),
    sponsored: false,
  }),

  /** Anyone's trigger of the refund, from the refund time on. */
  refund: (p: { escrowId: bigint }): ContractCall => ({
    to: escrow.address,
    data: encodeFunctionData({ abi: escrow.abi, functionName: "refund", args: [p.escrowId] }),
    sponsored: false,
  }),

  /** The payer's or payee's dispute; `fee` pays the arbitrator's arbitrationCost (none for a free arbitrator). */
  raiseDispute: (p: { escrowId: bigint; fee?: bigint }): ContractCall => ({
    to: escrow.address,
    data: encodeFunctionData({ abi: escrow.abi, functionName: "raiseDispute", args: [p.escrowId] }),
    sponsored: !p.fee,
    ...(p.fee && { value: p.fee }),
  }),

  /** What the escrow kept for the caller (a refused payout, a ruled share of its token), to itself or to `to`. */
  withdrawPayout: (p: { escrowId: bigint; to?: Address }): ContractCall => ({
    to: escrow.address,
    data: p.to
      ? encodeFunctionData({ abi: escrow.abi, functionName: "withdrawTo", args: [p.escrowId, p.to] })
      : encodeFunctionData({ abi: escrow.abi, functionName: "withdraw", args: [p.escrowId] }),
    sponsored: false,
  }),

  /** An attestation of a fact an escrow may wait on ("inspection": "passed"), by the attester the escrow names. */
  attestCondition: (p: { integraHash: Hex; condition: string; statement: string }): ContractCall => ({
    to: eas.address,
    data: encodeFunctionData({
      abi: eas.abi,
      functionName: "attest",
      args: [
        {
          schema: conditionSchemaUid,
          data: {
            recipient: zeroAddress,
            expirationTime: 0n,
            revocable: true,
            refUID: zeroHash,
            data: encodeConditionData(p),
            value: 0n,
          },
        },
      ],
    }),
    sponsored: false,
  }),

  revokeCondition: (p: { uid: Hex }): ContractCall => ({
    to: eas.address,
    data: encodeFunctionData({
      abi: eas.abi,
      functionName: "revoke",
      args: [{ schema: conditionSchemaUid, data: { uid: p.uid, value: 0n } }],
    }),
    sponsored: false,
  }),
};
