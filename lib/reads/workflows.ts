import { type Address, type Hex, zeroAddress, zeroHash } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { integraOf } from "@/lib/contracts";
import { workflowIdOf } from "@/lib/workflow";

export interface Workflow {
  /** Who opened the workflow; undefined when nobody has (and for the zero processHash: records outside any workflow). */
  owner: Address | undefined;
  /** The accounts the owner admitted: with the owner, the only ones who can register records into it. */
  members: Address[];
}

/** A workflow's owner and members, in one call (`workflowOf`). */
export async function readWorkflow(client: ReadClient, processHash: Hex): Promise<Workflow> {
  if (processHash === zeroHash) return { owner: undefined, members: [] };
  const [owner, members] = await client.readContract({ ...integraOf(client).registry, functionName: "workflowOf", args: [processHash] });
  return { owner: owner === zeroAddress ? undefined : owner, members: [...members] };
}

/** Whether `account` may register records into the workflow: its owner or a member. */
export function canRegisterInto(workflow: Workflow, account: Address): boolean {
  const me = account.toLowerCase();
  return workflow.owner?.toLowerCase() === me || workflow.members.some((m) => m.toLowerCase() === me);
}

/** What registering into a workflow takes: see `registrationInto`. */
export type Registration =
  { kind: "register" } | { kind: "open"; workflowId: Hex } | { kind: "unknown" } | { kind: "not-member"; owner: Address };

/**
 * What registering into a workflow takes for `me`, the one rule the app and the SDK check before signing: "register"
 * (its owner or a member), "open" (`me`'s own workflow by that name, not open yet: open it in the same transaction),
 * "unknown" (nobody opened it, and it is not `me`'s to open) or "not-member" (its owner has not admitted `me`).
 * `named` is the owner and name the workflow was given by; undefined when only its hash is known.
 */
export function registrationInto(workflow: Workflow, named: { owner: Address; name: string } | undefined, me: Address): Registration {
  if (!workflow.owner) {
    return named && named.owner.toLowerCase() === me.toLowerCase()
      ? { kind: "open", workflowId: workflowIdOf(named.name) }
      : { kind: "unknown" };
  }
  return canRegisterInto(workflow, me) ? { kind: "register" } : { kind: "not-member", owner: workflow.owner };
}
