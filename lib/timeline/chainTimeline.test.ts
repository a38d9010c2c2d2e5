import { type Address, type Hex, encodeAbiParameters, encodeEventTopics, getAbiItem, numberToHex, pad } from "viem";
import { describe, expect, it } from "vitest";
import { multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import { type ChainEntry, chainEntryId, mergeChainEntries } from "./chainTimeline";
import { type TimelineEntry, decodeEntry } from "./decodeEntry";
import { mergeEntries } from "./mergeEntries";

const RECORD: Hex = `0x${"11".repeat(32)}`;
const PROCESS: Hex = `0x${"22".repeat(32)}`;
const TOKENIZER: Address = "0x0165878A594ca255338adfa4d48449f69242Eb8F";
const ALICE: Address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const CHAIN_A = 31337;
const CHAIN_B = 31338;
const reserved = getAbiItem({ abi: multiPartyTokenizerV1Abi, name: "TokenReserved" });

/**
 * The reservation of token `tokenId` at `block`/`logIndex`, in a block of time `timestamp`. The transaction hash is
 * the token id's, so the same token id on two chains is the same log id there (as a key's first transaction on two
 * fresh chains would be).
 */
function reservation(tokenId: bigint, block: number, logIndex: number, timestamp: number): TimelineEntry {
  const entry = decodeEntry({
    address: TOKENIZER,
    topics: encodeEventTopics({
      abi: [reserved],
      eventName: "TokenReserved",
      args: { integraHash: RECORD, processHash: PROCESS, recipient: ALICE },
    }) as Hex[],
    data: encodeAbiParameters(
      [{ type: "uint256" }, { type: "uint256" }, { type: "address" }, { type: "string" }, { type: "uint256" }],
      [tokenId, 1n, ALICE, "", BigInt(timestamp)],
    ),
    blockNumber: numberToHex(block),
    blockHash: pad(numberToHex(block)),
    transactionHash: pad(numberToHex(tokenId)),
    logIndex: numberToHex(logIndex),
  });
  if (!entry) throw new Error("the fixture does not decode");
  return entry;
}

/** How the tests name a merged entry: its chain and token. */
const named = (entries: ChainEntry[]) =>
  entries.map(
    ({ chainId, entry }) => `${chainId === CHAIN_A ? "A" : "B"}#${entry.eventName === "TokenReserved" ? entry.args.tokenId : "?"}`,
  );

// Chain A: #1 at t=100 (block 10), #2 and #3 at t=200 (block 20, log 0 and log 1). Chain B: #4 at t=150 (block 5),
// #5 and #6 at t=200 (block 7 log 3, block 8 log 0): chain B's blocks are lower numbers at the same time.
const chainA = [reservation(3n, 20, 1, 200), reservation(2n, 20, 0, 200), reservation(1n, 10, 0, 100)];
const chainB = [reservation(6n, 8, 0, 200), reservation(5n, 7, 3, 200), reservation(4n, 5, 0, 150)];

describe("mergeChainEntries", () => {
  it("orders newest first by time; in the same second by chain id, then block, then log index, newest first", () => {
    const merged = mergeChainEntries([
      { chainId: CHAIN_B, entries: chainB },
      { chainId: CHAIN_A, entries: chainA },
    ]);
    expect(named(merged)).toEqual(["A#3", "A#2", "B#6", "B#5", "B#4", "A#1"]);
  });

  it("gives the same order whatever order the chains and their entries come in", () => {
    const reference = named(
      mergeChainEntries([
        { chainId: CHAIN_A, entries: chainA },
        { chainId: CHAIN_B, entries: chainB },
      ]),
    );
    const shuffled = mergeChainEntries([
      { chainId: CHAIN_B, entries: [chainB[2], chainB[0], chainB[1]] },
      { chainId: CHAIN_A, entries: [chainA[1], chainA[2], chainA[0]] },
    ]);
    expect(named(shuffled)).toEqual(reference);
  });

  it("keeps the same log id on two chains apart: two entries, two ids", () => {
    const sameLog = reservation(9n, 30, 0, 300);
    const merged = mergeChainEntries([
      { chainId: CHAIN_A, entries: [sameLog] },
      { chainId: CHAIN_B, entries: [sameLog] },
    ]);
    expect(merged.map(chainEntryId)).toEqual([`${CHAIN_A}:${sameLog.id}`, `${CHAIN_B}:${sameLog.id}`]);
  });

  it("is stable across a refresh: one chain re-read (its last blocks again, and a new event) keeps every other entry in place", () => {
    const before = mergeChainEntries([
      { chainId: CHAIN_A, entries: chainA },
      { chainId: CHAIN_B, entries: chainB },
    ]);
    // Chain B's refresh re-reads from block 7 and finds what it had, plus #7 at t=250 in block 9.
    const refreshedB = mergeEntries(chainB, [reservation(5n, 7, 3, 200), reservation(6n, 8, 0, 200), reservation(7n, 9, 0, 250)], 7n);
    const after = mergeChainEntries([
      { chainId: CHAIN_A, entries: chainA },
      { chainId: CHAIN_B, entries: refreshedB },
    ]);
    expect(named(after)).toEqual(["B#7", ...named(before)]);
    // Refreshed again with nothing new: the very same list.
    const again = mergeChainEntries([
      { chainId: CHAIN_A, entries: chainA },
      { chainId: CHAIN_B, entries: mergeEntries(refreshedB, refreshedB.slice(0, 2), 8n) },
    ]);
    expect(again.map(chainEntryId)).toEqual(after.map(chainEntryId));
  });

  it("a reorg on one chain drops its orphaned entry; the other chain's entries stay as they were", () => {
    // Chain B's block 8 was replaced by a block without #6: the re-read from block 7 finds #5 only, and the node
    // flags the orphaned log removed.
    const orphaned = { ...reservation(6n, 8, 0, 200), removed: true };
    const reorgedB = mergeEntries(chainB, [reservation(5n, 7, 3, 200), orphaned], 7n);
    const merged = mergeChainEntries([
      { chainId: CHAIN_A, entries: chainA },
      { chainId: CHAIN_B, entries: reorgedB },
    ]);
    expect(named(merged)).toEqual(["A#3", "A#2", "B#5", "B#4", "A#1"]);
    expect(merged.filter((e) => e.chainId === CHAIN_A).map((e) => e.entry)).toEqual(chainA);

    // A re-read that simply no longer returns the log (no removed flag) drops it too.
    const silentlyReorged = mergeEntries(chainB, [reservation(5n, 7, 3, 200)], 7n);
    expect(
      named(
        mergeChainEntries([
          { chainId: CHAIN_A, entries: chainA },
          { chainId: CHAIN_B, entries: silentlyReorged },
        ]),
      ),
    ).toEqual(named(merged));
  });
});
