import { type Address, type Hex, zeroAddress } from "viem";
import { CAPABILITY } from "@/lib/capabilities";
import { integraCalls } from "@/lib/writes";
import type { SignedForwardRequest } from "@/lib/forwarder/forwardRequest";
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
  workflowQuery,
  workflowTimelineKey,
} from "./queries";

/**
 * Every write of the app, defined once: the contract, the function and the arguments built from what the person
 * chose (encoded by integraCalls, against the contract's own ABI types, with whether a relayer sponsors the call),
 * the words for it, and exactly the reads it changes. Components call `tx.send(operations.x({...}))`.
 */
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const operations = {
  /** Registers a document and reserves, and seals, its parties' tokens 1..n: one signature. */
  registerWithParties: (p: Parameters<typeof integraCalls.registerWithParties>[0]) => ({
    label: `Register the document and reserve ${plural(p.parties.length, "token")}`,
    ...integraCalls.registerWithParties(p),
    invalidate: [recordsByContentQuery(p.contentHash).queryKey, myRecordsScope, reservationsScope, workflowQuery(p.processHash).queryKey],
  }),

  admitMember: (p: { processHash: Hex; member: Address }) => ({
    label: "Admit a member to the workflow",
    ...integraCalls.admitMember(p),
    invalidate: [workflowQuery(p.processHash).queryKey, workflowTimelineKey(p.processHash)],
  }),

  removeMember: (p: { processHash: Hex; member: Address }) => ({
    label: "Remove a member from the workflow",
    ...integraCalls.removeMember(p),
    invalidate: [workflowQuery(p.processHash).queryKey, workflowTimelineKey(p.processHash)],
  }),

  reserveToken: (p: Parameters<typeof integraCalls.reserveToken>[0]) => ({
    label: `Reserve token #${p.tokenId}${p.role ? ` (${p.role})` : ""}`,
    ...integraCalls.reserveToken(p),
    invalidate: [recordTokensQuery(p.integraHash).queryKey, reservationsScope, timelineKey(p.integraHash)],
  }),

  cancelReservation: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint }) => ({
    label: `Cancel the reservation of token #${p.tokenId}`,
    ...integraCalls.cancelReservation(p),
    invalidate: [recordTokensQuery(p.integraHash).queryKey, reservationsScope, timelineKey(p.integraHash)],
  }),

  sealParties: (p: { integraHash: Hex; tokenizer: Address; parties: number }) => ({
    label: `Fix the party set at ${plural(p.parties, "token")}`,
    ...integraCalls.sealParties(p),
    invalidate: [recordTokensQuery(p.integraHash).queryKey, timelineKey(p.integraHash)],
  }),

  claimToken: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint; uid: Hex; processHash: Hex; account: Address }) => ({
    label: `Claim token #${p.tokenId}`,
    ...integraCalls.claimToken(p),
    invalidate: [
      reservationsQuery(p.account).queryKey,
      recordTokensQuery(p.integraHash).queryKey,
      timelineKey(p.integraHash),
      capabilitiesQuery({ recipient: p.account }).queryKey,
    ],
  }),

  /** The CLAIM capability, attested with the real EAS to the token's recipient. */
  issueClaimCapability: (p: { integraHash: Hex; tokenId: bigint; recipient: Address; processHash: Hex; expirationTime: bigint }) => ({
    label: `Issue the CLAIM capability for token #${p.tokenId}`,
    ...integraCalls.issueCapability({ ...p, capabilities: CAPABILITY.CLAIM }),
    invalidate: [
      capabilitiesQuery({ integraHash: p.integraHash }).queryKey,
      capabilitiesQuery({ recipient: p.recipient }).queryKey,
      timelineKey(p.integraHash),
    ],
  }),

  revokeCapability: (p: { integraHash: Hex; uid: Hex; tokenId: bigint; recipient: Address }) => ({
    label: `Revoke the capability for ${p.tokenId === 0n ? "any token" : `token #${p.tokenId}`}`,
    ...integraCalls.revokeCapability(p),
    invalidate: [
      capabilitiesQuery({ integraHash: p.integraHash }).queryKey,
      capabilitiesQuery({ recipient: p.recipient }).queryKey,
      timelineKey(p.integraHash),
    ],
  }),

  offerOwnership: (p: { integraHash: Hex; newOwner: Address; reason: string }) => ({
    label: "Offer record ownership",
    ...integraCalls.offerOwnership(p),
    invalidate: [recordQuery(p.integraHash).queryKey, timelineKey(p.integraHash)],
  }),

  withdrawOwnershipOffer: (p: { integraHash: Hex }) => ({
    label: "Withdraw the ownership offer",
    ...integraCalls.withdrawOwnershipOffer(p),
    invalidate: [recordQuery(p.integraHash).queryKey, timelineKey(p.integraHash)],
  }),

  /** Accepts the record as shown: `version` is the recordVersionOf read with it, so any change since refuses it. */
  acceptOwnership: (p: { integraHash: Hex; version: bigint; account: Address }) => ({
    label: "Accept record ownership",
    ...integraCalls.acceptOwnership(p),
    invalidate: [
      recordQuery(p.integraHash).queryKey,
      timelineKey(p.integraHash),
      myRecordsScope,
      offersQuery(p.account).queryKey,
      capabilitiesQuery({ integraHash: p.integraHash }).queryKey,
    ],
  }),

  offerExecutor: (p: { integraHash: Hex; candidate: Address }) => ({
    label: p.candidate === zeroAddress ? "Withdraw the executor offer" : "Offer the executor role",
    ...integraCalls.offerExecutor(p),
    invalidate: [recordQuery(p.integraHash).queryKey, timelineKey(p.integraHash)],
  }),

  acceptExecutorRole: (p: { integraHash: Hex }) => ({
    label: "Accept the executor role",
    ...integraCalls.acceptExecutorRole(p),
    invalidate: [
      recordQuery(p.integraHash).queryKey,
      timelineKey(p.integraHash),
      capabilitiesQuery({ integraHash: p.integraHash }).queryKey,
    ],
  }),

  removeExecutor: (p: { integraHash: Hex }) => ({
    label: "Remove the executor",
    ...integraCalls.removeExecutor(p),
    invalidate: [
      recordQuery(p.integraHash).queryKey,
      timelineKey(p.integraHash),
      capabilitiesQuery({ integraHash: p.integraHash }).queryKey,
    ],
  }),

  requestPayment: (p: Parameters<typeof integraCalls.requestPayment>[0]) => ({
    label: "Request a payment",
    ...integraCalls.requestPayment(p),
    invalidate: [paymentsQuery(p.integraHash, 0n).queryKey, timelineKey(p.integraHash)],
  }),

  markPaid: (p: { integraHash: Hex; paymentId: bigint }) => ({
    label: `Mark payment #${p.paymentId} paid`,
    ...integraCalls.markPaid(p),
    invalidate: [paymentsQuery(p.integraHash, 0n).queryKey, timelineKey(p.integraHash)],
  }),

  cancelPayment: (p: { integraHash: Hex; paymentId: bigint }) => ({
    label: `Cancel payment request #${p.paymentId}`,
    ...integraCalls.cancelPayment(p),
    invalidate: [paymentsQuery(p.integraHash, 0n).queryKey, timelineKey(p.integraHash)],
  }),

  /** A party's signed request, submitted (and paid for) by the connected wallet through the forwarder. */
  executeForwarded: (p: { integraHash: Hex; request: SignedForwardRequest; words?: string }) => ({
    label: p.words ?? "Submit the signed request",
    ...integraCalls.executeForwarded(p),
    invalidate: [recordTokensQuery(p.integraHash).queryKey, timelineKey(p.integraHash), paymentsQuery(p.integraHash, 0n).queryKey],
  }),
};
