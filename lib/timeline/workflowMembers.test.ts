import { describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import type { TimelineEntry } from "./decodeEntry";
import { workflowMembersOf } from "./workflowMembers";

const OWNER: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const CLERK: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const AGENT: Address = "0x71bE63f3384f5fb98995898A86B02Fb2426c5788";
const PROCESS: Hex = `0x${"ab".repeat(32)}`;
const ZERO: Hex = `0x${"00".repeat(32)}`;

/** What every entry in block `n` shares: a workflow-level event has no record (integraHash zero). */
function inBlock(n: number) {
  const block = BigInt(n);
  return {
    id: String(n),
    blockNumber: block,
    blockHash: ZERO,
    logIndex: 0,
    transactionHash: ZERO,
    address: OWNER,
    integraHash: ZERO,
    processHash: PROCESS,
    timestamp: block,
    removed: false,
  };
}
const opened = (n: number): TimelineEntry => ({
  ...inBlock(n),
  eventName: "WorkflowOpened",
  args: { integraHash: ZERO, processHash: PROCESS, owner: OWNER, workflowId: ZERO, timestamp: BigInt(n) },
});
const admitted = (n: number, member: Address): TimelineEntry => ({
  ...inBlock(n),
  eventName: "WorkflowMemberAdmitted",
  args: { integraHash: ZERO, processHash: PROCESS, member, timestamp: BigInt(n) },
});
const removedMember = (n: number, member: Address): TimelineEntry => ({
  ...inBlock(n),
  eventName: "WorkflowMemberRemoved",
  args: { integraHash: ZERO, processHash: PROCESS, member, timestamp: BigInt(n) },
});

describe("workflowMembersOf", () => {
  it("follows the workflow's own events oldest first, from the newest-first timeline", () => {
    const oldestFirst = [
      opened(1),
      admitted(2, CLERK),
      admitted(3, AGENT),
      removedMember(4, CLERK),
      admitted(5, CLERK),
      removedMember(6, AGENT),
    ];
    expect(workflowMembersOf(oldestFirst.reverse())).toEqual({ owner: OWNER, members: [CLERK] });
  });

  it("has no owner for a workflow nobody opened", () => {
    expect(workflowMembersOf([])).toEqual({ owner: undefined, members: [] });
  });
});
