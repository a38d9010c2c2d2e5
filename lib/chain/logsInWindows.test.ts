import { describe, expect, it } from "vitest";
import type { BlockWindow } from "@/lib/chain/adaptiveLogs";
import { logsInLastBlocks, logsInWindows } from "./logsInWindows";

describe("logsInWindows", () => {
  const client = { getBlockNumber: async () => 2_500n };

  it("reads from the given block to the head in capped windows and concatenates the results in order", async () => {
    const seen: BlockWindow[] = [];
    const logs = await logsInWindows(
      client,
      100n,
      async (window) => {
        seen.push(window);
        return [`${window.fromBlock}-${window.toBlock}`];
      },
      1_000n,
    );
    expect(seen).toEqual([
      { fromBlock: 100n, toBlock: 1_099n },
      { fromBlock: 1_100n, toBlock: 2_099n },
      { fromBlock: 2_100n, toBlock: 2_500n },
    ]);
    expect(logs).toEqual(["100-1099", "1100-2099", "2100-2500"]);
  });

  it("makes a single request when the provider has no cap", async () => {
    const seen: BlockWindow[] = [];
    await logsInWindows(client, 7n, async (window) => (seen.push(window), []), 0n);
    expect(seen).toEqual([{ fromBlock: 7n, toBlock: 2_500n }]);
  });

  it("reads only the last blocks asked for, in capped windows, whatever the chain's length", async () => {
    const seen: BlockWindow[] = [];
    await logsInLastBlocks(client, 1_500n, 0n, async (window) => (seen.push(window), []), 1_000n);
    expect(seen).toEqual([
      { fromBlock: 1_001n, toBlock: 2_000n },
      { fromBlock: 2_001n, toBlock: 2_500n },
    ]);
  });

  it("never reads before the floor when the chain is shorter than the span", async () => {
    const seen: BlockWindow[] = [];
    await logsInLastBlocks(client, 5_000n, 40n, async (window) => (seen.push(window), []), 0n);
    expect(seen).toEqual([{ fromBlock: 40n, toBlock: 2_500n }]);
  });
});
