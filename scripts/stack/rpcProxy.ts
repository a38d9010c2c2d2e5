// A JSON-RPC proxy in front of a node that counts what passes and can misbehave the way hosted providers and
// networks do: cut every connection (an outage), answer 429 (a rate-limit storm), refuse wide or large eth_getLogs
// (block-range and result caps). The e2e harness puts one in front of anvil for the app (tests switch its faults
// through POST /__faults); the benches' counting transport (scripts/bench/countingRpc.ts) shares its counts and its
// range-cap rule, so "a capped provider" means the same thing in both.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface RpcCounts {
  /** JSON-RPC calls, batch entries counted individually. */
  calls: number;
  /** HTTP requests (one per JSON-RPC batch). */
  http: number;
  /** Logs returned by eth_getLogs calls. */
  logs: number;
  /** Calls per method. */
  byMethod: Map<string, number>;
}

export function newCounts(): RpcCounts {
  return { calls: 0, http: 0, logs: 0, byMethod: new Map() };
}

/** What the proxy does to the JSON-RPC requests it gets (the control path always answers). */
export type Faults =
  | { mode: "pass" }
  /** Every connection is cut without an answer, as a dead node or a lost network looks to a browser. */
  | { mode: "down" }
  /** The next `count` HTTP requests get 429 Too Many Requests; the ones after pass. */
  | { mode: "429"; count: number }
  /** eth_getLogs over more than `maxBlocks` blocks, or returning more than `maxResults` logs, is refused (-32005). */
  | { mode: "range-cap"; maxBlocks: number; maxResults?: number };

/** The faults served since the last setFaults. */
export interface FaultsServed {
  cut: number;
  throttled: number;
  /** eth_getLogs calls refused for their range or their result count. */
  refused: number;
}

export interface JsonRpcError {
  code: number;
  message: string;
}

/** The JSON-RPC error a provider capped at `maxRange` blocks gives for a wider span; undefined when it fits. */
export function logRangeRefusal(span: bigint, maxRange: bigint): JsonRpcError | undefined {
  if (maxRange <= 0n || span <= maxRange) return undefined;
  return { code: -32005, message: `query exceeds max block range ${maxRange} (asked for ${span} blocks)` };
}

/** The JSON-RPC error a provider capped at `maxResults` logs gives for a larger answer (geth's and Infura's words). */
export function logResultRefusal(results: number, maxResults: number): JsonRpcError | undefined {
  if (maxResults <= 0 || results <= maxResults) return undefined;
  return { code: -32005, message: `query returned more than ${maxResults} results` };
}

interface JsonRpcCall {
  jsonrpc: "2.0";
  id: number | string | null;
  method: string;
  params?: unknown[];
}

interface JsonRpcAnswer {
  jsonrpc: "2.0";
  id: number | string | null;
  result?: unknown;
  error?: JsonRpcError;
}

export interface RpcProxy {
  url: string;
  counts: RpcCounts;
  served: FaultsServed;
  setFaults(faults: Faults): void;
  stop(): Promise<void>;
}

/** The path of the control API: POST a Faults object to switch, GET it for the current faults and what they served. */
export const FAULTS_PATH = "/__faults";

// The app calls from another origin (the page), so every answer, 429s included, must let the browser read it: a
// 429 without these headers reaches the app as a network error, not as a 429.
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type",
};

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...CORS, "content-type": "application/json" });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}

const isBlockNumber = (tag: unknown): tag is string => typeof tag === "string" && tag.startsWith("0x");

