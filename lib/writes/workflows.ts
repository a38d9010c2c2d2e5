import { type Address, type Hex, encodeFunctionData } from "viem";
import { registry } from "@/lib/contracts";
import type { ContractCall } from "./contractCall";

/** A workflow's writes: opening it and admitting or removing its members. */
export const workflowsCalls = {
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
};
