import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { http, type Hex, createPublicClient, numberToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logsInWindows } from "./logsInWindows";
import { fetchLogs } from "@/lib/timeline/readTimeline";

/**
 * The app's two log paths against a real HTTP JSON-RPC server through viem's own http transport, so the errors
 * the reader classifies are the ones viem really throws for a 413, a JSON-RPC -32005 and a 429.
 */

const HEAD = 20_000;
const LOG_BLOCKS = [0, 5, 4_999, 5_000, 12_345, 19_999, 20_000];
const CAP = 3_000;

/** How the server refuses a window wider than CAP blocks, or fails the first request. */
type Behaviour = "413" | "-32005" | "429 once" | "invalid params";

let server: Server;
let baseUrl: string;
/** Per test path: the behaviour and the eth_getLogs spans seen. */
const routes = new Map<string, { behaviour: Behaviour; spans: number[]; refused: number }>();

function rpcLog(block: number) {
  const hex = numberToHex(block);
  return {
    address: "0x0000000000000000000000000000000000000001",
    topics: [`0x${"ab".repeat(32)}`],
    data: "0x",
    blockNumber: hex,
    blockHash: `0x${block.toString(16).padStart(64, "0")}`,
    transactionHash: `0x${(block + 1).toString(16).padStart(64, "0")}`,
    transactionIndex: "0x0",
    logIndex: "0x0",
    removed: false,
  };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    request.on("end", () => {
      const route = routes.get(request.url ?? "")!;
      const call = JSON.parse(raw) as { id: number; method: string; params: [{ fromBlock: Hex; toBlock: Hex }] };
      const answer = (result: unknown) => {
        response.writeHead(200, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ jsonrpc: "2.0", id: call.id, result }));
      };
      const error = (status: number, code: number, message: string) => {
        response.writeHead(status, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ jsonrpc: "2.0", id: call.id, error: { code, message } }));
      };
      if (call.method === "eth_blockNumber") return answer(numberToHex(HEAD));
      const from = Number(BigInt(call.params[0].fromBlock));
      const to = Number(BigInt(call.params[0].toBlock));
      route.spans.push(to - from + 1);
      if (route.behaviour === "invalid params") return error(200, -32602, "invalid argument 0: hex string has length 62, want 64");
      if (route.behaviour === "429 once" && route.refused === 0) {
        route.refused += 1;
        response.writeHead(429, { "Content-Type": "text/plain" });
        return response.end("Too Many Requests");
      }
      if (to - from + 1 > CAP && route.behaviour === "413") {
        route.refused += 1;
        response.writeHead(413, { "Content-Type": "text/plain" });
        return response.end("Request Entity Too Large");
      }
      if (to - from + 1 > CAP && route.behaviour === "-32005") {
        route.refused += 1;
        return error(200, -32005, "query returned more than 10000 results");
      }
      answer(LOG_BLOCKS.filter((block) => block >= from && block <= to).map(rpcLog));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A client of its own URL per test, so what one test teaches the reader does not leak into another. */
function clientFor(path: string, behaviour: Behaviour) {
  const route = { behaviour, spans: [] as number[], refused: 0 };
  routes.set(path, route);
  // retryCount 0: viem's own retries would only slow these tests; the adaptive reader retries by itself.
  return { client: createPublicClient({ transport: http(`${baseUrl}${path}`, { retryCount: 0 }) }), route };
}

const filter = { addresses: ["0x0000000000000000000000000000000000000001" as const], fromBlock: 0n };

describe("the app's log readers over viem's http transport", () => {
  it("timeline reader: halves on HTTP 413, reads every log in order, and starts from the learned size the next time", async () => {
    const { client, route } = clientFor("/timeline-413", "413");
    const first = await fetchLogs(client, filter, 0n, BigInt(HEAD), 0n);
    expect(first.logs.map((log) => Number(BigInt(log.blockNumber!)))).toEqual(LOG_BLOCKS);
    // 20,001 -> 10,000 -> 5,000 -> 2,500 blocks.
    expect(route.spans.slice(0, 4)).toEqual([20_001, 10_000, 5_000, 2_500]);
    expect(route.refused).toBe(3);
    expect(first.requests).toBe(route.spans.length);

    route.spans.length = 0;
    route.refused = 0;
    const second = await fetchLogs(client, filter, 0n, BigInt(HEAD), 0n);
    expect(second.logs).toEqual(first.logs);
    expect(route.refused).toBe(0);
    expect(second.requests).toBe(9);
    expect(second.requests).toBeLessThan(first.requests);
  });

  it("dashboard reader (viem getLogs): halves on JSON-RPC -32005, complete and in order", async () => {
    const { client, route } = clientFor("/reads-32005", "-32005");
    const logs = await logsInWindows(client, 0n, ({ fromBlock, toBlock }) => client.getLogs({ fromBlock, toBlock }), 0n);
    expect(logs.map((log) => Number(log.blockNumber))).toEqual(LOG_BLOCKS);
    expect(route.refused).toBe(3);
    expect(Math.max(...route.spans.slice(3))).toBeLessThanOrEqual(CAP);
  });

  it("retries an HTTP 429, then returns the data", async () => {
    const { client, route } = clientFor("/timeline-429", "429 once");
    const { logs, requests } = await fetchLogs(client, filter, 0n, BigInt(HEAD), 0n);
    expect(logs).toHaveLength(LOG_BLOCKS.length);
    expect(requests).toBe(2);
    expect(route.spans).toEqual([20_001, 20_001]);
  });

  it("surfaces an error unrelated to the range at once, after one request", async () => {
    const { client, route } = clientFor("/timeline-invalid", "invalid params");
    await expect(fetchLogs(client, filter, 0n, BigInt(HEAD), 0n)).rejects.toThrow(/hex string has length 62/);
    expect(route.spans).toEqual([20_001]);
  });
});