/** Starts a proxy to the JSON-RPC node at `target` on 127.0.0.1:`port` (0: any free port), passing everything. */
export async function startRpcProxy({ target, port = 0 }: { target: string; port?: number }): Promise<RpcProxy> {
  let faults: Faults = { mode: "pass" };
  const counts = newCounts();
  const served: FaultsServed = { cut: 0, throttled: 0, refused: 0 };

  async function forward(calls: JsonRpcCall[]): Promise<JsonRpcAnswer[]> {
    const answer = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(calls) });
    return (await answer.json()) as JsonRpcAnswer[];
  }

  async function head(): Promise<bigint> {
    const [answer] = await forward([{ jsonrpc: "2.0", id: 0, method: "eth_blockNumber" }]);
    return BigInt(answer.result as string);
  }

  /** The refusal a range-capped provider gives this call before running it, if any. */
  async function refusalBefore(call: JsonRpcCall): Promise<JsonRpcError | undefined> {
    if (faults.mode !== "range-cap" || call.method !== "eth_getLogs") return undefined;
    const filter = (call.params?.[0] ?? {}) as { fromBlock?: unknown; toBlock?: unknown; blockHash?: unknown };
    if (filter.blockHash !== undefined) return undefined;
    const blockOf = async (tag: unknown) => (isBlockNumber(tag) ? BigInt(tag) : tag === "earliest" ? 0n : head());
    const span = (await blockOf(filter.toBlock)) - (await blockOf(filter.fromBlock)) + 1n;
    return logRangeRefusal(span, BigInt(faults.maxBlocks));
  }

  async function answerCalls(calls: JsonRpcCall[]): Promise<JsonRpcAnswer[]> {
    const refusals = await Promise.all(calls.map(refusalBefore));
    const passing = calls.filter((_, i) => refusals[i] === undefined);
    const forwarded = passing.length > 0 ? await forward(passing) : [];
    const byId = new Map(forwarded.map((answer) => [answer.id, answer]));
    return calls.map((call, i): JsonRpcAnswer => {
      const refused = refusals[i];
      if (refused) {
        served.refused += 1;
        return { jsonrpc: "2.0", id: call.id, error: refused };
      }
      const answer = byId.get(call.id) ?? {
        jsonrpc: "2.0",
        id: call.id,
        error: { code: -32603, message: "the node did not answer this call" },
      };
      if (call.method === "eth_getLogs" && Array.isArray(answer.result)) {
        const tooMany = faults.mode === "range-cap" ? logResultRefusal(answer.result.length, faults.maxResults ?? 0) : undefined;
        if (tooMany) {
          served.refused += 1;
          return { jsonrpc: "2.0", id: call.id, error: tooMany };
        }
        counts.logs += answer.result.length;
      }
      return answer;
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === "OPTIONS") {
      if (faults.mode === "down") return void request.socket.destroy();
      response.writeHead(204, CORS);
      return void response.end();
    }
    if (request.url === FAULTS_PATH) {
      if (request.method === "POST") {
        faults = JSON.parse(await readBody(request)) as Faults;
        Object.assign(served, { cut: 0, throttled: 0, refused: 0 });
      }
      return send(response, 200, { faults, served });
    }
    if (faults.mode === "down") {
      served.cut += 1;
      return void request.socket.destroy();
    }
    const body = JSON.parse(await readBody(request)) as JsonRpcCall | JsonRpcCall[];
    const calls = Array.isArray(body) ? body : [body];
    counts.http += 1;
    counts.calls += calls.length;
    for (const call of calls) counts.byMethod.set(call.method, (counts.byMethod.get(call.method) ?? 0) + 1);
    if (faults.mode === "429" && faults.count > 0) {
      faults = { mode: "429", count: faults.count - 1 };
      served.throttled += 1;
      response.writeHead(429, { ...CORS, "content-type": "text/plain", "retry-after": "1" });
      return void response.end("Too Many Requests");
    }
    const answers = await answerCalls(calls);
    send(response, 200, Array.isArray(body) ? answers : answers[0]);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // The node itself failed to answer (stopped, or restarting): the client sees a gateway error, as it would.
      if (!response.headersSent) send(response, 502, { jsonrpc: "2.0", id: null, error: { code: -32603, message: String(error) } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    served,
    setFaults(next) {
      faults = next;
      Object.assign(served, { cut: 0, throttled: 0, refused: 0 });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
