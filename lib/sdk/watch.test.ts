// The SDK's watchers over several clients: each chain read with its own deployment, one stream, one cursor.
import { type Address, type Hex, type PublicClient, keccak256, stringToHex } from "viem";
import { describe, expect, it } from "vitest";
import { addDeployment } from "@/lib/deployment";
import type { IntegraDeployment } from "@/lib/generated/deployments";
import { claimLog } from "@/lib/timeline/claimLogFixture";
import type { RpcLog } from "@/lib/timeline/decodeEntry";
import type { AnyWatchCursor, WatchItem } from "@/lib/timeline/watchEvents";
import { DEPLOYED_CONTRACT_NAMES } from "./deployment";
import { testDeployment } from "./testDeployment";
import { watchWorkflow } from "./watch";

const CHAIN_A = 31337;
const CHAIN_B = 31338;
/** claimLogFixture's workflow. */
const WORKFLOW = keccak256(stringToHex("workflow"));

/** Chain B's deployment: the same contracts at other addresses (0x…2000, …), as a real second chain has. */
const chainBDeployment: IntegraDeployment = {
  ...testDeployment,
  chainId: CHAIN_B,
  addresses: Object.fromEntries(
    DEPLOYED_CONTRACT_NAMES.map((name, i) => [name, `0x${(0x2000 + i).toString(16).padStart(40, "0")}`]),
  ) as IntegraDeployment["addresses"],
};
addDeployment(testDeployment);
addDeployment(chainBDeployment);

/**
 * A node of chain `chainId` at `head`: eth_getLogs answers only for the addresses asked, as a node does, so a watch
 * that asked chain B for chain A's contracts would hear nothing.
 */
function fakeNode(chainId: number, head: number, logs: RpcLog[]): PublicClient {
  const client = {
    chain: { id: chainId },
    getBlockNumber: async () => BigInt(head),
    request: async ({ params }: { method: string; params: [{ address: Address | Address[]; fromBlock: Hex; toBlock: Hex }] }) => {
      const asked = [params[0].address].flat().map((a) => a.toLowerCase());
      return logs.filter(
        (l) =>
          asked.includes(l.address.toLowerCase()) &&
          BigInt(l.blockNumber ?? 0) >= BigInt(params[0].fromBlock) &&
          BigInt(l.blockNumber ?? 0) <= BigInt(params[0].toBlock),
      );
    },
  };
  return client as unknown as PublicClient;
}

/** The claim of `tokenId` in `block`, emitted by `deployment`'s multi-party tokenizer. */
const claimOn = (deployment: IntegraDeployment, block: number, tokenId: bigint): RpcLog => ({
  ...claimLog(block, tokenId),
  address: deployment.addresses.MultiPartyTokenizerV1,
});

const describeItem = (item: WatchItem<AnyWatchCursor>) =>
  item.type === "synced" ? `synced ${item.chainId}` : `${item.chainId}#${"tokenId" in item.entry.args ? item.entry.args.tokenId : "?"}`;

async function takeEvents<C extends AnyWatchCursor>(iterator: AsyncGenerator<WatchItem<C>, void, undefined>, count: number) {
  const items: WatchItem<C>[] = [];
  while (items.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    if (next.value.type !== "synced") items.push(next.value);
  }
  return items;
}

describe("watchWorkflow across chains", () => {
  it("reads each chain at its own deployment's addresses and yields one stream, each item with its chain", async () => {
    const a = fakeNode(CHAIN_A, 12, [claimOn(testDeployment, 10, 1n), claimOn(testDeployment, 12, 3n)]);
    const b = fakeNode(CHAIN_B, 12, [claimOn(chainBDeployment, 11, 2n)]);
    const items = await takeEvents(
      watchWorkflow([a, b], WORKFLOW, { fromBlock: { [CHAIN_A]: 10n, [CHAIN_B]: 10n }, pollIntervalMs: 1 }),
      3,
    );
    expect(items.map(describeItem)).toEqual([`${CHAIN_A}#1`, `${CHAIN_B}#2`, `${CHAIN_A}#3`]);
    const last = items[2].cursor;
    expect(last.version).toBe(2);
    expect(Object.keys(last.chains).sort()).toEqual([String(CHAIN_A), String(CHAIN_B)]);
  });

  it("with one client, names the chain on every item and keeps that chain's own cursor (version 1)", async () => {
    const a = fakeNode(CHAIN_A, 12, [claimOn(testDeployment, 10, 1n)]);
    const [item] = await takeEvents(watchWorkflow(a, WORKFLOW, { fromBlock: 10n, pollIntervalMs: 1 }), 1);
    expect(item.chainId).toBe(CHAIN_A);
    expect(item.cursor).toMatchObject({ version: 1, chainId: CHAIN_A, block: "9" });
  });

  it("refuses two clients of one chain, and a client without its chain", async () => {
    const a = fakeNode(CHAIN_A, 12, []);
    await expect(takeEvents(watchWorkflow([a, fakeNode(CHAIN_A, 12, [])], WORKFLOW), 1)).rejects.toThrow(
      `Two clients read chain ${CHAIN_A}: give one client per chain.`,
    );
    const chainless = { ...fakeNode(CHAIN_B, 12, []), chain: undefined } as unknown as PublicClient;
    expect(() => watchWorkflow([a, chainless], WORKFLOW)).toThrow("Client 2 of the watch has no chain");
  });

  it("refuses a chain no deployment is known for, naming it", () => {
    expect(() => watchWorkflow([fakeNode(CHAIN_A, 1, []), fakeNode(424242, 1, [])], WORKFLOW)).toThrow(
      "No Integra deployment is known for chain 424242",
    );
  });
});
