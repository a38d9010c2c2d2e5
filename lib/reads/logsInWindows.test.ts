import { describe, expect, it } from "vitest";
import type { BlockWindow } from "@/lib/chain/adaptiveLogs";
import { logsInWindows } from "./logsInWindows";

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
});
