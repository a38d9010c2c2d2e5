import { describe, expect, it } from "vitest";
import { blockWindows } from "./blockWindows";

describe("blockWindows", () => {
  it("covers the range exactly once, contiguously, within the cap", () => {
    const windows = blockWindows(17n, 3_456n, 1_000n);
    expect(windows).toEqual([
      { fromBlock: 17n, toBlock: 1_016n },
      { fromBlock: 1_017n, toBlock: 2_016n },
      { fromBlock: 2_017n, toBlock: 3_016n },
      { fromBlock: 3_017n, toBlock: 3_456n },
    ]);
    for (const [i, w] of windows.entries()) {
      expect(w.toBlock - w.fromBlock + 1n).toBeLessThanOrEqual(1_000n);
      if (i > 0) expect(w.fromBlock).toBe(windows[i - 1].toBlock + 1n);
    }
  });

  it("gives one window when uncapped, one block when from = to, none when to < from", () => {
    expect(blockWindows(5n, 9_999_999n, 0n)).toEqual([{ fromBlock: 5n, toBlock: 9_999_999n }]);
    expect(blockWindows(42n, 42n, 1_000n)).toEqual([{ fromBlock: 42n, toBlock: 42n }]);
    expect(blockWindows(43n, 42n, 1_000n)).toEqual([]);
  });

  it("handles a range that is an exact multiple of the cap", () => {
    expect(blockWindows(0n, 1_999n, 1_000n)).toEqual([
      { fromBlock: 0n, toBlock: 999n },
      { fromBlock: 1_000n, toBlock: 1_999n },
    ]);
  });
});
