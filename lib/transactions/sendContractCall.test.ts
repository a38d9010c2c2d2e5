import { type Address, type Hash, type Hex, createPublicClient, encodeErrorResult, http, pad, toHex } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import { integraCalls } from "@/lib/writes";
import { appChain } from "@/lib/config/appChain";
import { forwarder, integraErrorsAbi, multiPartyTokenizer } from "@/lib/contracts";
import { DROP_AFTER_MS } from "./transactionOutcome";
import { type SendOptions, type SendProgress, sendContractCall } from "./sendContractCall";
import { IntegraWriteError } from "./writeError";
import type { WriteSigner } from "./writeSigner";

const SENDER = "0x976EA74026E726554dB657fA54763abd0C3a0aa9" as Address;
const SPONSOR = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955" as Address;
const HASH = `0x${"cd".repeat(32)}` as Hash;
const RELAYER = "http://app.test";
const record = `0x${"ab".repeat(32)}` as Hex;

const claimCall = integraCalls.claimToken({
  integraHash: record,
  tokenizer: multiPartyTokenizer.address,
  tokenId: 1n,
  uid: record,
  processHash: record,
});
const ownerCall = integraCalls.offerExecutor({ integraHash: record, candidate: SPONSOR });

/** What the fake node knows: the sender's balance, whether calls revert, and the sent transaction's fate. */
interface Node {
  balance: bigint;
  revert?: Hex;
  /** The sent transaction: mined (a receipt), pending (in the pool), or gone (neither). */
  transaction: "mined" | "pending" | "gone";
  /** Looks at the chain that go unanswered (HTTP 503) before it answers again. */
  downFor?: number;
}

/** A public client over a node that answers as anvil would, from `node`. */
function clientOf(node: Node) {
  const answer = (method: string, params: unknown[]): unknown => {
    switch (method) {
      case "eth_chainId":
        return toHex(appChain.id);
      case "eth_blockNumber":
        return "0x7";
      case "eth_getBalance":
        return toHex(node.balance);
      case "eth_call":
      case "eth_estimateGas": {
        if (node.revert) throw { code: 3, message: "execution reverted", data: node.revert };
        const { to } = params[0] as { to: Address };
        // The forwarder's nonce for the sender (a forward request's preparation reads it).
        if (method === "eth_call") return to.toLowerCase() === forwarder.address.toLowerCase() ? pad("0x0") : "0x";
        return "0x186a0";
      }
      case "eth_getBlockByNumber":
        return { number: "0x7", hash: `0x${"07".repeat(32)}`, timestamp: "0x65000000", transactions: [], baseFeePerGas: "0x1" };
      case "eth_getTransactionReceipt":
        return node.transaction === "mined" ? receipt : null;
      case "eth_getTransactionByHash":
        return node.transaction === "pending"
          ? { hash: HASH, from: SENDER, nonce: "0x4", to: ownerCall.to, input: "0x", value: "0x0" }
          : null;
      case "eth_getTransactionCount":
        return "0x4";
    }
    throw { code: -32601, message: `${method} is not answered here` };
  };
  return createPublicClient({
    chain: appChain,
    transport: http("http://node.test", {
      retryCount: 0,
      fetchFn: async (_url, init) => {
        if (node.downFor) {
          node.downFor -= 1;
          return new Response("bad gateway", { status: 503 });
        }
        const request = JSON.parse(String(init?.body)) as { id: number; method: string; params: unknown[] };
        let body: object;
        try {
          body = { jsonrpc: "2.0", id: request.id, result: answer(request.method, request.params) };
        } catch (error) {
          body = { jsonrpc: "2.0", id: request.id, error };
        }
        return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
      },
    }),
  });
}

const receipt = {
  transactionHash: HASH,
  blockHash: `0x${"07".repeat(32)}`,
  blockNumber: "0x7",
  transactionIndex: "0x0",
  from: SENDER,
  to: ownerCall.to,
  status: "0x1",
  gasUsed: "0x5208",
  cumulativeGasUsed: "0x5208",
  effectiveGasPrice: "0x1",
  contractAddress: null,
  logs: [],
  logsBloom: `0x${"00".repeat(256)}`,
  type: "0x2",
};

/** A signer that records what it was asked to do. */
function signerOf() {
  const asked: string[] = [];
  const signer: WriteSigner = {
    address: SENDER,
    sendTransaction: async () => {
      asked.push("send");
      return HASH;
    },
    signTypedData: async () => {
      asked.push("sign");
      return `0x${"11".repeat(65)}`;
    },
    signPermit: async () => {
      asked.push("permit");
      return `0x${"11".repeat(65)}`;
    },
  };
  return { signer, asked };
}

