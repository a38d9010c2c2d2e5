import { type Address, type Hex, type PublicClient, isAddressEqual, zeroHash } from "viem";
import { shortHex } from "@/lib/format/hex";
import { type Workflow, readWorkflow as readWorkflowOf, registrationInto } from "@/lib/reads/workflows";
import { processHashOf } from "@/lib/workflow";
import { IntegraWriteError } from "@/lib/transactions/writeError";
import type { IntegraSigner } from "./signer";

/**
 * A workflow, as a program names it: its processHash, or its name and owner. Workflows are namespaced by their owner
 * (processHash = keccak256(abi.encode(owner, keccak256(name)))), so a name alone is not a workflow. In writes the owner
 * defaults to the signer: `{ name: "closings/2026-11" }` is the signer's own workflow of that name.
 */
export type WorkflowRef = Hex | { owner?: Address; name: string };

/** The processHash `workflow` names; a named one without an owner is `defaultOwner`'s (the signer's, in writes). */
export function workflowHash(workflow: WorkflowRef, defaultOwner?: Address): Hex {
  if (typeof workflow === "string") return workflow;
  const owner = workflow.owner ?? defaultOwner;
  if (!owner) throw new Error(`Name the owner of workflow "${workflow.name}": workflows are namespaced by their owner.`);
  return processHashOf(owner, workflow.name);
}

/** How messages name a workflow: `"closing/12-harbour-lane" (0x1234…abcd)`, or its hash. */
export function workflowLabel(workflow: WorkflowRef, processHash: Hex): string {
  return typeof workflow === "string" ? processHash : `"${workflow.name.trim()}" (${shortHex(processHash, 10, 6)})`;
}

/** A workflow's owner and members now, with its processHash: `owner` is undefined while nobody has opened it. */
export interface WorkflowState extends Workflow {
  processHash: Hex;
}

/**
 * A workflow's owner and members (`workflowOf`, one call). A named workflow needs its owner:
 * `readWorkflow(client, { owner, name })`, or its processHash.
 */
export async function readWorkflow(client: PublicClient, workflow: WorkflowRef): Promise<WorkflowState> {
  const processHash = workflowHash(workflow);
  return { processHash, ...(await readWorkflowOf(client, processHash)) };
}

/** Whether `a` is the account `b`. */
export const same = (a: Address | undefined, b: Address) => a !== undefined && isAddressEqual(a, b);

/**
 * Where the signer's record goes, checked before anything is signed: the processHash, and the workflow id to open in
 * the same transaction when the signer names its own workflow that is not open yet. Refuses, in words and naming
 * the owner, a workflow the signer may not register into (the contract would revert NotWorkflowMember or
 * UnknownWorkflow). No workflow (undefined, or the zero hash): anyone may register.
 */
export async function workflowForRegistration(
  signer: IntegraSigner,
  workflow: WorkflowRef | undefined,
): Promise<{ processHash: Hex; openWorkflowId?: Hex }> {
  if (workflow === undefined) return { processHash: zeroHash };
  const me = signer.account.address;
  const processHash = workflowHash(workflow, me);
  if (processHash === zeroHash) return { processHash };
  const state = await readWorkflowOf(signer.client, processHash);
  const label = workflowLabel(workflow, processHash);
  const named = typeof workflow === "string" ? undefined : { owner: workflow.owner ?? me, name: workflow.name };
  const registration = registrationInto(state, named, me);
  switch (registration.kind) {
    case "register":
      return { processHash };
    case "open":
      return { processHash, openWorkflowId: registration.workflowId };
    case "unknown":
      throw new IntegraWriteError(
        "Unknown workflow",
        named
          ? `Workflow ${label} of ${named.owner} is not open on this chain: only ${named.owner} can open it (with its first record). Nothing was sent.`
          : `No workflow ${processHash} is open on this chain: its owner opens it (with its first record). Check the hash, or name your own workflow to open it. Nothing was sent.`,
        "UnknownWorkflow",
      );
    case "not-member":
      throw new IntegraWriteError(
        "Not a member of the workflow",
        `${me} may not register into workflow ${label}: it belongs to ${registration.owner}, who must admit ${me} as a member first (integra workflow admit, or the SDK's admitMember). Nothing was sent.`,
        "NotWorkflowMember",
      );
  }
}

/** The signer's own workflow `workflow` refers to, checked to exist and to be the signer's (owner-only writes). */
export async function ownedWorkflow(signer: IntegraSigner, workflow: WorkflowRef): Promise<{ processHash: Hex; label: string }> {
  const me = signer.account.address;
  const processHash = workflowHash(workflow, me);
  const label = workflowLabel(workflow, processHash);
  const state = await readWorkflowOf(signer.client, processHash);
  if (!state.owner) {
    throw new IntegraWriteError(
      "Unknown workflow",
      `Workflow ${label} is not open on this chain${typeof workflow === "string" ? "" : `: ${workflow.owner ?? me} opens it first`}. Nothing was sent.`,
      "UnknownWorkflow",
    );
  }
  if (!same(state.owner, me)) {
    throw new IntegraWriteError(
      "Not the workflow's owner",
      `Only the owner of workflow ${label}, ${state.owner}, can admit or remove its members; ${me} is not its owner. Nothing was sent.`,
      "NotWorkflowOwner",
    );
  }
  return { processHash, label };
}
