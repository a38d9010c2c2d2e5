import { QueryClient } from "@tanstack/react-query";
import { type Hex, zeroAddress } from "viem";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { revertedErrorName } from "@/lib/errors/revertedErrorName";
import { recordChainQuery, recordQuery } from "./queries";

const CHAIN_A = 31337;
const CHAIN_B = 31338;
const CHAIN_C = 31339;
const RECORD: Hex = `0x${"11".repeat(32)}`;

vi.mock("@/lib/config/servedChains", () => {
  const servedChains = [31337, 31338, 31339].map((id) => ({ id, name: `Chain ${id}` }));
  return { servedChains, servedChain: (id: number) => servedChains.find((chain) => chain.id === id) };
});

// Each served chain's client is its chain id alone: the fake reader answers by it.
vi.mock("@/lib/chain/readClient", () => ({ readClientOn: (chainId: number) => ({ chain: { id: chainId } }) }));

/** What each chain answers for the record: the record, or the error its read fails with. */
const answers = new Map<number, "found" | Error>();
const asked: number[] = [];
vi.mock("@/lib/reads", () => ({
  readRecord: async (client: { chain: { id: number } }, integraHash: Hex) => {
    asked.push(client.chain.id);
    const answer = answers.get(client.chain.id);
    if (answer instanceof Error) throw answer;
    if (answer === "found") return { integraHash, tokenizer: zeroAddress, chainId: client.chain.id };
    throw notFound();
  },
}));

/** A read that reverted with RecordNotFound, as viem nests it. */
function notFound(): Error {
  return Object.assign(new Error("reverted"), { name: "ContractFunctionRevertedError", data: { errorName: "RecordNotFound" } });
}

const newClient = () => new QueryClient({ defaultOptions: { queries: { retryDelay: 0 } } });

beforeEach(() => {
  answers.clear();
  asked.length = 0;
});

describe("recordChainQuery", () => {
  it("finds a record of the default chain there, without asking the other chains", async () => {
    answers.set(CHAIN_A, "found");
    expect(await newClient().fetchQuery(recordChainQuery(RECORD))).toBe(CHAIN_A);
    expect(asked).toEqual([CHAIN_A]);
  });

  it("looks through the served chains in order, and keeps the record read on the chain that has it", async () => {
    answers.set(CHAIN_B, "found");
    answers.set(CHAIN_C, "found");
    const client = newClient();
    expect(await client.fetchQuery(recordChainQuery(RECORD))).toBe(CHAIN_B);
    expect(asked).toEqual([CHAIN_A, CHAIN_B]);
    expect(client.getQueryData(recordQuery(CHAIN_B, RECORD).queryKey)).toMatchObject({ chainId: CHAIN_B });
  });

  it("fails with RecordNotFound when no served chain has the record", async () => {
    const lookup = newClient().fetchQuery(recordChainQuery(RECORD));
    await expect(lookup).rejects.toSatisfy((error) => revertedErrorName(error) === "RecordNotFound");
    expect(asked).toEqual([CHAIN_A, CHAIN_B, CHAIN_C]);
  });

  it("stops at a chain that fails otherwise: a later chain's record is not the answer while the earlier one is unknown", async () => {
    answers.set(CHAIN_A, new Error("the node refused"));
    answers.set(CHAIN_B, "found");
    await expect(newClient().fetchQuery(recordChainQuery(RECORD))).rejects.toThrow("the node refused");
    expect(asked.every((chainId) => chainId === CHAIN_A)).toBe(true);
  });
});

describe("query keys", () => {
  it("tell the same record on two chains apart", () => {
    expect(recordQuery(CHAIN_A, RECORD).queryKey).not.toEqual(recordQuery(CHAIN_B, RECORD).queryKey);
  });
});
