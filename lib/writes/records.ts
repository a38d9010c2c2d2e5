import { type Address, type Hex, encodeFunctionData } from "viem";
import { integraRecordV1Abi as abi } from "@/lib/generated/integra";
import type { ChainAddresses } from "./chainAddresses";
import type { ContractCall } from "./contractCall";

/** A record's writes on one chain: registering it with its parties, handing it to a new owner, its executor. */
export function recordsCallsOn(on: () => ChainAddresses) {
  /** A call to the chain's registry. */
  const registryCall = (data: Hex): ContractCall => {
    const chain = on();
    return { chainId: chain.chainId, to: chain.address("IntegraRecordV1"), data, sponsored: false };
  };
  return {
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
        abi,
        functionName: "registerWithParties",
        args: [p.contentHash, p.encryptedRef, p.tokenizer, p.executor, p.processHash, [], p.parties],
      });
      if (!p.openWorkflowId) return registryCall(register);
      const open = encodeFunctionData({ abi, functionName: "openWorkflow", args: [p.openWorkflowId] });
      return registryCall(encodeFunctionData({ abi, functionName: "multicall", args: [[open, register]] }));
    },

    offerOwnership: (p: { integraHash: Hex; newOwner: Address; reason: string }): ContractCall =>
      registryCall(encodeFunctionData({ abi, functionName: "offerRecordOwnership", args: [p.integraHash, p.newOwner, p.reason] })),

    withdrawOwnershipOffer: (p: { integraHash: Hex }): ContractCall =>
      registryCall(encodeFunctionData({ abi, functionName: "cancelOwnershipOffer", args: [p.integraHash] })),

    /** Accepts a record offered to the caller, as it was at `version` (recordVersionOf): any change since refuses it. */
    acceptOwnership: (p: { integraHash: Hex; version: bigint }): ContractCall =>
      registryCall(encodeFunctionData({ abi, functionName: "acceptRecordOwnership", args: [p.integraHash, p.version] })),

    /** Offers the executor role on a record to `candidate` (zero withdraws the offer); authority starts at its accept. */
    offerExecutor: (p: { integraHash: Hex; candidate: Address }): ContractCall =>
      registryCall(encodeFunctionData({ abi, functionName: "offerExecutor", args: [p.integraHash, p.candidate] })),

    /** The offered executor takes the role. */
    acceptExecutorRole: (p: { integraHash: Hex }): ContractCall =>
      registryCall(encodeFunctionData({ abi, functionName: "acceptExecutorRole", args: [p.integraHash] })),

    removeExecutor: (p: { integraHash: Hex }): ContractCall =>
      registryCall(encodeFunctionData({ abi, functionName: "removeExecutor", args: [p.integraHash] })),
  };
}
