import { type Hex, numberToHex, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import type { RpcLog } from "./decodeEntry";
import { claimLog, fixtureIntegraHash } from "./claimLogFixture";
import { type WatchCursor, type WatchItem, watchEvents } from "./watchEvents";

/** An in-memory chain: its head and its logs, both changeable between polls, answering as a node would. */
function fakeChain(head: number, logs: RpcLog[]) {
  const chain = { head, logs };
  const client = {
    getBlockNumber: async () => BigInt(chain.head),
    request: async ({ params }: { method: string; params: [{ fromBlock: Hex; toBlock: Hex }] }) =>
      chain.logs.filter(
        (l) => BigInt(l.blockNumber ?? 0) >= BigInt(params[0].fromBlock) && BigInt(l.blockNumber ?? 0) <= BigInt(params[0].toBlock),
      ),
  };
  return { chain, client: client as unknown as Parameters<typeof watchEvents>[0] };
}

const filter = { addresses: [zeroAddress], integraHash: fixtureIntegraHash };
const describeItem = (item: WatchItem) =>
  item.type === "synced" ? `synced ${item.block}` : `${item.type} #${"tokenId" in item.entry.args ? item.entry.args.tokenId : "?"}`;

/** Takes items until `count` non-synced ones were seen; the iterator stays open (a for-await's break would close it). */
async function take(iterator: AsyncGenerator<WatchItem, void, undefined>, count: number): Promise<WatchItem[]> {
  const items: WatchItem[] = [];
  while (items.filter((i) => i.type !== "synced").length < count) {
    const next = await iterator.next();
    if (next.done) break;
    items.push(next.value);
  }
  return items;
}

describe("watchEvents", () => {
  it("resumed from the cursor of an event in the middle of a block's batch, delivers only the rest", async () => {
    const { client } = fakeChain(
      12,
      [claimLog(11, 1n), claimLog(11, 2n), claimLog(12, 3n)].map((l, i) => ({ ...l, logIndex: numberToHex(i) })),
    );
    const first = await take(watchEvents(client, filter, { fromBlock: 10n, pollIntervalMs: 1 }), 1);
    expect(first.map(describeItem)).toEqual(["event #1"]);
    const saved = JSON.parse(JSON.stringify(first[0].cursor)) as WatchCursor;

    const resumed = await take(watchEvents(client, filter, { cursor: saved, pollIntervalMs: 1 }), 2);
    expect(resumed.map(describeItem)).toEqual(["event #2", "event #3"]);
  });

  it("resumed, never delivers events from before the watch's first block, though it re-reads them", async () => {
    const { chain, client } = fakeChain(40, [claimLog(38, 1n), claimLog(40, 2n)]);
    const first = await take(watchEvents(client, filter, { pollIntervalMs: 1 }), 0);
    expect(first).toEqual([]);
    const started = watchEvents(client, filter, { fromBlock: 41n, pollIntervalMs: 1 });
    chain.logs.push(claimLog(41, 3n));
    chain.head = 41;
    const live = await take(started, 1);
    const resumed = watchEvents(client, filter, { cursor: live[live.length - 1].cursor, pollIntervalMs: 1 });
    chain.logs.push(claimLog(42, 4n));
    chain.head = 42;
    expect([...live, ...(await take(resumed, 1))].filter((i) => i.type !== "synced").map(describeItem)).toEqual(["event #3", "event #4"]);
  });

  it("announces as retracted an event of the cursor's tail that a reorg removed while it was stopped", async () => {
    const { chain, client } = fakeChain(20, [claimLog(19, 1n), claimLog(20, 2n)]);
    const first = await take(watchEvents(client, filter, { fromBlock: 1n, pollIntervalMs: 1 }), 2);
    const saved = first[first.length - 1].cursor;

    // Block 20 is replaced by a block without the claim; the chain grows on.
    chain.logs = [claimLog(19, 1n)];
    chain.head = 21;
    const resumed = await take(watchEvents(client, filter, { cursor: saved, pollIntervalMs: 1 }), 1);
    expect(resumed.map(describeItem)).toEqual(["retracted #2"]);
  });

  it("an event re-mined in another block is retracted from the old block and delivered in the new one", async () => {
    const { chain, client } = fakeChain(30, [claimLog(30, 1n)]);
    const iterator = watchEvents(client, filter, { fromBlock: 30n, pollIntervalMs: 1 });
    const first = await take(iterator, 1);
    chain.logs = [claimLog(31, 1n, { fork: "b" })];
    chain.head = 31;
    const after = (await take(iterator, 2)).filter((i) => i.type !== "synced");
    expect(first.map(describeItem)).toEqual(["event #1"]);
    expect(after.map((i) => `${describeItem(i)} in ${"entry" in i ? i.entry.blockNumber : ""}`)).toEqual([
      "retracted #1 in 30",
      "event #1 in 31",
    ]);
  });

  it("refuses a cursor of another target", async () => {
    const { client } = fakeChain(5, []);
    const cursor: WatchCursor = { version: 1, target: "record:0xother", from: "1", block: "4", tail: [] };
    await expect(take(watchEvents(client, filter, { cursor }), 1)).rejects.toThrow("The cursor belongs to record:0xother");
  });
});
