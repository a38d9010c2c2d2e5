import type { Address } from "viem";
import type { Workflow } from "@/lib/reads/workflows";
import type { TimelineEntry } from "./decodeEntry";

/**
 * A workflow's owner and members as its own timeline tells them: the page already reads every event of the workflow,
 * and opening, admitting and removing are among them, so it needs no call to `workflowOf` (nor the code to make one).
 * `entries` are newest first, as the timeline keeps them.
 */
export function workflowMembersOf(entries: readonly TimelineEntry[]): Workflow {
  let owner: Address | undefined;
  const members = new Map<string, Address>();
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry.eventName === "WorkflowOpened") owner = entry.args.owner;
    else if (entry.eventName === "WorkflowMemberAdmitted") members.set(entry.args.member.toLowerCase(), entry.args.member);
    else if (entry.eventName === "WorkflowMemberRemoved") members.delete(entry.args.member.toLowerCase());
  }
  return { owner, members: [...members.values()] };
}
