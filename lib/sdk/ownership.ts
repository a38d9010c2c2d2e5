import type { Address, Hex } from "viem";
import type { IntegraSigner } from "./signer";
import { type OnSent, sendCall, callsOf } from "./writes";

/**
 * The record's owner offers the record to `newOwner`, with a reason everyone reads on the timeline (the first step of
 * a two-step transfer: it changes hands when `newOwner` accepts it, acceptRecord). A new offer replaces an earlier one.
 */
export async function offerOwnership(
  signer: IntegraSigner,
  input: { integraHash: Hex; newOwner: Address; reason: string },
  onSent?: OnSent,
): Promise<{ transactionHash: Hex }> {
  const receipt = await sendCall(signer, callsOf(signer).offerOwnership(input), onSent);
  return { transactionHash: receipt.transactionHash };
}

/** The record's owner withdraws its pending ownership offer. */
export async function withdrawOwnershipOffer(signer: IntegraSigner, integraHash: Hex, onSent?: OnSent): Promise<{ transactionHash: Hex }> {
  const receipt = await sendCall(signer, callsOf(signer).withdrawOwnershipOffer({ integraHash }), onSent);
  return { transactionHash: receipt.transactionHash };
}
