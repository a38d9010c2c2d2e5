import { type Address, type Hex, isAddressEqual } from "viem";
import { readWorkflow as readWorkflowOf } from "@/lib/reads/workflows";
import { processHashOf, workflowIdOf } from "@/lib/workflow";
import { type WorkflowRef, ownedWorkflow, same } from "./workflowRef";
import { type IntegraSigner, IntegraWriteError, type OnSent, sendCall, callsOf } from "./writes";

export interface WorkflowWrite {
  processHash: Hex;
  transactionHash: Hex;
  blockNumber: bigint;
}

/**
 * Opens the signer's workflow `name`: the signer becomes its owner, and the only one (with the members it admits) who
 * can register records into it. Registering the owner's first record opens it too, in the same transaction.
 */
export async function openWorkflow(signer: IntegraSigner, name: string, onSent?: OnSent): Promise<WorkflowWrite> {
  if (!name.trim()) throw new IntegraWriteError("No workflow name", "Name the workflow to open (e.g. closings/2026-11).");
  const processHash = processHashOf(signer.account.address, name);
  const { owner } = await readWorkflowOf(signer.client, processHash);
  if (owner) {
    throw new IntegraWriteError(
      "Workflow already open",
      `Workflow "${name.trim()}" of ${owner} is already open (${processHash}). Nothing was sent.`,
      "WorkflowAlreadyOpen",
    );
  }
  const receipt = await sendCall(signer, callsOf(signer).openWorkflow({ workflowId: workflowIdOf(name) }), onSent);
  return { processHash, transactionHash: receipt.transactionHash, blockNumber: receipt.blockNumber };
}

/** The workflow's owner (the signer) admits `member`: from now on it may register records into the workflow. */
export async function admitMember(signer: IntegraSigner, workflow: WorkflowRef, member: Address, onSent?: OnSent): Promise<WorkflowWrite> {
  const { processHash, label } = await ownedWorkflow(signer, workflow);
  const { owner, members } = await readWorkflowOf(signer.client, processHash);
  if (same(owner, member) || members.some((m) => isAddressEqual(m, member))) {
    throw new IntegraWriteError(
      "Already a member",
      `${member} ${same(owner, member) ? "owns" : "is already a member of"} workflow ${label}. Nothing was sent.`,
      "AlreadyMember",
    );
  }
  const receipt = await sendCall(signer, callsOf(signer).admitMember({ processHash, member }), onSent);
  return { processHash, transactionHash: receipt.transactionHash, blockNumber: receipt.blockNumber };
}

/** The workflow's owner (the signer) removes `member`: it registers no more records into it; its earlier ones stay. */
export async function removeMember(signer: IntegraSigner, workflow: WorkflowRef, member: Address, onSent?: OnSent): Promise<WorkflowWrite> {
  const { processHash, label } = await ownedWorkflow(signer, workflow);
  const { members } = await readWorkflowOf(signer.client, processHash);
  if (!members.some((m) => isAddressEqual(m, member))) {
    throw new IntegraWriteError("Not a member", `${member} is not a member of workflow ${label}. Nothing was sent.`, "NotMember");
  }
  const receipt = await sendCall(signer, callsOf(signer).removeMember({ processHash, member }), onSent);
  return { processHash, transactionHash: receipt.transactionHash, blockNumber: receipt.blockNumber };
}
