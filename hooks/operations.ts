import { type Address, type Hex, encodeFunctionData } from "viem";
import { claimAttestationRequest } from "@/lib/capabilities";
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
 * Every write of the app, defined once: the contract, the function and the arguments built from what the person
 * chose (encoded here, against the contract's own ABI types), the words for it, and exactly the reads it changes.
 * Components call `tx.send(operations.x({...}))`.
 */
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const operations = {
  /** Registers a document and reserves, and seals, its parties' tokens 1..n: one signature. */
  registerWithParties: (p: {
    contentHash: Hex;
    encryptedRef: Hex;
    tokenizer: Address;
    executor: Address;
    processHash: Hex;
    parties: Address[];
  }) => ({
    label: `Register the document and reserve ${plural(p.parties.length, "token")}`,
    to: registry.address,
    data: encodeFunctionData({
      abi: registry.abi,
      functionName: "registerWithParties",
      args: [p.contentHash, p.encryptedRef, p.tokenizer, p.executor, p.processHash, [], p.parties, p.parties.map(() => 1n)],
    }),
    invalidate: [recordsByContentQuery(p.contentHash).queryKey, myRecordsScope, reservationsScope],
  }),

  reserveToken: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint; recipient: Address; amount: bigint; processHash: Hex }) => ({
    label: `Reserve token #${p.tokenId}`,
    to: p.tokenizer,
    data: encodeFunctionData({
      abi: tokenizerAbi,
      functionName: "reserveToken",
      args: [p.integraHash, p.tokenId, p.recipient, p.amount, p.processHash],
    }),
    invalidate: [recordTokensQuery(p.integraHash).queryKey, reservationsScope, timelineKey(p.integraHash)],
  }),

  cancelReservation: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint }) => ({
    label: `Cancel the reservation of token #${p.tokenId}`,
    to: p.tokenizer,
    data: encodeFunctionData({ abi: tokenizerAbi, functionName: "cancelReservation", args: [p.integraHash, p.tokenId] }),
    invalidate: [recordTokensQuery(p.integraHash).queryKey, reservationsScope, timelineKey(p.integraHash)],
  }),

  sealParties: (p: { integraHash: Hex; tokenizer: Address; parties: number }) => ({
    label: `Fix the party set at ${plural(p.parties, "token")}`,
    to: p.tokenizer,
    data: encodeFunctionData({ abi: tokenizerAbi, functionName: "sealParties", args: [p.integraHash] }),
    invalidate: [recordTokensQuery(p.integraHash).queryKey, timelineKey(p.integraHash)],
  }),

  claimToken: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint; uid: Hex; processHash: Hex; account: Address }) => ({
    label: `Claim token #${p.tokenId}`,
    to: p.tokenizer,
    data: encodeFunctionData({ abi: tokenizerAbi, functionName: "claimToken", args: [p.integraHash, p.tokenId, p.uid, p.processHash] }),
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
    to: eas.address,
    data: encodeFunctionData({
      abi: eas.abi,
      functionName: "attest",
      args: [claimAttestationRequest({ schema: capabilitySchemaUid, ...p })],
    }),
    invalidate: [
      capabilitiesQuery({ integraHash: p.integraHash }).queryKey,
      capabilitiesQuery({ recipient: p.recipient }).queryKey,
      timelineKey(p.integraHash),
    ],
  }),

  revokeCapability: (p: { integraHash: Hex; uid: Hex; tokenId: bigint; recipient: Address }) => ({
    label: `Revoke the capability for ${p.tokenId === 0n ? "any token" : `token #${p.tokenId}`}`,
    to: eas.address,
    data: encodeFunctionData({
      abi: eas.abi,
      functionName: "revoke",
      args: [{ schema: capabilitySchemaUid, data: { uid: p.uid, value: 0n } }],
    }),
    invalidate: [
      capabilitiesQuery({ integraHash: p.integraHash }).queryKey,
      capabilitiesQuery({ recipient: p.recipient }).queryKey,
      timelineKey(p.integraHash),
    ],
  }),

  offerOwnership: (p: { integraHash: Hex; newOwner: Address; reason: string }) => ({
    label: "Offer record ownership",
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "offerRecordOwnership", args: [p.integraHash, p.newOwner, p.reason] }),
    invalidate: [recordQuery(p.integraHash).queryKey, timelineKey(p.integraHash)],
  }),

  withdrawOwnershipOffer: (p: { integraHash: Hex }) => ({
    label: "Withdraw the ownership offer",
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "cancelOwnershipOffer", args: [p.integraHash] }),
    invalidate: [recordQuery(p.integraHash).queryKey, timelineKey(p.integraHash)],
  }),

  acceptOwnership: (p: { integraHash: Hex; account: Address }) => ({
    label: "Accept record ownership",
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "acceptRecordOwnership", args: [p.integraHash] }),
    invalidate: [
      recordQuery(p.integraHash).queryKey,
      timelineKey(p.integraHash),
      myRecordsScope,
      offersQuery(p.account).queryKey,
      capabilitiesQuery({ integraHash: p.integraHash }).queryKey,
    ],
  }),

  setExecutor: (p: { integraHash: Hex; executor: Address; removing: boolean }) => ({
    label: p.removing ? "Remove the executor" : "Change the executor",
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "setExecutor", args: [p.integraHash, p.executor] }),
    invalidate: [
      recordQuery(p.integraHash).queryKey,
      timelineKey(p.integraHash),
      capabilitiesQuery({ integraHash: p.integraHash }).queryKey,
    ],
  }),

  requestPayment: (p: {
    integraHash: Hex;
    myToken: bigint;
    payer: Address;
    payerToken: bigint;
    encryptedAmount: Hex;
    deadline: bigint;
  }) => ({
    label: "Request a payment",
    to: signal.address,
    data: encodeFunctionData({
      abi: signal.abi,
      functionName: "requestPayment",
      args: [p.integraHash, p.myToken, p.payer, p.payerToken, p.encryptedAmount, p.deadline],
    }),
    invalidate: [paymentsQuery(p.integraHash, 0n).queryKey, timelineKey(p.integraHash)],
  }),

  markPaid: (p: { integraHash: Hex; paymentId: bigint }) => ({
    label: `Mark payment #${p.paymentId} paid`,
    to: signal.address,
    data: encodeFunctionData({ abi: signal.abi, functionName: "markPaid", args: [p.paymentId, "0x"] }),
    invalidate: [paymentsQuery(p.integraHash, 0n).queryKey, timelineKey(p.integraHash)],
  }),

  cancelPayment: (p: { integraHash: Hex; paymentId: bigint }) => ({
    label: `Cancel payment request #${p.paymentId}`,
    to: signal.address,
    data: encodeFunctionData({ abi: signal.abi, functionName: "cancelPayment", args: [p.paymentId] }),
    invalidate: [paymentsQuery(p.integraHash, 0n).queryKey, timelineKey(p.integraHash)],
  }),

  /** A party's signed request, submitted (and paid for) by the connected wallet through the forwarder. */
  executeForwarded: (p: { integraHash: Hex; request: SignedForwardRequest; words?: string }) => ({
    label: p.words ?? "Submit the signed request",
    to: forwarder.address,
    data: encodeFunctionData({ abi: forwarder.abi, functionName: "execute", args: [forwardRequestData(p.request)] }),
    invalidate: [recordTokensQuery(p.integraHash).queryKey, timelineKey(p.integraHash), paymentsQuery(p.integraHash, 0n).queryKey],
  }),
};
