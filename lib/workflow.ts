import { type Hex, keccak256, stringToHex } from "viem";

/** The processHash of a workflow id a person types (e.g. "closing/12-harbour-lane"). */
export function processHashOf(workflowId: string): Hex {
  return keccak256(stringToHex(workflowId.trim()));
}

/** A fresh workflow id for a user who does not have one. */
export function newWorkflowId(): string {
  const random = crypto.getRandomValues(new Uint8Array(6));
  return `workflow-${Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
