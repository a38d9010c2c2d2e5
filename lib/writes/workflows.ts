import { type Address, type Hex, encodeFunctionData } from "viem";
import { integraRecordV1Abi as abi } from "@/lib/generated/integra";
import type { ChainAddresses } from "./chainAddresses";
import type { ContractCall } from "./contractCall";

/** A workflow's writes on one chain: opening it and admitting or removing its members. */
export function workflowsCallsOn(on: () => ChainAddresses) {
  const registryCall = (data: Hex): ContractCall => {
    const chain = on();
    return { chainId: chain.chainId, to: chain.address("IntegraRecordV1"), data, sponsored: false };
  };
  return {
    /** Opens the caller's workflow `workflowId` (workflowIdOf(name)): the caller becomes its owner. */
    openWorkflow: (p: { workflowId: Hex }): ContractCall =>
      registryCall(encodeFunctionData({ abi, functionName: "openWorkflow", args: [p.workflowId] })),

    /** The workflow's owner admits `member`: it may register records into the workflow from then on. */
    admitMember: (p: { processHash: Hex; member: Address }): ContractCall =>
      registryCall(encodeFunctionData({ abi, functionName: "admitMember", args: [p.processHash, p.member] })),

    /** The workflow's owner removes `member`; the records it registered before stay in the workflow. */
    removeMember: (p: { processHash: Hex; member: Address }): ContractCall =>
      registryCall(encodeFunctionData({ abi, functionName: "removeMember", args: [p.processHash, p.member] })),
  };
}
