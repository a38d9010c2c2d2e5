import { type Address, type Hex, zeroAddress } from "viem";
import { CAPABILITY } from "@/lib/capabilities";
import { type IntegraCalls, integraCallsOn } from "@/lib/writes";
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
 * chose (encoded by integraCallsOn, against the contract's own ABI types, with whether a relayer sponsors the call),
 * the words for it, and exactly the reads it changes. Each names its chain (`chainId`: the record's, or the chain a
 * registration goes to): the call is addressed to that chain's deployment and sent there, and the reads it refreshes
 * are that chain's. Components call `tx.send(operations.x({ chainId, ... }))`.
 */
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The chain a write goes to. */
interface OnChain {
  chainId: number;
}

type InputOf<name extends keyof IntegraCalls> = Parameters<IntegraCalls[name]>[0] & OnChain;

export const operations = {
  /** Registers a document and reserves, and seals, its parties' tokens 1..n: one signature. */
  registerWithParties: (p: InputOf<"registerWithParties">) => ({
    label: `Register the document and reserve ${plural(p.parties.length, "token")}`,
    ...integraCallsOn(p.chainId).registerWithParties(p),
    invalidate: [
      recordsByContentQuery(p.chainId, p.contentHash).queryKey,
      myRecordsScope,
      reservationsScope,
      workflowQuery(p.chainId, p.processHash).queryKey,
    ],
  }),

  admitMember: (p: InputOf<"admitMember">) => ({
    label: "Admit a member to the workflow",
    ...integraCallsOn(p.chainId).admitMember(p),
    invalidate: [workflowQuery(p.chainId, p.processHash).queryKey, workflowTimelineKey(p.chainId, p.processHash)],
  }),

  removeMember: (p: InputOf<"removeMember">) => ({
    label: "Remove a member from the workflow",
    ...integraCallsOn(p.chainId).removeMember(p),
    invalidate: [workflowQuery(p.chainId, p.processHash).queryKey, workflowTimelineKey(p.chainId, p.processHash)],
  }),

  reserveToken: (p: InputOf<"reserveToken">) => ({
    label: `Reserve token #${p.tokenId}${p.role ? ` (${p.role})` : ""}`,
    ...integraCallsOn(p.chainId).reserveToken(p),
    invalidate: [recordTokensQuery(p.chainId, p.integraHash).queryKey, reservationsScope, timelineKey(p.chainId, p.integraHash)],
  }),

  cancelReservation: (p: InputOf<"cancelReservation">) => ({
    label: `Cancel the reservation of token #${p.tokenId}`,
    ...integraCallsOn(p.chainId).cancelReservation(p),
    invalidate: [recordTokensQuery(p.chainId, p.integraHash).queryKey, reservationsScope, timelineKey(p.chainId, p.integraHash)],
  }),

  sealParties: (p: InputOf<"sealParties"> & { parties: number }) => ({
    label: `Fix the party set at ${plural(p.parties, "token")}`,
    ...integraCallsOn(p.chainId).sealParties(p),
    invalidate: [recordTokensQuery(p.chainId, p.integraHash).queryKey, timelineKey(p.chainId, p.integraHash)],
  }),

  claimToken: (p: InputOf<"claimToken"> & { account: Address }) => ({
    label: `Claim token #${p.tokenId}`,
    ...integraCallsOn(p.chainId).claimToken(p),
    invalidate: [
      reservationsQuery(p.chainId, p.account).queryKey,
      recordTokensQuery(p.chainId, p.integraHash).queryKey,
      timelineKey(p.chainId, p.integraHash),
      capabilitiesQuery(p.chainId, { recipient: p.account }).queryKey,
    ],
  }),

  /** The CLAIM capability, attested with the real EAS to the token's recipient. */
  issueClaimCapability: (
    p: OnChain & { integraHash: Hex; tokenId: bigint; recipient: Address; processHash: Hex; expirationTime: bigint },
  ) => ({
    label: `Issue the CLAIM capability for token #${p.tokenId}`,
    ...integraCallsOn(p.chainId).issueCapability({ ...p, capabilities: CAPABILITY.CLAIM }),
    invalidate: [
      capabilitiesQuery(p.chainId, { integraHash: p.integraHash }).queryKey,
      capabilitiesQuery(p.chainId, { recipient: p.recipient }).queryKey,
      timelineKey(p.chainId, p.integraHash),
    ],
  }),

  revokeCapability: (p: OnChain & { integraHash: Hex; uid: Hex; tokenId: bigint; recipient: Address }) => ({
    label: `Revoke the capability for ${p.tokenId === 0n ? "any token" : `token #${p.tokenId}`}`,
    ...integraCallsOn(p.chainId).revokeCapability(p),
    invalidate: [
      capabilitiesQuery(p.chainId, { integraHash: p.integraHash }).queryKey,
      capabilitiesQuery(p.chainId, { recipient: p.recipient }).queryKey,
      timelineKey(p.chainId, p.integraHash),
    ],
  }),

  offerOwnership: (p: InputOf<"offerOwnership">) => ({
    label: "Offer record ownership",
    ...integraCallsOn(p.chainId).offerOwnership(p),
    invalidate: [recordQuery(p.chainId, p.integraHash).queryKey, timelineKey(p.chainId, p.integraHash)],
  }),

  withdrawOwnershipOffer: (p: InputOf<"withdrawOwnershipOffer">) => ({
    label: "Withdraw the ownership offer",
    ...integraCallsOn(p.chainId).withdrawOwnershipOffer(p),
    invalidate: [recordQuery(p.chainId, p.integraHash).queryKey, timelineKey(p.chainId, p.integraHash)],
  }),

  /** Accepts the record as shown: `version` is the recordVersionOf read with it, so any change since refuses it. */
  acceptOwnership: (p: InputOf<"acceptOwnership"> & { account: Address }) => ({
    label: "Accept record ownership",
    ...integraCallsOn(p.chainId).acceptOwnership(p),
    invalidate: [
      recordQuery(p.chainId, p.integraHash).queryKey,
      timelineKey(p.chainId, p.integraHash),
      myRecordsScope,
      offersQuery(p.chainId, p.account).queryKey,
      capabilitiesQuery(p.chainId, { integraHash: p.integraHash }).queryKey,
    ],
  }),

  offerExecutor: (p: InputOf<"offerExecutor">) => ({
    label: p.candidate === zeroAddress ? "Withdraw the executor offer" : "Offer the executor role",
    ...integraCallsOn(p.chainId).offerExecutor(p),
    invalidate: [recordQuery(p.chainId, p.integraHash).queryKey, timelineKey(p.chainId, p.integraHash)],
  }),

  acceptExecutorRole: (p: InputOf<"acceptExecutorRole">) => ({
    label: "Accept the executor role",
    ...integraCallsOn(p.chainId).acceptExecutorRole(p),
    invalidate: [
      recordQuery(p.chainId, p.integraHash).queryKey,
      timelineKey(p.chainId, p.integraHash),
      capabilitiesQuery(p.chainId, { integraHash: p.integraHash }).queryKey,
    ],
  }),

  removeExecutor: (p: InputOf<"removeExecutor">) => ({
    label: "Remove the executor",
    ...integraCallsOn(p.chainId).removeExecutor(p),
    invalidate: [
      recordQuery(p.chainId, p.integraHash).queryKey,
      timelineKey(p.chainId, p.integraHash),
      capabilitiesQuery(p.chainId, { integraHash: p.integraHash }).queryKey,
    ],
  }),

  requestPayment: (p: InputOf<"requestPayment">) => ({
    label: "Request a payment",
    ...integraCallsOn(p.chainId).requestPayment(p),
    invalidate: [paymentsQuery(p.chainId, p.integraHash, 0n).queryKey, timelineKey(p.chainId, p.integraHash)],
  }),

  markPaid: (p: InputOf<"markPaid"> & { integraHash: Hex }) => ({
    label: `Mark payment #${p.paymentId} paid`,
    ...integraCallsOn(p.chainId).markPaid(p),
    invalidate: [paymentsQuery(p.chainId, p.integraHash, 0n).queryKey, timelineKey(p.chainId, p.integraHash)],
  }),

  cancelPayment: (p: InputOf<"cancelPayment"> & { integraHash: Hex }) => ({
    label: `Cancel payment request #${p.paymentId}`,
    ...integraCallsOn(p.chainId).cancelPayment(p),
    invalidate: [paymentsQuery(p.chainId, p.integraHash, 0n).queryKey, timelineKey(p.chainId, p.integraHash)],
  }),

  /**
   * A party's signed request, submitted (and paid for) by the connected wallet through the forwarder of the chain it
   * was signed for (the record's: its domain names that chain and its forwarder).
   */
  executeForwarded: (p: OnChain & { integraHash: Hex; request: SignedForwardRequest; words?: string }) => ({
    label: p.words ?? "Submit the signed request",
    ...integraCallsOn(p.chainId).executeForwarded(p),
    invalidate: [
      recordTokensQuery(p.chainId, p.integraHash).queryKey,
      timelineKey(p.chainId, p.integraHash),
      paymentsQuery(p.chainId, p.integraHash, 0n).queryKey,
    ],
  }),
};
