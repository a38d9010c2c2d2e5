import { type Address, type Hex, encodeFunctionData } from "viem";
import { registry } from "@/lib/contracts";
import type { ContractCall } from "./contractCall";

/** A record's writes: registering it with its parties, handing it to a new owner, its executor. */
export const recordsCalls = {
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
};
