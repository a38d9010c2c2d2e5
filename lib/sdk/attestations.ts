import { type Address, type Hex, parseEventLogs } from "viem";
import { CAPABILITY } from "@/lib/capabilities";
import { claimStateOf } from "@/lib/claims/claimability";
import type { ReadClient } from "@/lib/chain/readClient";
import { easAbi } from "@/lib/generated/integra";
import { readCapabilities } from "@/lib/reads/capabilities";
import { readRecord, readRecordTokens } from "@/lib/reads/records";
import type { IntegraSigner } from "./signer";
import { IntegraWriteError, type OnSent, sendCall, callsOf } from "./writes";

/** One capability to attest: to whom, on which token of which record (0: any token), which bits, until when. */
export interface CapabilityGrant {
  integraHash: Hex;
  tokenId: bigint;
  recipient: Address;
  capabilities: bigint;
  processHash: Hex;
  /** Unix seconds; 0 or absent for none. */
  expirationTime?: bigint;
}

/**
 * Attests several capabilities in one transaction (EAS multiAttest), as the records' owner or accepted executor;
 * resolves with the attestations' UIDs in the grants' order.
 */
export async function issueCapabilities(
  signer: IntegraSigner,
  grants: readonly CapabilityGrant[],
  onSent?: OnSent,
): Promise<{ uids: Hex[]; transactionHash: Hex }> {
  const receipt = await sendCall(signer, callsOf(signer).issueCapabilities({ grants }), onSent);
  const uids = parseEventLogs({ abi: easAbi, logs: receipt.logs, eventName: "Attested" }).map((e) => e.args.uid);
  if (uids.length !== grants.length) {
    throw new IntegraWriteError(
      "Attestations missing",
      `Transaction ${receipt.transactionHash} made ${uids.length} attestations of the ${grants.length} asked.`,
      undefined,
      "UnexpectedReceipt",
    );
  }
  return { uids, transactionHash: receipt.transactionHash };
}

/**
 * The CLAIM attestations a record still needs so that every reserved token can be claimed: one for each reserved
 * token whose party has none it could use now (none issued, revoked, expired, issued before the record changed
 * hands), judged as `pending` and the tokenizer judge them. None when every party can claim.
 */
export async function missingClaimGrants(client: ReadClient, integraHash: Hex, expirationTime?: bigint): Promise<CapabilityGrant[]> {
  const record = await readRecord(client, integraHash);
  const [tokens, capabilities, block] = await Promise.all([
    readRecordTokens(client, integraHash, record.tokenizer, record.registeredBlock),
    readCapabilities(client, { integraHash, fromBlock: record.registeredBlock }),
    client.getBlock(),
  ]);
  return tokens.tokens
    .filter((token) => token.status === "reserved")
    .filter((token) => claimStateOf({ ...token, integraHash }, capabilities, token.reservedFor, block.timestamp).kind !== "claimable")
    .map((token) => ({
      integraHash,
      tokenId: token.tokenId,
      recipient: token.reservedFor,
      capabilities: CAPABILITY.CLAIM,
      processHash: record.processHash,
      expirationTime,
    }));
}

/**
 * Makes every reserved token of a record claimable: attests CLAIM to each party that has no usable attestation, all in
 * one transaction, or sends nothing when every party already has one (so running it again is harmless).
 */
export async function attestParties(
  signer: IntegraSigner,
  integraHash: Hex,
  options: { expirationTime?: bigint; onSent?: OnSent } = {},
): Promise<{ grants: CapabilityGrant[]; uids: Hex[]; transactionHash?: Hex }> {
  const grants = await missingClaimGrants(signer.client, integraHash, options.expirationTime);
  if (grants.length === 0) return { grants, uids: [] };
  const { uids, transactionHash } = await issueCapabilities(signer, grants, options.onSent);
  return { grants, uids, transactionHash };
}

/**
 * Revokes a capability attestation, as its attester (EAS allows only the attester): a claim that would have used it
 * is refused from then on (AttestationRevoked), and the app and `pending` say so.
 */
export async function revokeCapability(signer: IntegraSigner, uid: Hex, onSent?: OnSent): Promise<{ transactionHash: Hex }> {
  const receipt = await sendCall(signer, callsOf(signer).revokeCapability({ uid }), onSent);
  return { transactionHash: receipt.transactionHash };
}
