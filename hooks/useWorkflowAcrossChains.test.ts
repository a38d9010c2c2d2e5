import type { Address, Hex } from "viem";
import { describe, expect, it } from "vitest";
import { mergeChainEntries } from "@/lib/timeline/chainTimeline";
import type { TimelineEntry } from "@/lib/timeline/decodeEntry";
import { chainPartsOf, sameMembersEverywhere, workflowRecordsOf } from "./useWorkflowAcrossChains";

const OWNER: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const CLERK: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const PROCESS: Hex = `0x${"ab".repeat(32)}`;
const ZERO: Hex = `0x${"00".repeat(32)}`;
const DEED: Hex = `0x${"11".repeat(32)}`;
const AGREEMENT: Hex = `0x${"22".repeat(32)}`;
const LETTER: Hex = `0x${"33".repeat(32)}`;
const CHAIN_A = 31337;
const CHAIN_B = 31338;

/** What every entry at time `n` shares (its block too); `integraHash` zero: an event of the workflow itself. */
function at(n: number, integraHash: Hex = ZERO) {
  return {
    id: `${n}-${integraHash.slice(2, 6)}`,
    blockNumber: BigInt(n),
    blockHash: ZERO,
    logIndex: 0,
    transactionHash: ZERO,
    address: OWNER,
    integraHash,
    processHash: PROCESS,
    timestamp: BigInt(n),
    removed: false,
  };
}
const opened = (n: number): TimelineEntry => ({
  ...at(n),
  eventName: "WorkflowOpened",
  args: { integraHash: ZERO, processHash: PROCESS, owner: OWNER, workflowId: ZERO, timestamp: BigInt(n) },
});
const admitted = (n: number, member: Address): TimelineEntry => ({
  ...at(n),
  eventName: "WorkflowMemberAdmitted",
  args: { integraHash: ZERO, processHash: PROCESS, member, timestamp: BigInt(n) },
});
const registered = (n: number, integraHash: Hex, owner: Address): TimelineEntry => ({
  ...at(n, integraHash),
  eventName: "RecordRegistered",
  args: {
    integraHash,
    processHash: PROCESS,
    contentHash: ZERO,
    owner,
    tokenizer: OWNER,
    executor: OWNER,
    encryptedRef: "0x",
    timestamp: BigInt(n),
  },
});
const completed = (n: number, integraHash: Hex): TimelineEntry => ({
  ...at(n, integraHash),
  eventName: "DocumentComplete",
  args: { integraHash, processHash: PROCESS, tokenCount: 3n, timestamp: BigInt(n) },
});

/** Newest first, as each chain's timeline keeps its entries. */
const newestFirst = (...entries: TimelineEntry[]) => [...entries].sort((a, b) => Number(b.timestamp - a.timestamp));

// Chain A: the owner opens the workflow, admits the clerk, who registers the deed; the owner registers the agreement,
// which completes. Chain B: the owner opens the same workflow and registers the commitment letter.
const chainA = newestFirst(
  opened(1),
  admitted(2, CLERK),
  registered(3, DEED, CLERK),
  registered(4, AGREEMENT, OWNER),
  completed(8, AGREEMENT),
);
const chainB = newestFirst(opened(5), registered(6, LETTER, OWNER));
const perChain = [
  { chainId: CHAIN_A, entries: chainA },
  { chainId: CHAIN_B, entries: chainB },
];

describe("workflowRecordsOf", () => {
  it("lists each record once, on its chain, with its registrant and completion, newest event first", () => {
    expect(workflowRecordsOf(mergeChainEntries(perChain))).toEqual([
      { chainId: CHAIN_A, integraHash: AGREEMENT, registrant: OWNER, complete: true },
      { chainId: CHAIN_B, integraHash: LETTER, registrant: OWNER, complete: false },
      { chainId: CHAIN_A, integraHash: DEED, registrant: CLERK, complete: false },
    ]);
  });

  it("keeps the same record id on two chains as two records", () => {
    const sameIdOnB = [{ chainId: CHAIN_B, entries: newestFirst(opened(5), registered(6, DEED, OWNER)) }];
    const records = workflowRecordsOf(mergeChainEntries([{ chainId: CHAIN_A, entries: chainA }, ...sameIdOnB]));
    expect(records.filter((r) => r.integraHash === DEED).map((r) => [r.chainId, r.registrant])).toEqual([
      [CHAIN_B, OWNER],
      [CHAIN_A, CLERK],
    ]);
  });
});

describe("chainPartsOf", () => {
  it("counts each chain's records and completed ones, and tells its owner and members", () => {
    expect(chainPartsOf(perChain)).toEqual([
      { chainId: CHAIN_A, records: 2, complete: 1, workflow: { owner: OWNER, members: [CLERK] } },
      { chainId: CHAIN_B, records: 1, complete: 0, workflow: { owner: OWNER, members: [] } },
    ]);
  });
});

describe("sameMembersEverywhere", () => {
  it("is false when a chain admitted members another did not", () => {
    expect(sameMembersEverywhere(chainPartsOf(perChain))).toBe(false);
  });

  it("is true when every chain that opened the workflow has the same owner and members, in any order or case", () => {
    const b = newestFirst(opened(5), admitted(6, CLERK.toLowerCase() as Address));
    expect(sameMembersEverywhere(chainPartsOf([perChain[0], { chainId: CHAIN_B, entries: b }]))).toBe(true);
  });

  it("leaves out a chain where the workflow was never opened", () => {
    expect(sameMembersEverywhere(chainPartsOf([perChain[0], { chainId: CHAIN_B, entries: [] }]))).toBe(true);
  });
});
