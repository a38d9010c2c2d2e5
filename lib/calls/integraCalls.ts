import { type Address, type Hex, encodeFunctionData } from "viem";
import { capabilityAttestationRequest } from "@/lib/capabilities";
import { capabilitySchemaUid, eas, forwarder, registry, signal, tokenizerAbi, tokenizerKindOf } from "@/lib/contracts";
import { type SignedForwardRequest, forwardRequestData } from "@/lib/forwarder/forwardRequest";

/** A contract call ready to send or to sign as a forward request: the contract, the ABI-encoded call, and who may pay. */
export interface ContractCall {
  to: Address;
  data: Hex;
  /**
   * One of the party calls a relayer pays for: a claim on an Integra tokenizer, or a payment signal. Set by each
   * encoder below, so a sender knows without decoding its own call data. The relayer still checks every request it
   * is given against its own list (lib/forwarder/relayableCalls.ts), which this flag mirrors.
   */
  sponsored: boolean;
}

/**
 * Every write of the product, encoded once against the contracts' own ABI types: the app's operations
 * (hooks/operations.ts), the SDK's writes (lib/sdk/writes.ts) and the CLI all build their calls here.
 */
export const integraCalls = {
  /**
   * Registers a document and reserves, and seals, tokens 1..n for `parties` (each with its amount and public role).
   * With `openWorkflowId`, the caller first opens its own workflow of that id, in the same transaction (the
   * registry's multicall): an owner's first record of a new workflow is still one signature.
   */
  registerWithParties: (p: {
    contentHash: Hex;
    encryptedRef: Hex;
    tokenizer: Address;
    executor: Address;
    processHash: Hex;
    parties: readonly { recipient: Address; amount: bigint; role: string }[];
    openWorkflowId?: Hex;
  }): ContractCall => {
    const register = encodeFunctionData({
      abi: registry.abi,
      functionName: "registerWithParties",
      args: [p.contentHash, p.encryptedRef, p.tokenizer, p.executor, p.processHash, [], p.parties],
    });
    if (!p.openWorkflowId) return { to: registry.address, data: register, sponsored: false };
    const open = encodeFunctionData({ abi: registry.abi, functionName: "openWorkflow", args: [p.openWorkflowId] });
    return {
      to: registry.address,
      data: encodeFunctionData({ abi: registry.abi, functionName: "multicall", args: [[open, register]] }),
      sponsored: false,
    };
  },

  /** Opens the caller's workflow `workflowId` (workflowIdOf(name)): the caller becomes its owner. */
  openWorkflow: (p: { workflowId: Hex }): ContractCall => ({
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "openWorkflow", args: [p.workflowId] }),
    sponsored: false,
  }),

  /** The workflow's owner admits `member`: it may register records into the workflow from then on. */
  admitMember: (p: { processHash: Hex; member: Address }): ContractCall => ({
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "admitMember", args: [p.processHash, p.member] }),
    sponsored: false,
  }),

  /** The workflow's owner removes `member`; the records it registered before stay in the workflow. */
  removeMember: (p: { processHash: Hex; member: Address }): ContractCall => ({
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "removeMember", args: [p.processHash, p.member] }),
    sponsored: false,
  }),

  /** Reserves a token for `recipient` in the public role `role` (at most MAX_ROLE_BYTES bytes; empty for none). */
  reserveToken: (p: {
    integraHash: Hex;
    tokenizer: Address;
    tokenId: bigint;
    recipient: Address;
    amount: bigint;
    processHash: Hex;
    role: string;
  }): ContractCall => ({
    to: p.tokenizer,
    data: encodeFunctionData({
      abi: tokenizerAbi,
      functionName: "reserveToken",
      args: [p.integraHash, p.tokenId, p.recipient, p.amount, p.processHash, p.role],
    }),
    sponsored: false,
  }),

  cancelReservation: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint }): ContractCall => ({
    to: p.tokenizer,
    data: encodeFunctionData({ abi: tokenizerAbi, functionName: "cancelReservation", args: [p.integraHash, p.tokenId] }),
    sponsored: false,
  }),

  sealParties: (p: { integraHash: Hex; tokenizer: Address }): ContractCall => ({
    to: p.tokenizer,
    data: encodeFunctionData({ abi: tokenizerAbi, functionName: "sealParties", args: [p.integraHash] }),
    sponsored: false,
  }),

  claimToken: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint; uid: Hex; processHash: Hex }): ContractCall => ({
    to: p.tokenizer,
    data: encodeFunctionData({ abi: tokenizerAbi, functionName: "claimToken", args: [p.integraHash, p.tokenId, p.uid, p.processHash] }),
    // Claims are sponsored on the Integra tokenizers only, as the relayer checks.
    sponsored: tokenizerKindOf(p.tokenizer) !== undefined,
  }),

  /** An EAS attestation under the capability schema granting `capabilities` on `tokenId` (0: any token). */
  issueCapability: (p: {
    integraHash: Hex;
    tokenId: bigint;
    capabilities: bigint;
    recipient: Address;
    processHash: Hex;
    expirationTime?: bigint;
  }): ContractCall => ({
    to: eas.address,
    data: encodeFunctionData({
      abi: eas.abi,
      functionName: "attest",
      args: [capabilityAttestationRequest({ schema: capabilitySchemaUid, ...p })],
    }),
    sponsored: false,
  }),

  revokeCapability: (p: { uid: Hex }): ContractCall => ({
    to: eas.address,
    data: encodeFunctionData({
      abi: eas.abi,
      functionName: "revoke",
      args: [{ schema: capabilitySchemaUid, data: { uid: p.uid, value: 0n } }],
    }),
    sponsored: false,
  }),

  offerOwnership: (p: { integraHash: Hex; newOwner: Address; reason: string }): ContractCall => ({
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "offerRecordOwnership", args: [p.integraHash, p.newOwner, p.reason] }),
    sponsored: false,
  }),

  withdrawOwnershipOffer: (p: { integraHash: Hex }): ContractCall => ({
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "cancelOwnershipOffer", args: [p.integraHash] }),
    sponsored: false,
  }),

  /** Accepts a record offered to the caller, as it was at `version` (recordVersionOf): any change since refuses it. */
  acceptOwnership: (p: { integraHash: Hex; version: bigint }): ContractCall => ({
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "acceptRecordOwnership", args: [p.integraHash, p.version] }),
    sponsored: false,
  }),

  /** Offers the executor role on a record to `candidate` (zero withdraws the offer); authority starts at its accept. */
  offerExecutor: (p: { integraHash: Hex; candidate: Address }): ContractCall => ({
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "offerExecutor", args: [p.integraHash, p.candidate] }),
    sponsored: false,
  }),

  /** The offered executor takes the role. */
  acceptExecutorRole: (p: { integraHash: Hex }): ContractCall => ({
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "acceptExecutorRole", args: [p.integraHash] }),
    sponsored: false,
  }),

  removeExecutor: (p: { integraHash: Hex }): ContractCall => ({
    to: registry.address,
    data: encodeFunctionData({ abi: registry.abi, functionName: "removeExecutor", args: [p.integraHash] }),
    sponsored: false,
  }),

  /** A payment request from the holder of `myToken` to the holder of `payerToken`; the amount is sealed for them. */
  requestPayment: (p: {
    integraHash: Hex;
    myToken: bigint;
    payer: Address;
    payerToken: bigint;
    encryptedAmount: Hex;
    deadline: bigint;
  }): ContractCall => ({
    to: signal.address,
    data: encodeFunctionData({
      abi: signal.abi,
      functionName: "requestPayment",
      args: [p.integraHash, p.myToken, p.payer, p.payerToken, p.encryptedAmount, p.deadline],
    }),
    sponsored: true,
  }),

  markPaid: (p: { paymentId: bigint }): ContractCall => ({
    to: signal.address,
    data: encodeFunctionData({ abi: signal.abi, functionName: "markPaid", args: [p.paymentId, "0x"] }),
    sponsored: true,
  }),

  cancelPayment: (p: { paymentId: bigint }): ContractCall => ({
    to: signal.address,
    data: encodeFunctionData({ abi: signal.abi, functionName: "cancelPayment", args: [p.paymentId] }),
    sponsored: true,
  }),

  /** A party's signed request, submitted (and paid for) by whoever sends this call. */
  executeForwarded: (p: { request: SignedForwardRequest }): ContractCall => ({
    to: forwarder.address,
    data: encodeFunctionData({ abi: forwarder.abi, functionName: "execute", args: [forwardRequestData(p.request)] }),
    sponsored: false,
  }),
};