/** The app's relayer at RELAYER: its info, and its acceptance of every request; `asked` lists what it was asked. */
function relayerAnswering(enabled: boolean) {
  const asked: string[] = [];
  vi.stubGlobal("fetch", async (_url: URL, init?: RequestInit) => {
    asked.push(init?.method ?? "GET");
    if (init?.method === "POST") return Response.json({ hash: HASH, sponsor: SPONSOR });
    return Response.json(enabled ? { enabled: true, sponsor: SPONSOR, chainId: appChain.id } : { enabled: false, reason: "Off." });
  });
  return asked;
}

/** A relayer enabled on chain `sponsorsOn`, keeping every address it was asked at and every body posted to it. */
function relayerRecording(sponsorsOn: number) {
  const urls: string[] = [];
  const posted: unknown[] = [];
  vi.stubGlobal("fetch", async (url: URL, init?: RequestInit) => {
    urls.push(String(url));
    if (init?.method !== "POST") return Response.json({ enabled: true, sponsor: SPONSOR, chainId: sponsorsOn });
    posted.push(JSON.parse(String(init.body)));
    return Response.json({ hash: HASH, sponsor: SPONSOR });
  });
  return { urls, posted };
}

/** Sends `call` and lists the phases heard (each once, in order), what the signer did, and how it ended. */
async function run(node: Node, call = ownerCall, options: Partial<SendOptions> = {}) {
  const { signer, asked } = signerOf();
  const phases: SendProgress[] = [];
  const sent: Hash[] = [];
  const result = await sendContractCall({ client: clientOf(node), signer }, call, {
    payer: "wallet",
    pollMs: 1,
    ...options,
    onProgress: (progress) => phases.push(progress),
    onSent: ({ hash }) => sent.push(hash),
  }).then(
    (outcome) => ({ outcome, error: undefined }),
    (error: unknown) => ({ outcome: undefined, error }),
  );
  const names = phases.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1]);
  return { ...result, phases, names, asked, sent };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("sendContractCall from the wallet", () => {
  it("checks, asks the wallet, then follows the transaction until it is mined", async () => {
    const { outcome, names, asked, sent } = await run({ balance: 10n, transaction: "mined" });
    expect(names).toEqual(["checking", "awaiting-signature", "mining"]);
    expect(asked).toEqual(["send"]);
    expect(sent).toEqual([HASH]);
    expect(outcome).toMatchObject({ kind: "mined", hash: HASH, paidBy: "wallet", receipt: { status: "success" } });
  });

  it("refuses a call that would revert in the contract's words, before the wallet is asked", async () => {
    const revert = encodeErrorResult({ abi: integraErrorsAbi, errorName: "NotRecordOwner", args: [record, SENDER] });
    const { error, names, asked } = await run({ balance: 10n, revert, transaction: "mined" });
    expect(error).toBeInstanceOf(IntegraWriteError);
    expect(error).toMatchObject({ code: "NotRecordOwner", message: "Only the record's owner can do this." });
    expect(names).toEqual(["checking"]);
    expect(asked).toEqual([]);
  });

  it("tells a sender with no ether so before it signs, and how a sponsored call could still be made", async () => {
    const own = await run({ balance: 0n, transaction: "mined" });
    expect(own.error).toMatchObject({
      code: "NoEther",
      message: `${SENDER} holds no ether to pay the network fee. Fund it first: no relayer pays for this call.`,
    });
    expect(own.asked).toEqual([]);
    const sponsored = await run({ balance: 0n, transaction: "mined" }, claimCall);
    expect(sponsored.error).toMatchObject({ code: "NoEther", message: expect.stringContaining("have a relayer pay") });
  });

  it("says while mining whether the chain answers, and waits through an outage", async () => {
    const node: Node = { balance: 10n, transaction: "mined" };
    const { signer } = signerOf();
    const heard: SendProgress[] = [];
    const ended = await sendContractCall({ client: clientOf(node), signer }, ownerCall, {
      payer: "wallet",
      pollMs: 1,
      // The chain stops answering once the transaction is sent.
      onSent: () => (node.downFor = 3),
      onProgress: (progress) => heard.push(progress),
    });
    expect(ended.kind).toBe("mined");
    const mining = heard.flatMap((p) => (p.phase === "mining" ? [p.chainUnreachable] : []));
    expect(mining).toContain(true);
    expect(mining.at(-1)).toBe(false);
  });

  it("refuses a call built for another chain than its client reads, before anything is asked", async () => {
    const { error, names, asked, sent } = await run({ balance: 10n, transaction: "mined" }, { ...ownerCall, chainId: appChain.id + 1 });
    expect(error).toBeInstanceOf(IntegraWriteError);
    expect(error).toMatchObject({ code: "WrongChain", message: expect.stringContaining(`This call is for chain ${appChain.id + 1}`) });
    expect(names).toEqual(["checking"]);
    expect(asked).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("asks the wallet to send on the call's chain", async () => {
    const chains: number[] = [];
    const { signer } = signerOf();
    await sendContractCall(
      {
        client: clientOf({ balance: 10n, transaction: "mined" }),
        signer: {
          ...signer,
          sendTransaction: async ({ chainId }) => {
            chains.push(chainId);
            return HASH;
          },
        },
      },
      ownerCall,
      { payer: "wallet", pollMs: 1 },
    );
    expect(chains).toEqual([appChain.id]);
  });

  it("ends with 'dropped' when the node forgets the transaction and its nonce stays free", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    const node: Node = { balance: 10n, transaction: "pending" };
    const { signer } = signerOf();
    const sending = sendContractCall({ client: clientOf(node), signer }, ownerCall, { payer: "wallet", pollMs: 1_000 });
    await vi.advanceTimersByTimeAsync(2_000);
    node.transaction = "gone";
    await vi.advanceTimersByTimeAsync(DROP_AFTER_MS + 2_000);
    expect(await sending).toMatchObject({ kind: "dropped", hash: HASH, paidBy: "wallet" });
  });
});

describe("sendContractCall through the relayer", () => {
  it("auto relays a sponsored call from a wallet with no ether: signed, relayed, and mined with the sponsor named", async () => {
    const relayer = relayerAnswering(true);
    const { outcome, names, asked } = await run({ balance: 0n, transaction: "mined" }, claimCall, { payer: "auto", relayer: RELAYER });
    expect(names).toEqual(["checking", "awaiting-signature", "relaying", "mining"]);
    expect(asked).toEqual(["sign"]);
    expect(relayer).toEqual(["GET", "POST"]);
    expect(outcome).toMatchObject({ kind: "mined", paidBy: "relayer", sponsor: SPONSOR });
  });

  it("auto leaves a wallet with ether, or a call no relayer sponsors, to the wallet without asking the relayer", async () => {
    const relayer = relayerAnswering(true);
    expect((await run({ balance: 10n, transaction: "mined" }, claimCall, { payer: "auto", relayer: RELAYER })).outcome?.paidBy).toBe(
      "wallet",
    );
    expect((await run({ balance: 10n, transaction: "mined" }, ownerCall, { payer: "auto", relayer: RELAYER })).outcome?.paidBy).toBe(
      "wallet",
    );
    expect(relayer).toEqual([]);
  });

  it("auto with the relayer off leaves the fee to the wallet, which is told it holds no ether", async () => {
    relayerAnswering(false);
    const { error, asked } = await run({ balance: 0n, transaction: "mined" }, claimCall, { payer: "auto", relayer: RELAYER });
    expect(error).toMatchObject({ code: "NoEther" });
    expect(asked).toEqual([]);
  });

  it("refuses a call that would revert before the party signs anything", async () => {
    const revert = encodeErrorResult({ abi: integraErrorsAbi, errorName: "NotRecordOwner", args: [record, SENDER] });
    const relayer = relayerAnswering(true);
    const { error, asked } = await run({ balance: 0n, revert, transaction: "mined" }, claimCall, { payer: "relayer", relayer: RELAYER });
    expect(error).toMatchObject({ code: "NotRecordOwner" });
    expect(asked).toEqual([]);
    expect(relayer).toEqual([]);
  });

  it("asks the relayer for the call's chain, and names that chain in the address and the body it posts", async () => {
    const { urls, posted } = relayerRecording(appChain.id);
    const { outcome } = await run({ balance: 0n, transaction: "mined" }, claimCall, { payer: "auto", relayer: RELAYER });
    expect(outcome).toMatchObject({ paidBy: "relayer" });
    expect(urls).toEqual([`${RELAYER}/api/relay?chainId=${appChain.id}`, `${RELAYER}/api/relay?chainId=${appChain.id}`]);
    expect(posted).toEqual([expect.objectContaining({ chainId: appChain.id, request: expect.objectContaining({ to: claimCall.to }) })]);
  });

  it("does not count on a relayer that sponsors on another chain than the call's", async () => {
    const { posted } = relayerRecording(appChain.id + 1);
    const { error, asked } = await run({ balance: 0n, transaction: "mined" }, claimCall, { payer: "auto", relayer: RELAYER });
    expect(error).toMatchObject({ code: "NoEther" });
    expect(asked).toEqual([]);
    expect(posted).toEqual([]);
  });

  it("says so when the relayer is to pay and none was named", async () => {
    const { error } = await run({ balance: 0n, transaction: "mined" }, claimCall, { payer: "relayer" });
    expect(error).toMatchObject({ code: "NoRelayer" });
  });
});
