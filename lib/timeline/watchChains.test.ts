import { type Hex, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { claimLog, fixtureIntegraHash } from "./claimLogFixture";
import type { RpcLog } from "./decodeEntry";
import { watchChains } from "./watchChains";
import type { AnyWatchCursor, MultiChainWatchCursor, WatchItem, WatchOptions } from "./watchEvents";

const CHAIN_A = 31337;
const CHAIN_B = 31338;
const filter = { addresses: [zeroAddress], integraHash: fixtureIntegraHash };

/**
 * An in-memory chain answering as a node would: its head and logs change between polls; `down` makes every request
 * fail, `hold` makes the head's answer wait until released; `onPoll` is told of each eth_blockNumber.
 */
function fakeChain(chainId: number, head: number, logs: RpcLog[]) {
  const chain = { head, logs, down: false, hold: undefined as Promise<void> | undefined, onPoll: () => {} };
  const client = {
    chain: { id: chainId },
    getBlockNumber: async () => {
      chain.onPoll();
      if (chain.down) throw new Error(`chain ${chainId} is down`);
      if (chain.hold) await chain.hold;
      return BigInt(chain.head);
    },
    request: async ({ params }: { method: string; params: [{ fromBlock: Hex; toBlock: Hex }] }) => {
      if (chain.down) throw new Error(`chain ${chainId} is down`);
      return chain.logs.filter(
        (l) => BigInt(l.blockNumber ?? 0) >= BigInt(params[0].fromBlock) && BigInt(l.blockNumber ?? 0) <= BigInt(params[0].toBlock),
      );
    },
  };
  return { chain, client: client as unknown as Parameters<typeof watchChains>[0][number]["client"] };
}

type Fake = ReturnType<typeof fakeChain>;
type Item = WatchItem<MultiChainWatchCursor>;

const watch = (fakes: Fake[], options: WatchOptions) =>
  watchChains(
    fakes.map((fake) => ({ client: fake.client, filter })),
    { pollIntervalMs: 1, ...options },
  );

/** "A#1": the claim of token 1 on chain A; "synced B 12": chain B delivered up to block 12. */
function describeItem(item: Item): string {
  const chain = item.chainId === CHAIN_A ? "A" : "B";
  if (item.type === "synced") return `synced ${chain} ${item.block}`;
  const token = "tokenId" in item.entry.args ? item.entry.args.tokenId : "?";
  return `${item.type === "retracted" ? "retracted " : ""}${chain}#${token}`;
}

/** Takes items until `count` events (or retractions) were seen; the iterator stays open for more. */
async function take(iterator: AsyncGenerator<Item, void, undefined>, count: number): Promise<Item[]> {
  const items: Item[] = [];
  while (items.filter((i) => i.type !== "synced").length < count) {
    const next = await iterator.next();
    if (next.done) break;
    items.push(next.value);
  }
  return items;
}

/** Every event a watch delivers until the first chain has been polled `polls` times (then the watch is stopped). */
async function eventsUntil(fakes: Fake[], options: WatchOptions, polls = 4): Promise<string[]> {
  const stop = new AbortController();
  let polled = 0;
  fakes[0].chain.onPoll = () => {
    if (++polled >= polls) stop.abort();
  };
  const seen: string[] = [];
  for await (const item of watch(fakes, { ...options, signal: stop.signal })) if (item.type !== "synced") seen.push(describeItem(item));
  fakes[0].chain.onPoll = () => {};
  return seen;
}

const events = (items: Item[]) => items.filter((i) => i.type !== "synced").map(describeItem);
/** A cursor as a program saves it: through JSON. */
const saved = (cursor: AnyWatchCursor) => JSON.parse(JSON.stringify(cursor)) as AnyWatchCursor;

// Times are block numbers (claimLog's timestamp is its block): chain A's claims at 10 and 12, chain B's at 11 and 12.
const chainsWithClaims = () => [
  fakeChain(CHAIN_A, 12, [claimLog(10, 1n), claimLog(12, 3n)]),
  fakeChain(CHAIN_B, 12, [claimLog(11, 2n), claimLog(12, 4n, { logIndex: 2 })]),
];
const fromTen = { [CHAIN_A]: 10n, [CHAIN_B]: 10n };

describe("watchChains", () => {
  it("interleaves two chains' events oldest first (a tie in time goes to the lower chain id), then says each chain synced", async () => {
    const iterator = watch(chainsWithClaims(), { fromBlock: fromTen });
    const items = await take(iterator, 4);
    expect(events(items)).toEqual(["A#1", "B#2", "A#3", "B#4"]);
    expect(items.map((i) => i.chainId)).toEqual([CHAIN_A, CHAIN_B, CHAIN_A, CHAIN_B]);
    // The round ends with each chain's "synced", in chain id order.
    const ends = [await iterator.next(), await iterator.next()].map((next) => (next.done ? "done" : describeItem(next.value)));
    expect(ends).toEqual(["synced A 12", "synced B 12"]);
  });

  it("carries one cursor holding each chain's: resumed from any item, it delivers exactly the rest, once per chain", async () => {
    const delivered = await take(watch(chainsWithClaims(), { fromBlock: fromTen }), 4);
    expect(delivered[0].cursor).toMatchObject({ version: 2, target: `record:${fixtureIntegraHash}`.toLowerCase() });
    expect(Object.keys(delivered[0].cursor.chains).sort()).toEqual([String(CHAIN_A), String(CHAIN_B)]);
    const order = ["A#1", "B#2", "A#3", "B#4"];
    for (const [i, item] of delivered.entries()) {
      // Polled several times after: no event comes twice, none is missing.
      expect(await eventsUntil(chainsWithClaims(), { cursor: saved(item.cursor) }), `resumed after ${order[i]}`).toEqual(
        order.slice(i + 1),
      );
    }
  });

  it("resumed from its cursor, delivers what happened on each chain meanwhile, and nothing it had delivered", async () => {
    const fakes = chainsWithClaims();
    const first = await take(watch(fakes, { fromBlock: fromTen }), 4);
    const [a, b] = fakes;
    a.chain.logs.push(claimLog(14, 6n));
    a.chain.head = 15;
    b.chain.logs.push(claimLog(13, 5n), claimLog(15, 7n));
    b.chain.head = 15;
    expect(await eventsUntil(fakes, { cursor: saved(first[3].cursor) })).toEqual(["B#5", "A#6", "B#7"]);
  });

  it("a chain whose RPC fails is retried, naming the chain, while the other keeps delivering; it catches up once back", async () => {
    const [a, b] = chainsWithClaims();
    b.chain.down = true;
    const retried: number[] = [];
    const iterator = watch([a, b], { fromBlock: fromTen, onRetry: (_error, _attempt, _delayMs, chainId) => retried.push(chainId) });
    const whileDown = await take(iterator, 2);
    expect(events(whileDown)).toEqual(["A#1", "A#3"]);
    expect(retried.length).toBeGreaterThan(0);
    expect(new Set(retried)).toEqual(new Set([CHAIN_B]));

    a.chain.logs.push(claimLog(13, 5n));
    a.chain.head = 13;
    expect(events(await take(iterator, 1))).toEqual(["A#5"]);
    b.chain.down = false;
    const afterwards = await take(iterator, 2);
    expect(events(afterwards)).toEqual(["B#2", "B#4"]);
    // Its cursor resumes both chains past everything delivered.
    expect(await eventsUntil([a, b], { cursor: saved(afterwards[afterwards.length - 1].cursor) })).toEqual([]);
  });

  it("a chain that does not answer holds a round up only so long: the other's events come meanwhile, and its own later", async () => {
    const [a, b] = chainsWithClaims();
    let answer = () => {};
    b.chain.hold = new Promise((resolve) => (answer = resolve));
    const iterator = watch([a, b], { fromBlock: fromTen, slowChainWaitMs: 20 });
    expect(events(await take(iterator, 2))).toEqual(["A#1", "A#3"]);
    answer();
    b.chain.hold = undefined;
    expect(events(await take(iterator, 2))).toEqual(["B#2", "B#4"]);
  });

  it("resumes a one-chain cursor that names its chain on that chain, and starts the chain it does not have at its head", async () => {
    const [a, b] = chainsWithClaims();
    // Chain A's own cursor: #1 (block 10) delivered, up to block 11.
    const cursor = {
      version: 1 as const,
      chainId: CHAIN_A,
      target: `record:${fixtureIntegraHash}`.toLowerCase(),
      from: "1",
      block: "11",
      tail: [claimLog(10, 1n)],
    };
    b.chain.logs.push(claimLog(13, 5n));
    const seen = watch([a, b], { cursor });
    expect(events(await take(seen, 1))).toEqual(["A#3"]);
    b.chain.head = 13;
    expect(events(await take(seen, 1))).toEqual(["B#5"]);
  });

  it("refuses two clients of one chain, a cursor of another target, a one-chain cursor that does not name its chain, and one fromBlock for several chains", async () => {
    const [a, b] = chainsWithClaims();
    await expect(take(watch([a, fakeChain(CHAIN_A, 1, [])], {}), 1)).rejects.toThrow(`Two clients read chain ${CHAIN_A}`);
    const other: MultiChainWatchCursor = { version: 2, target: "record:0xother", chains: {} };
    await expect(take(watch([a, b], { cursor: other }), 1)).rejects.toThrow("The cursor belongs to record:0xother");
    const unnamed = { version: 1 as const, target: `record:${fixtureIntegraHash}`.toLowerCase(), from: "1", block: "11", tail: [] };
    await expect(take(watch([a, b], { cursor: unnamed }), 1)).rejects.toThrow("does not say which");
    await expect(take(watch([a, b], { fromBlock: 10n }), 1)).rejects.toThrow("give fromBlock per chain id");
  });
});
