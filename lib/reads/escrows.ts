import { type Address, type Hex, erc20Abi, getAbiItem, zeroAddress, zeroHash } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { logsInWindows } from "@/lib/chain/logsInWindows";
import { integraOf } from "@/lib/contracts";
import { escrowOf } from "@/lib/escrow/escrowContract";
import { easAbi, integraEscrowV1Abi } from "@/lib/generated/integra";

const escrowOpened = getAbiItem({ abi: integraEscrowV1Abi, name: "EscrowOpened" });
const attested = getAbiItem({ abi: easAbi, name: "Attested" });

/** IntegraEscrowV1.EscrowStatus, in words. */
export const ESCROW_STATUS = ["none", "open", "funded", "disputed", "released", "refunded", "ruled"] as const;
export type EscrowStatusName = (typeof ESCROW_STATUS)[number];

/** IntegraEscrowV1.AttestationFault, in words ("none": the attestation satisfies the condition). */
export const ATTESTATION_FAULT = ["none", "unknown", "wrong-schema", "wrong-attester", "revoked", "expired", "other-record"] as const;
export type AttestationFaultName = (typeof ATTESTATION_FAULT)[number];

export interface EscrowAsset {
  /** The ERC-20's address, or the zero address for the chain's ether. */
  address: Address;
  symbol: string;
  decimals: number;
}

export interface EscrowView {
  escrowId: bigint;
  integraHash: Hex;
  processHash: Hex;
  status: EscrowStatusName;
  asset: EscrowAsset;
  amount: bigint;
  /** The payer and payee tokens, and who holds each now (null while nobody holds the whole token). */
  payer: { tokenId: bigint; holder: Address | null };
  payee: { tokenId: bigint; holder: Address | null };
  /** Unix seconds: before it, release; from it, refund. */
  refundAfter: bigint;
  /** The chain's time when read. */
  now: bigint;
  arbitrator: Address | null;
  disputeId: bigint | null;
  splitPayeeBps: number;
  conditions: {
    agreementComplete: { required: boolean; holds: boolean };
    approvals: { required: number; approvers: { tokenId: bigint; approved: boolean }[] };
    /** The attester and schema named, and the newest of the attester's attestations that satisfies it, if any. */
    attestation: { attester: Address; schema: Hex; uid: Hex | null; fault: AttestationFaultName } | null;
    payment: { paymentId: bigint; paid: boolean } | null;
  };
  /** True when `release` would pass its conditions now (with `conditions.attestation.uid`). */
  allHold: boolean;
  /** The escrow's opening: its block, transaction and the owner or executor who opened it. */
  opened: { blockNumber: bigint; transactionHash: Hex; openedBy: Address };
}

/** The escrows of a record, newest first: one eth_getLogs (EscrowOpened, topic1 = integraHash), then each one's state. */
export async function readEscrowsOf(
  client: ReadClient,
  integraHash: Hex,
  fromBlock: bigint = integraOf(client).deployBlock,
): Promise<EscrowView[]> {
  const escrow = escrowOf(client);
  const logs = await logsInWindows(client, fromBlock, (window) =>
    client.getLogs({ address: escrow.address, event: escrowOpened, strict: true, args: { integraHash }, ...window }),
  );
  const views = await Promise.all(
    logs.map((log) =>
      readEscrowState(client, log.args.escrowId, {
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
        openedBy: log.args.openedBy,
      }),
    ),
  );
  return views.reverse();
}

/** One escrow by id: its opening (one eth_getLogs on topic3 = escrowId) and its state now. */
export async function readEscrow(client: ReadClient, escrowId: bigint): Promise<EscrowView> {
  const escrow = escrowOf(client);
  const [log] = await logsInWindows(client, integraOf(client).deployBlock, (window) =>
    client.getLogs({ address: escrow.address, event: escrowOpened, strict: true, args: { escrowId }, ...window }),
  );
  if (!log) {
    // The contract's own words (EscrowNotFound) for an id never opened.
    await client.readContract({ ...escrow, functionName: "getEscrow", args: [escrowId] });
    throw new Error(`Escrow #${escrowId} has no EscrowOpened event on this chain.`);
  }
  return readEscrowState(client, escrowId, {
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
    openedBy: log.args.openedBy,
  });
}

