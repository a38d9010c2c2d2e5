import { type Address, type Hex, encodeFunctionData, zeroAddress, zeroHash } from "viem";
import { easAbi, integraEscrowV1Abi } from "@/lib/generated/integra";
import { encodeConditionData } from "@/lib/escrow/conditionSchema";
import type { PermitSignature } from "@/lib/escrow/permit";
import { type ChainAddresses, chainAddressesOn, defaultChainAddresses } from "./chainAddresses";
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

/** Escrows on a record, on one chain: opened by its owner or executor, funded by the payer, released, refunded or ruled on. */
function escrowCallsWith(on: () => ChainAddresses) {
  const abi = integraEscrowV1Abi;
  /** A call to the chain's escrow. */
  const escrowCall = (data: Hex, sponsored: boolean, value?: bigint): ContractCall => {
    const chain = on();
    return { chainId: chain.chainId, to: chain.address("IntegraEscrowV1"), data, sponsored, ...(value !== undefined && { value }) };
  };
  /** A call to the chain's EAS under its condition schema. */
  const conditionCall = (data: (schema: Hex) => Hex): ContractCall => {
    const chain = on();
    return { chainId: chain.chainId, to: chain.address("EAS"), data: data(chain.conditionSchemaUid), sponsored: false };
  };
  return {
    openEscrow: (t: EscrowTerms): ContractCall =>
      escrowCall(
        encodeFunctionData({
          abi,
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
              attestationSchema: t.attestation ? (t.attestation.schema ?? on().conditionSchemaUid) : zeroHash,
              paymentId: t.paymentId ?? 0n,
            },
          ],
        }),
        false,
      ),

    /** The payer's deposit: ether as the call's value, or an ERC-20 the payer approved the escrow to take. */
    deposit: (p: { escrowId: bigint; etherValue?: bigint }): ContractCall =>
      escrowCall(encodeFunctionData({ abi, functionName: "deposit", args: [p.escrowId] }), false, p.etherValue),

    /** The payer's ERC-20 allowance for the chain's escrow to take `amount` at deposit, for a token that offers no permit. */
    approveAsset: (p: { token: Address; amount: bigint }): ContractCall => {
      const chain = on();
      return {
        chainId: chain.chainId,
        to: p.token,
        data: encodeFunctionData({
          abi: erc20ApproveAbi,
          functionName: "approve",
          args: [chain.address("IntegraEscrowV1"), p.amount],
        }),
        sponsored: false,
      };
    },

    /** The payer's ERC-20 deposit with a permit: one signature, and a relayer may pay the gas. */
    depositWithPermit: (p: { escrowId: bigint; permit: PermitSignature }): ContractCall =>
      escrowCall(
        encodeFunctionData({
          abi,
          functionName: "depositWithPermit",
          args: [p.escrowId, p.permit.deadline, p.permit.v, p.permit.r, p.permit.s],
        }),
        true,
      ),

    /** A named approver's approval of the release, as the holder of `tokenId`. */
    approveRelease: (p: { escrowId: bigint; tokenId: bigint }): ContractCall =>
      escrowCall(encodeFunctionData({ abi, functionName: "approveRelease", args: [p.escrowId, p.tokenId] }), true),

    /** Anyone's trigger of the release, once every condition holds (`attestationUid` for an attestation condition). */
    release: (p: { escrowId: bigint; attestationUid?: Hex }): ContractCall =>
      escrowCall(encodeFunctionData({ abi, functionName: "release", args: [p.escrowId, p.attestationUid ?? zeroHash] }), false),

    /** Anyone's trigger of the refund, from the refund time on. */
    refund: (p: { escrowId: bigint }): ContractCall =>
      escrowCall(encodeFunctionData({ abi, functionName: "refund", args: [p.escrowId] }), false),

    /** The payer's or payee's dispute; `fee` pays the arbitrator's arbitrationCost (none for a free arbitrator). */
    raiseDispute: (p: { escrowId: bigint; fee?: bigint }): ContractCall =>
      escrowCall(encodeFunctionData({ abi, functionName: "raiseDispute", args: [p.escrowId] }), !p.fee, p.fee || undefined),

    /** What the escrow kept for the caller (a refused payout, a ruled share of its token), to itself or to `to`. */
    withdrawPayout: (p: { escrowId: bigint; to?: Address }): ContractCall =>
      escrowCall(
        p.to
          ? encodeFunctionData({ abi, functionName: "withdrawTo", args: [p.escrowId, p.to] })
          : encodeFunctionData({ abi, functionName: "withdraw", args: [p.escrowId] }),
        false,
      ),

    /** An attestation of a fact an escrow may wait on ("inspection": "passed"), by the attester the escrow names. */
    attestCondition: (p: { integraHash: Hex; condition: string; statement: string }): ContractCall =>
      conditionCall((schema) =>
        encodeFunctionData({
          abi: easAbi,
          functionName: "attest",
          args: [
            {
              schema,
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
      ),

    revokeCondition: (p: { uid: Hex }): ContractCall =>
      conditionCall((schema) =>
        encodeFunctionData({ abi: easAbi, functionName: "revoke", args: [{ schema, data: { uid: p.uid, value: 0n } }] }),
      ),
  };
}

/** The escrow's writes on one chain: each call carries that chain's id and is addressed to its deployment. */
export type EscrowCalls = ReturnType<typeof escrowCallsWith>;

/** The escrow's writes on the default chain (the deployment in use); `escrowCallsOn(chainId)` for another chain's record. */
export const escrowCalls: EscrowCalls = escrowCallsWith(() => defaultChainAddresses);

const callsByChain = new Map<number, EscrowCalls>();

/** The escrow's writes on chain `chainId`, addressed to that chain's escrow and EAS (its condition schema). */
export function escrowCallsOn(chainId: number): EscrowCalls {
  let calls = callsByChain.get(chainId);
  if (!calls) {
    calls = escrowCallsWith(chainAddressesOn(chainId));
    callsByChain.set(chainId, calls);
  }
  return calls;
}
