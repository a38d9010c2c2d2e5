import { describe, expect, it } from "vitest";
import { chainFor } from "@/lib/config/appChain";
import { type ChainRead, bothOnEachChain, noChainAnswered, rowsOnChains } from "./useOnServedChains";

const A = chainFor(31337);
const B = chainFor(31338);
const unreachable = new Error("HTTP request failed");

const read = <T>(chain: ChainRead<T>["chain"], patch: Partial<ChainRead<T>> = {}): ChainRead<T> => ({
  chain,
  data: undefined,
  failure: null,
  failed: false,
  ...patch,
});

describe("rowsOnChains", () => {
  it("tags each row with its chain, in the chains' order, and skips chains that have not answered", () => {
    const reads: ChainRead<string[]>[] = [
      read(A, { data: ["a1", "a2"] }),
      read(B, { failure: unreachable }),
      read(chainFor(10), { data: ["c1"] }),
    ];
    expect(rowsOnChains(reads)).toEqual([
      { chainId: 31337, row: "a1" },
      { chainId: 31337, row: "a2" },
      { chainId: 10, row: "c1" },
    ]);
  });
});

describe("bothOnEachChain", () => {
  it("has a chain's data only once both reads of it have answered", () => {
    const [onA, onB] = bothOnEachChain([read(A, { data: 1 }), read(B, { data: 2 })], [read(A, { data: "x" }), read(B)]);
    expect(onA.data).toEqual({ first: 1, second: "x" });
    expect(onB.data).toBeUndefined();
    expect(onB.chain).toBe(B);
  });

  it("keeps the failure of either read, and failed when either failed for good", () => {
    const refused = new Error("refused");
    const [onA, onB] = bothOnEachChain(
      [read(A, { failure: refused, failed: true }), read(B)],
      [read(A, { data: 1 }), read(B, { failure: unreachable })],
    );
    expect(onA).toMatchObject({ failure: refused, failed: true, data: undefined });
    expect(onB).toMatchObject({ failure: unreachable, failed: false });
  });
});

describe("noChainAnswered", () => {
  it("is true only while every chain is still being read without a failure", () => {
    expect(noChainAnswered([read(A), read(B)])).toBe(true);
    expect(noChainAnswered([read(A), read(B, { failure: unreachable })])).toBe(false);
    expect(noChainAnswered([read(A, { data: [] }), read(B)])).toBe(false);
  });
});
