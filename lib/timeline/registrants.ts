import type { Address, Hex } from "viem";
import type { TimelineEntry } from "./decodeEntry";

export interface WorkflowRegistrants {
  /** Who registered each record of the workflow. */
  byRecord: Map<Hex, Address>;
  /** The registrant of the workflow's earliest record: whoever started the workflow. */
  first?: Address;
  /** Records registered by someone else: anyone may reuse a workflow id, so these are not vouched for. */
  others: Set<Hex>;
}

/** Who registered each record in a workflow's timeline (oldest registration first wins). */
export function workflowRegistrants(entries: readonly TimelineEntry[]): WorkflowRegistrants {
  const registrations = entries
    .filter((e): e is Extract<TimelineEntry, { eventName: "RecordRegistered" }> => e.eventName === "RecordRegistered")
    .sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));
  const byRecord = new Map<Hex, Address>();
  for (const entry of registrations) byRecord.set(entry.integraHash, entry.args.owner);
  const first = registrations[0]?.args.owner;
  const others = new Set([...byRecord].filter(([, owner]) => first && owner.toLowerCase() !== first.toLowerCase()).map(([hash]) => hash));
  return { byRecord, first, others };
}
