import { type Address, type Hex, encodeAbiParameters, keccak256, stringToHex } from "viem";

/** The on-chain id of a workflow name a person types (e.g. "closing/12-harbour-lane"). */
export function workflowIdOf(name: string): Hex {
  return keccak256(stringToHex(name.trim()));
}

/**
 * The processHash of the workflow `name` owned by `owner`: keccak256(abi.encode(owner, workflowIdOf(name))), as
 * the registry's `workflowHashOf` computes it. Workflows are namespaced by their owner, so nobody can take another
 * organization's workflow by registering first, and the same owner and name give the same hash on every chain.
 */
export function processHashOf(owner: Address, name: string): Hex {
  return keccak256(encodeAbiParameters([{ type: "address" }, { type: "bytes32" }], [owner, workflowIdOf(name)]));
}

/** A fresh workflow name for a user who does not have one. */
export function newWorkflowId(): string {
  const random = crypto.getRandomValues(new Uint8Array(6));
  return `workflow-${Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
