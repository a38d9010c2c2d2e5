import { type Address, type Hex, encodeAbiParameters, encodeEventTopics, getAbiItem, numberToHex, pad } from "viem";
import { describe, expect, it } from "vitest";
import { integraRecordV1Abi, multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import { type RpcLog, type TimelineEntry, decodeEntry } from "./decodeEntry";
import { mergeEntries } from "./mergeEntries";
import { REORG_DEPTH, readTimeline } from "./readTimeline";

const RECORD: Hex = `0x${"11".repeat(32)}`;
const PROCESS: Hex = `0x${"22".repeat(32)}`;
const TOKENIZER: Address = "0x0165878A594ca255338adfa4d48449f69242Eb8F";
const ALICE: Address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

/** A TokenReserved log as a node would return it. */
function reservedLog(block: number, logIndex: number, tokenId: bigint, tx = block, removed = false): RpcLog {
  const event = getAbiItem({ abi: multiPartyTokenizerV1Abi, name: "TokenReserved" });
  return {
    address: TOKENIZER,
    topics: encodeEventTopics({
      abi: [event],
      eventName: "TokenReserved",
      args: { integraHash: RECORD, processHash: PROCESS, recipient: ALICE },
    }) as Hex[],
    data: encodeAbiParameters(
      [{ type: "uint256" }, { type: "uint256" }, { type: "address" }, { type: "string" }, { type: "uint256" }],
      [tokenId, 1n, ALICE, "", BigInt(1_780_000_000 + block)],
    ),
    blockNumber: numberToHex(block),
    blockHash: pad(numberToHex(block)),
    transactionHash: pad(numberToHex(tx)),
    logIndex: numberToHex(logIndex),
    removed,
  };
}

/** A provider over a fixed set of logs that refuses eth_getLogs spans above `cap` blocks, and counts requests. */
function fakeProvider(logs: () => RpcLog[], latest: () => bigint, cap = 0n) {
  const spans: [bigint, bigint][] = [];
  return {
    spans,
    client: {
      getBlockNumber: async () => latest(),
      request: (async ({ params }: { params: [{ fromBlock: Hex; toBlock: Hex; topics: (Hex | Hex[] | null)[] }] }) => {
        const from = BigInt(params[0].fromBlock);
        const to = BigInt(params[0].toBlock);
        if (cap > 0n && to - from + 1n > cap) throw new Error(`block range exceeds ${cap}`);
        spans.push([from, to]);
        return logs().filter(
          (log) => BigInt(log.blockNumber!) >= from && BigInt(log.blockNumber!) <= to && log.topics[1] === params[0].topics[1],
        );
      }) as never,
    },
  };
}

/** These tests' logs are all TokenReserved. */
function tokenIdOf(entry: TimelineEntry): bigint | undefined {
  return entry.eventName === "TokenReserved" ? entry.args.tokenId : undefined;
}

describe("decodeEntry", () => {
  it("decodes an Integra log into a timeline row with its record, workflow and time", () => {
    const entry = decodeEntry(reservedLog(12, 3, 2n))!;
    expect(entry).toMatchObject({
      eventName: "TokenReserved",
      blockNumber: 12n,
      logIndex: 3,
      integraHash: RECORD,
      processHash: PROCESS,
      timestamp: 1_780_000_012n,
    });
    if (entry.eventName !== "TokenReserved") throw new Error(`decoded as ${entry.eventName}`);
    expect(entry.args.tokenId).toBe(2n);
    expect(entry.args.recipient).toBe(ALICE);
  });

  it("ignores logs that are not Integra events, and pending logs", () => {
    const transfer = { ...reservedLog(1, 0, 1n), topics: [pad("0x1234") as Hex] };
    expect(decodeEntry(transfer)).toBeUndefined();
    expect(decodeEntry({ ...reservedLog(1, 0, 1n), blockNumber: null })).toBeUndefined();
  });

  it("decodes the registry's events too", () => {
    const event = getAbiItem({ abi: integraRecordV1Abi, name: "ExecutorChanged" });
    const log: RpcLog = {
      ...reservedLog(3, 0, 1n),
      topics: encodeEventTopics({
        abi: [event],
        eventName: "ExecutorChanged",
        args: { integraHash: RECORD, processHash: PROCESS, newExecutor: ALICE },
      }) as Hex[],
      data: encodeAbiParameters([{ type: "address" }, { type: "uint256" }], ["0x0000000000000000000000000000000000000000", 7n]),
    };
    expect(decodeEntry(log)).toMatchObject({ eventName: "ExecutorChanged", timestamp: 7n });
  });
});

describe("mergeEntries", () => {
  const entry = (block: number, index: number, tx = block) => decodeEntry(reservedLog(block, index, BigInt(index + 1), tx))!;

  it("never shows a log twice and orders newest first", () => {
    const merged = mergeEntries([entry(5, 0), entry(9, 1)], [entry(9, 1), entry(10, 0)], 8n);
    expect(merged.map((e) => e.id)).toEqual([entry(10, 0).id, entry(9, 1).id, entry(5, 0).id]);
  });

  it("drops logs flagged removed, and logs of re-read blocks that the re-read no longer has (a reorg)", () => {
    const before = [entry(5, 0), entry(9, 0, 900), entry(10, 0, 1000)];
    const removed = { ...entry(9, 0, 900), removed: true };
    const merged = mergeEntries(before, [removed, entry(10, 0, 1001)], 9n);
    expect(merged.map((e) => e.id)).toEqual([entry(10, 0, 1001).id, entry(5, 0).id]);
  });
});

describe("readTimeline", () => {
  const filter = { addresses: [TOKENIZER], integraHash: RECORD, fromBlock: 100n };

  it("gives a capped provider correct, non-overlapping windows from the record's block and finds every event", async () => {
    const logs = [reservedLog(100, 0, 1n), reservedLog(1_150, 0, 2n), reservedLog(2_999, 0, 3n), reservedLog(3_050, 0, 4n)];
    const { client, spans } = fakeProvider(
      () => logs,
      () => 3_050n,
      1_000n,
    );
    const data = await readTimeline(client, filter, 1_000n);
    expect(spans).toEqual([
      [100n, 1_099n],
      [1_100n, 2_099n],
      [2_100n, 3_050n],
    ]);
    expect(data.logRequests).toBe(3);
    expect(data.entries.map(tokenIdOf)).toEqual([4n, 3n, 2n, 1n]);
  });

  it("narrows by itself when an uncapped read hits a capped provider, finds every event, and starts narrow next time", async () => {
    const logs = [reservedLog(100, 0, 1n), reservedLog(1_150, 0, 2n), reservedLog(2_999, 0, 3n), reservedLog(4_990, 0, 4n)];
    const { client, spans } = fakeProvider(
      () => logs,
      () => 5_000n,
      1_000n,
    );
    const first = await readTimeline(client, filter, 0n);
    expect(first.entries.map(tokenIdOf)).toEqual([4n, 3n, 2n, 1n]);
    // 4,901 blocks refused, then 2,450 and 1,225; windows of 612 blocks accepted.
    expect(spans.every(([from, to]) => to - from + 1n <= 1_000n)).toBe(true);
    expect(spans[0]).toEqual([100n, 711n]);
    expect(spans.at(-1)![1]).toBe(5_000n);
    expect(first.logRequests).toBe(3 + spans.length);

    spans.length = 0;
    const second = await readTimeline(client, filter, 0n);
    expect(second.entries.map(tokenIdOf)).toEqual([4n, 3n, 2n, 1n]);
    expect(second.logRequests).toBe(spans.length);
    expect(second.logRequests).toBeLessThan(first.logRequests);
  });

  it("refreshes only the last blocks, adds new events once, and forgets an event a reorg removed", async () => {
    let logs = [reservedLog(100, 0, 1n), reservedLog(150, 0, 2n, 150)];
    let latest = 150n;
    const { client, spans } = fakeProvider(
      () => logs,
      () => latest,
    );
    const first = await readTimeline(client, filter, 0n);
    expect(first.entries).toHaveLength(2);

    // Block 150 is reorged away (its log now lands in block 151 from another tx), and a new block 152 arrives.
    logs = [reservedLog(100, 0, 1n), reservedLog(151, 0, 2n, 151), reservedLog(152, 0, 3n)];
    latest = 152n;
    const second = await readTimeline(client, filter, 0n, first);
    expect(spans.at(-1)).toEqual([150n - REORG_DEPTH + 1n, 152n]);
    expect(second.entries.map((e) => `${e.blockNumber}:${tokenIdOf(e)}`)).toEqual(["152:3", "151:2", "100:1"]);

    const third = await readTimeline(client, filter, 0n, second);
    expect(third.entries).toHaveLength(3);
  });
});