async function readEscrowState(client: ReadClient, escrowId: bigint, opened: EscrowView["opened"]): Promise<EscrowView> {
  const escrow = escrowOf(client);
  const [stored, [approverIds, approved], [payerHolder, payeeHolder], block] = await Promise.all([
    client.readContract({ ...escrow, functionName: "getEscrow", args: [escrowId] }),
    client.readContract({ ...escrow, functionName: "approversOf", args: [escrowId] }),
    client.readContract({ ...escrow, functionName: "partiesOf", args: [escrowId] }),
    client.getBlock({ blockTag: "latest" }),
  ]);
  const attester = stored.attester === zeroAddress ? null : stored.attester;
  const [asset, uid] = await Promise.all([
    readAsset(client, stored.asset),
    attester ? findConditionAttestation(client, escrowId, attester, stored.attestationSchema) : null,
  ]);
  const [complete, , fault, paymentPaid, allHold] = await client.readContract({
    ...escrow,
    functionName: "checkConditions",
    args: [escrowId, uid ?? zeroHash],
  });
  const status = ESCROW_STATUS[stored.status];
  return {
    escrowId,
    integraHash: stored.integraHash,
    processHash: stored.processHash,
    status,
    asset,
    amount: stored.amount,
    payer: { tokenId: BigInt(stored.payerTokenId), holder: payerHolder === zeroAddress ? null : payerHolder },
    payee: { tokenId: BigInt(stored.payeeTokenId), holder: payeeHolder === zeroAddress ? null : payeeHolder },
    refundAfter: BigInt(stored.refundAfter),
    now: block.timestamp,
    arbitrator: stored.arbitrator === zeroAddress ? null : stored.arbitrator,
    disputeId: status === "disputed" || status === "ruled" ? BigInt(stored.disputeId) : null,
    splitPayeeBps: stored.splitPayeeBps,
    conditions: {
      agreementComplete: { required: stored.agreementComplete, holds: complete },
      approvals: {
        required: stored.approvalsRequired,
        approvers: approverIds.map((tokenId, i) => ({ tokenId, approved: approved[i] })),
      },
      attestation: attester ? { attester, schema: stored.attestationSchema, uid, fault: ATTESTATION_FAULT[fault] } : null,
      payment: stored.paymentId === 0n ? null : { paymentId: stored.paymentId, paid: paymentPaid },
    },
    allHold,
    opened,
  };
}

/**
 * The newest attestation by `attester` on `schema` that satisfies the escrow's condition now: one eth_getLogs on EAS's
 * Attested (attester and schema are indexed; an inspection may come before the escrow), then the escrow's own check,
 * newest first.
 * Null when there is none yet (or every one was revoked or expired).
 */
async function findConditionAttestation(client: ReadClient, escrowId: bigint, attester: Address, schema: Hex): Promise<Hex | null> {
  const { eas, deployBlock } = integraOf(client);
  const escrow = escrowOf(client);
  const logs = await logsInWindows(client, deployBlock, (window) =>
    client.getLogs({ address: eas.address, event: attested, strict: true, args: { attester, schemaUID: schema }, ...window }),
  );
  for (const log of logs.reverse()) {
    const [, , fault] = await client.readContract({ ...escrow, functionName: "checkConditions", args: [escrowId, log.args.uid] });
    if (fault === 0) return log.args.uid;
  }
  return null;
}

/** The asset's symbol and decimals (ether: ETH, 18). */
export async function readAsset(client: ReadClient, address: Address): Promise<EscrowAsset> {
  if (address === zeroAddress) return { address, symbol: "ETH", decimals: 18 };
  const [symbol, decimals] = await Promise.all([
    client.readContract({ address, abi: erc20Abi, functionName: "symbol" }),
    client.readContract({ address, abi: erc20Abi, functionName: "decimals" }),
  ]);
  return { address, symbol, decimals };
}
