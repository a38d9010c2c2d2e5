import type { Address, Hex } from "viem";
import { tokenizerAbi } from "@/lib/contracts";
import { readRecord } from "@/lib/reads/records";
import type { IntegraSigner } from "./signer";
import { type OnSent, sendCall, callsOf } from "./writes";

/** The clerk's reservation writes (the record's owner, or its accepted executor): reserve, cancel, seal. */

export interface ReserveInput {
  integraHash: Hex;
  recipient: Address;
  /** The public role ("Lender"); empty or absent for none. */
  role?: string;
  /** Default 1. */
  amount?: bigint;
  /**
   * The token id; absent: the record's next one (one past its highest, cancelled ones included). A cancelled token
   * is reserved again by naming its id: that is how a vacancy of a sealed party set is filled.
   */
  tokenId?: bigint;
}

/** Reserves a token of a record for `recipient`, in the record's own tokenizer and workflow. */
export async function reserveToken(
  signer: IntegraSigner,
  input: ReserveInput,
  onSent?: OnSent,
): Promise<{ tokenId: bigint; transactionHash: Hex }> {
  const { tokenizer, processHash } = await readRecord(signer.client, input.integraHash);
  const tokenId = input.tokenId ?? (await nextTokenId(signer, input.integraHash, tokenizer));
  const call = callsOf(signer).reserveToken({
    integraHash: input.integraHash,
    tokenizer,
    tokenId,
    recipient: input.recipient,
    amount: input.amount ?? 1n,
    processHash,
    role: input.role ?? "",
  });
  const receipt = await sendCall(signer, call, onSent);
  return { tokenId, transactionHash: receipt.transactionHash };
}

async function nextTokenId(signer: IntegraSigner, integraHash: Hex, tokenizer: Address): Promise<bigint> {
  const ids = await signer.client.readContract({ address: tokenizer, abi: tokenizerAbi, functionName: "tokenIdsOf", args: [integraHash] });
  return ids.reduce((highest, id) => (id > highest ? id : highest), 0n) + 1n;
}

/** Cancels the reservation of a token not yet claimed; refused once any party has claimed (PartySetLocked). */
export async function cancelReservation(
  signer: IntegraSigner,
  input: { integraHash: Hex; tokenId: bigint },
  onSent?: OnSent,
): Promise<{ transactionHash: Hex }> {
  const { tokenizer } = await readRecord(signer.client, input.integraHash);
  const receipt = await sendCall(signer, callsOf(signer).cancelReservation({ ...input, tokenizer }), onSent);
  return { transactionHash: receipt.transactionHash };
}

/** Fixes the record's party set at the tokens reserved now: claims may begin, and the agreement completes when all are claimed. */
export async function sealParties(
  signer: IntegraSigner,
  integraHash: Hex,
  onSent?: OnSent,
): Promise<{ transactionHash: Hex; parties: number }> {
  const { tokenizer } = await readRecord(signer.client, integraHash);
  const receipt = await sendCall(signer, callsOf(signer).sealParties({ integraHash, tokenizer }), onSent);
  const [, parties] = await signer.client.readContract({
    address: tokenizer,
    abi: tokenizerAbi,
    functionName: "partySetOf",
    args: [integraHash],
  });
  return { transactionHash: receipt.transactionHash, parties: Number(parties) };
}
