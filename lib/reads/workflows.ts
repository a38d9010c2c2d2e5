import { type Address, type Hex, zeroAddress, zeroHash } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { registry } from "@/lib/contracts";

export interface Workflow {
  /** Who opened the workflow; undefined when nobody has (and for the zero processHash: records outside any workflow). */
  owner: Address | undefined;
  /** The accounts the owner admitted: with the owner, the only ones who can register records into it. */
  members: Address[];
}

/** A workflow's owner and members, in one call (`workflowOf`). */
export async function readWorkflow(client: ReadClient, processHash: Hex): Promise<Workflow> {
  if (processHash === zeroHash) return { owner: undefined, members: [] };
  const [owner, members] = await client.readContract({ ...registry, functionName: "workflowOf", args: [processHash] });
  return { owner: owner === zeroAddress ? undefined : owner, members: [...members] };
}

/** Whether `account` may register records into the workflow: its owner or a member. */
export function canRegisterInto(workflow: Workflow, account: Address): boolean {
  const me = account.toLowerCase();
  return workflow.owner?.toLowerCase() === me || workflow.members.some((m) => m.toLowerCase() === me);
}
