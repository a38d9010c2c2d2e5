import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Hex,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  createPublicClient,
  encodeErrorResult,
  encodeFunctionResult,
  http,
  toFunctionSelector,
} from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integraRecordV1Abi, multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import { readContractLean } from "./readContractLean";

/**
 * readContractLean against viem's own readContract, both through viem's http transport to one JSON-RPC server that
 * answers eth_call with encoded results (a struct with an array, a multi-value tuple, an array of tuples with
 * strings) or a custom-error revert: the results and the decoded errors must be the same.
 */

const registry = "0x00000000000000000000000000000000000000aa";
const tokenizer = "0x00000000000000000000000000000000000000bb";
const hash: Hex = `0x${"12".repeat(32)}`;
const owner = "0x2222222222222222222222222222222222222222";
const record = {
  owner,
  registeredAt: 1_700_000_000n,
  tokenizer,
  registeredBlock: 42n,
  executor: "0x3333333333333333333333333333333333333333",
  contentHash: `0x${"34".repeat(32)}`,
  processHash: `0x${"56".repeat(32)}`,
  resolvers: ["0x4444444444444444444444444444444444444444"],
} as const;
const reservations = [
  { integraHash: hash, tokenId: 1n, status: 1, amount: 1n, processHash: record.processHash, role: "Käufer" },
  { integraHash: hash, tokenId: 2n, status: 2, amount: 5n, processHash: record.processHash, role: "" },
] as const;

const answers: Record<Hex, { result?: Hex; revert?: Hex }> = {
  [toFunctionSelector("getRecord(bytes32)")]: {
    result: encodeFunctionResult({ abi: integraRecordV1Abi, functionName: "getRecord", result: record }),
  },
  [toFunctionSelector("pendingOwnerOf(bytes32)")]: {
    revert: encodeErrorResult({ abi: integraRecordV1Abi, errorName: "RecordNotFound", args: [hash] }),
  },
  [toFunctionSelector("tokenStatus(bytes32,uint256)")]: {
    result: encodeFunctionResult({
      abi: multiPartyTokenizerV1Abi,
      functionName: "tokenStatus",
      result: [2, owner, 3n, record.processHash],
    }),
  },
  [toFunctionSelector("reservationsOf(address,uint256,uint256)")]: {
    result: encodeFunctionResult({ abi: multiPartyTokenizerV1Abi, functionName: "reservationsOf", result: [reservations, 2n, 2n] }),
  },
};

let server: Server;
let rpcUrl: string;
const blockTags: unknown[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    request.on("end", () => {
      const call = JSON.parse(raw) as { id: number; method: string; params: [{ data: Hex }, unknown] };
      response.writeHead(200, { "Content-Type": "application/json" });
      const answer = answers[call.params[0].data.slice(0, 10) as Hex];
      blockTags.push(call.params[1]);
      if (call.method !== "eth_call" || !answer) {
        response.end(JSON.stringify({ jsonrpc: "2.0", id: call.id, error: { code: -32601, message: "unexpected" } }));
      } else if (answer.revert) {
        const error = { code: 3, message: "execution reverted", data: answer.revert };
        response.end(JSON.stringify({ jsonrpc: "2.0", id: call.id, error }));
      } else {
        response.end(JSON.stringify({ jsonrpc: "2.0", id: call.id, result: answer.result }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  rpcUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () => createPublicClient({ transport: http(rpcUrl) });

describe("readContractLean", () => {
  it("decodes a struct with an array as viem's readContract does", async () => {
    const args = { address: registry, abi: integraRecordV1Abi, functionName: "getRecord", args: [hash] } as const;
    const lean = await readContractLean(client(), args);
    expect(lean).toEqual(await client().readContract(args));
    expect(lean.resolvers).toEqual(record.resolvers);
  });

  it("decodes a multi-value result and an array of tuples with strings as viem does", async () => {
    const status = { address: tokenizer, abi: multiPartyTokenizerV1Abi, functionName: "tokenStatus", args: [hash, 1n] } as const;
    expect(await readContractLean(client(), status)).toEqual(await client().readContract(status));
    const page = {
      address: tokenizer,
      abi: multiPartyTokenizerV1Abi,
      functionName: "reservationsOf",
      args: [owner, 0n, 50n],
    } as const;
    const [rows, total, next] = await readContractLean(client(), page);
    expect(rows.map((row) => row.role)).toEqual(["Käufer", ""]);
    expect([total, next]).toEqual([2n, 2n]);
    expect(await readContractLean(client(), page)).toEqual(await client().readContract(page));
  });

  it("decodes a custom-error revert into the same ContractFunctionRevertedError", async () => {
    const args = { address: registry, abi: integraRecordV1Abi, functionName: "pendingOwnerOf", args: [hash] } as const;
    const lean = await readContractLean(client(), args).catch((error: unknown) => error);
    const viem = await client()
      .readContract(args)
      .catch((error: unknown) => error);
    expect(lean).toBeInstanceOf(ContractFunctionExecutionError);
    const cause = (lean as ContractFunctionExecutionError).cause;
    expect(cause).toBeInstanceOf(ContractFunctionRevertedError);
    expect((cause as ContractFunctionRevertedError).data?.errorName).toBe("RecordNotFound");
    expect((cause as ContractFunctionRevertedError).data?.args).toEqual([hash]);
    expect((cause as ContractFunctionRevertedError).data).toEqual(
      ((viem as ContractFunctionExecutionError).cause as ContractFunctionRevertedError).data,
    );
  });

  it("reads at the block it is given, and at latest otherwise", async () => {
    blockTags.length = 0;
    const args = { address: registry, abi: integraRecordV1Abi, functionName: "getRecord", args: [hash] } as const;
    await readContractLean(client(), { ...args, blockNumber: 255n });
    await readContractLean(client(), args);
    expect(blockTags).toEqual(["0xff", "latest"]);
  });
});

describe("readContractLean's limits", () => {
  it("refuses the parameters it would otherwise ignore (a block hash, an account)", async () => {
    const args = { address: registry, abi: integraRecordV1Abi, functionName: "getRecord", args: [hash] } as const;
    await expect(readContractLean(client(), { ...args, blockHash: `0x${"ab".repeat(32)}` } as typeof args)).rejects.toThrow(/blockHash/);
    await expect(readContractLean(client(), { ...args, account: owner } as typeof args)).rejects.toThrow(/account/);
  });
});
