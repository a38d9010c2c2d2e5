import type { Address, Hex } from "viem";
import { CAPABILITY, capabilityAttestationRequest } from "@/lib/capabilities";
import { capabilitySchemaUid, eas, forwarder, registry, signal, tokenizerAbi } from "@/lib/contracts";
import { type SignedForwardRequest, forwardRequestData } from "@/lib/forwarder/forwardRequest";
import {
  capabilitiesQuery,
  myRecordsScope,
  offersQuery,
  paymentsQuery,
  recordQuery,
  recordTokensQuery,
  recordsByContentQuery,
  reservationsQuery,
  reservationsScope,
  timelineKey,
} from "./queries";

/**
 * Every write of the app, defined once: the contract, the function, the arguments built from what the person
 * chose, the words for it, and exactly the reads it changes. Components call `tx.send(operations.x({...}))`.
 */
const tokenizerOf = (address: Address) => ({ address, abi: tokenizerAbi }) as const;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const operations = {
  /** Registers a document and reserves, and seals, its parties' tokens 1..n: one signature. */
  registerWithParties: (p: { contentHash: Hex; encryptedRef: Hex; tokenizer: Address; executor: Address; processHash: Hex; parties: Address[] }) => ({
    label: `Register the document and reserve ${plural(p.parties.length, "token")}`,
    contract: registry,
    functionName: "registerWithParties" as const,
    args: [p.contentHash, p.encryptedRef, p.tokenizer, p.executor, p.processHash, [], p.parties, p.parties.map(() => 1n)] as const,
    invalidate: [recordsByContentQuery(p.contentHash).queryKey, myRecordsScope, reservationsScope],
  }),

  reserveToken: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint; recipient: Address; amount: bigint; processHash: Hex }) => ({
    label: `Reserve token #${p.tokenId}`,
    contract: tokenizerOf(p.tokenizer),
    functionName: "reserveToken" as const,
    args: [p.integraHash, p.tokenId, p.recipient, p.amount, p.processHash] as const,
    invalidate: [recordTokensQuery(p.integraHash).queryKey, reservationsScope, timelineKey(p.integraHash)],
  }),

  cancelReservation: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint }) => ({
    label: `Cancel the reservation of token #${p.tokenId}`,
    contract: tokenizerOf(p.tokenizer),
    functionName: "cancelReservation" as const,
    args: [p.integraHash, p.tokenId] as const,
    invalidate: [recordTokensQuery(p.integraHash).queryKey, reservationsScope, timelineKey(p.integraHash)],
  }),

  sealParties: (p: { integraHash: Hex; tokenizer: Address; parties: number }) => ({
    label: `Fix the party set at ${plural(p.parties, "token")}`,
    contract: tokenizerOf(p.tokenizer),
    functionName: "sealParties" as const,
    args: [p.integraHash] as const,
    invalidate: [recordTokensQuery(p.integraHash).queryKey, timelineKey(p.integraHash)],
  }),

  claimToken: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint; uid: Hex; processHash: Hex; account: Address }) => ({
    label: `Claim token #${p.tokenId}`,
    contract: tokenizerOf(p.tokenizer),
    functionName: "claimToken" as const,
    args: [p.integraHash, p.tokenId, p.uid, p.processHash] as const,
    invalidate: [reservationsQuery(p.account).queryKey, recordTokensQuery(p.integraHash).queryKey, timelineKey(p.integraHash), capabilitiesQuery({ recipient: p.account }).queryKey],
  }),

  /** The CLAIM capability, attested with the real EAS to the token's recipient. */
  issueClaimCapability: (p: { integraHash: Hex; tokenId: bigint; recipient: Address; processHash: Hex; expirationTime: bigint }) => ({
    label: `Issue the CLAIM capability for token #${p.tokenId}`,
    contract: eas,
    functionName: "attest" as const,
    args: [capabilityAttestationRequest({ schema: capabilitySchemaUid, ...p, capabilities: CAPABILITY.CLAIM })] as const,
    invalidate: [capabilitiesQuery({ integraHash: p.integraHash }).queryKey, capabilitiesQuery({ recipient: p.recipient }).queryKey, timelineKey(p.integraHash)],
  }),

  revokeCapability: (p: { integraHash: Hex; uid: Hex; tokenId: bigint; recipient: Address }) => ({
    label: `Revoke the capability for ${p.tokenId === 0n ? "any token" : `token #${p.tokenId}`}`,
    contract: eas,
    functionName: "revoke" as const,
    args: [{ schema: capabilitySchemaUid, data: { uid: p.uid, value: 0n } }] as const,
    invalidate: [capabilitiesQuery({ integraHash: p.integraHash }).queryKey, capabilitiesQuery({ recipient: p.recipient }).queryKey, timelineKey(p.integraHash)],
  }),

  offerOwnership: (p: { integraHash: Hex; newOwner: Address; reason: string }) => ({
    label: "Offer record ownership",
    contract: registry,
    functionName: "offerRecordOwnership" as const,
    args: [p.integraHash, p.newOwner, p.reason] as const,
    invalidate: [recordQuery(p.integraHash).queryKey, timelineKey(p.integraHash)],
  }),

  withdrawOwnershipOffer: (p: { integraHash: Hex }) => ({
    label: "Withdraw the ownership offer",
    contract: registry,
    functionName: "cancelOwnershipOffer" as const,
    args: [p.integraHash] as const,
    invalidate: [recordQuery(p.integraHash).queryKey, timelineKey(p.integraHash)],
  }),

  acceptOwnership: (p: { integraHash: Hex; account: Address }) => ({
    label: "Accept record ownership",
    contract: registry,
    functionName: "acceptRecordOwnership" as const,
    args: [p.integraHash] as const,
    invalidate: [recordQuery(p.integraHash).queryKey, timelineKey(p.integraHash), myRecordsScope, offersQuery(p.account).queryKey, capabilitiesQuery({ integraHash: p.integraHash }).queryKey],
  }),

  setExecutor: (p: { integraHash: Hex; executor: Address; removing: boolean }) => ({
    label: p.removing ? "Remove the executor" : "Change the executor",
    contract: registry,
    functionName: "setExecutor" as const,
    args: [p.integraHash, p.executor] as const,
    invalidate: [recordQuery(p.integraHash).queryKey, timelineKey(p.integraHash), capabilitiesQuery({ integraHash: p.integraHash }).queryKey],
  }),

  requestPayment: (p: { integraHash: Hex; myToken: bigint; payer: Address; payerToken: bigint; encryptedAmount: Hex; deadline: bigint }) => ({
    label: "Request a payment",
    contract: signal,
    functionName: "requestPayment" as const,
    args: [p.integraHash, p.myToken, p.payer, p.payerToken, p.encryptedAmount, p.deadline] as const,
    invalidate: [paymentsQuery(p.integraHash, 0n).queryKey, timelineKey(p.integraHash)],
  }),

  markPaid: (p: { integraHash: Hex; paymentId: bigint }) => ({
    label: `Mark payment #${p.paymentId} paid`,
    contract: signal,
    functionName: "markPaid" as const,
    args: [p.paymentId, "0x"] as const,
    invalidate: [paymentsQuery(p.integraHash, 0n).queryKey, timelineKey(p.integraHash)],
  }),

  cancelPayment: (p: { integraHash: Hex; paymentId: bigint }) => ({
    label: `Cancel payment request #${p.paymentId}`,
    contract: signal,
    functionName: "cancelPayment" as const,
    args: [p.paymentId] as const,
    invalidate: [paymentsQuery(p.integraHash, 0n).queryKey, timelineKey(p.integraHash)],
  }),

  /** A party's signed request, submitted (and paid for) by the connected wallet through the forwarder. */
  executeForwarded: (p: { integraHash: Hex; request: SignedForwardRequest; words?: string }) => ({
    label: p.words ?? "Submit the signed request",
    contract: forwarder,
    functionName: "execute" as const,
    args: [forwardRequestData(p.request)] as const,
    invalidate: [recordTokensQuery(p.integraHash).queryKey, timelineKey(p.integraHash), paymentsQuery(p.integraHash, 0n).queryKey],
  }),
};
