import type { Hex } from "viem";
import { describe, expect, it } from "vitest";
import { claimBatches } from "./claimAll";

const record = (byte: string) => ({ integraHash: `0x${byte.repeat(32)}` as Hex });

describe("claimBatches", () => {
  it("fills batches up to the relayer's size, in order", () => {
    const tokens = ["a1", "b2", "c3", "d4", "e5"].map(record);
    expect(claimBatches(tokens, 2)).toEqual([[0, 1], [2, 3], [4]]);
    expect(claimBatches(tokens, 16)).toEqual([[0, 1, 2, 3, 4]]);
    expect(claimBatches([], 5)).toEqual([]);
  });

  it("puts a second token of the same record in a later batch, whose gas is estimated after the first is mined", () => {
    const tokens = [record("a1"), record("a1"), record("b2"), record("a1"), record("c3")];
    expect(claimBatches(tokens, 5)).toEqual([[0, 2, 4], [1], [3]]);
    expect(claimBatches(tokens, 1)).toEqual([[0], [1], [2], [3], [4]]);
  });
});
