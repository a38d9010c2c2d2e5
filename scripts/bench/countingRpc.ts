// Read-side measuring for the "at scale" sections: a viem transport that counts every JSON-RPC call (each entry
// of a JSON-RPC batch counted on its own), the HTTP requests that carried them and the logs eth_getLogs returned,
// optionally refusing eth_getLogs spans above a cap the way hosted providers do (the same rule and words as the e2e
// fault proxy, scripts/stack/rpcProxy.ts); and a median-of-3 timer.
import {
  type Chain,
  type EIP1193RequestFn,
  type Hex,
  type PublicClient,
  type Transport,
  RpcRequestError,
  createPublicClient,
  hexToBigInt,
  http,
} from "viem";
import { type RpcCounts, logRangeRefusal, newCounts } from "../stack/rpcProxy.ts";

interface LogFilterParams {
  fromBlock?: Hex | string;
  toBlock?: Hex | string;
  blockHash?: Hex;
}

function firstParam(params: unknown): LogFilterParams | undefined {
  if (!Array.isArray(params) || typeof params[0] !== "object" || params[0] === null) return undefined;
  return params[0] as LogFilterParams;
}

/**
 * A transport over http(rpcUrl), configured like the app's (JSON-RPC batching, 16 ms wait), that counts into
 * `counts`. With `maxLogRange` > 0, an eth_getLogs spanning more blocks throws as a capped provider does.
 * No retries, so every call counted is one call made.
 */
export function countingTransport(rpcUrl: string, counts: RpcCounts, maxLogRange = 0n): Transport {
  const inner = http(rpcUrl, {
    batch: { wait: 16 },
    retryCount: 0,
    onFetchRequest: () => {
      counts.http += 1;
    },
  });
  return (params) => {
    const transport = inner(params);
    const head = async (): Promise<bigint> => hexToBigInt((await transport.request({ method: "eth_blockNumber" })) as Hex);
    const blockOf = async (tag: string | undefined): Promise<bigint> =>
      tag === undefined || tag === "latest" || tag === "pending" || tag === "safe" || tag === "finalized"
        ? head()
        : tag === "earliest"
          ? 0n
          : hexToBigInt(tag as Hex);

    const request = (async (args, options) => {
      counts.calls += 1;
      counts.byMethod.set(args.method, (counts.byMethod.get(args.method) ?? 0) + 1);
      if (args.method === "eth_getLogs" && maxLogRange > 0n) {
        const filter = firstParam(args.params);
        if (filter && filter.blockHash === undefined) {
          const span = (await blockOf(filter.toBlock)) - (await blockOf(filter.fromBlock)) + 1n;
          const refusal = logRangeRefusal(span, maxLogRange);
          if (refusal) throw new RpcRequestError({ body: { method: args.method, params: args.params }, error: refusal, url: rpcUrl });
        }
      }
      const result: unknown = await transport.request(args, options);
      if (args.method === "eth_getLogs" && Array.isArray(result)) counts.logs += result.length;
      return result;
    }) as EIP1193RequestFn;

    return { ...transport, request };
  };
}

/** A fresh public client (no cached block number) over a counting transport. */
export function countingClient(rpcUrl: string, chain: Chain, counts: RpcCounts, maxLogRange = 0n): PublicClient {
  return createPublicClient({ chain, transport: countingTransport(rpcUrl, counts, maxLogRange) });
}

export interface Measured<T> {
  result: T;
  counts: RpcCounts;
  /** Median wall time of the runs, in ms. */
  ms: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Runs `read` `runs` times, each on a fresh counting client, and returns the last result, its counts and the
 * median time. The counts must be the same on every run (they depend on the chain, not on timing).
 */
export async function measureReads<T>(
  rpcUrl: string,
  chain: Chain,
  read: (client: PublicClient) => Promise<T>,
  maxLogRange = 0n,
  runs = 3,
): Promise<Measured<T>> {
  const times: number[] = [];
  let last: { result: T; counts: RpcCounts } | undefined;
  for (let run = 0; run < runs; run += 1) {
    const counts = newCounts();
    const client = countingClient(rpcUrl, chain, counts, maxLogRange);
    const started = performance.now();
    const result = await read(client);
    times.push(performance.now() - started);
    if (last && last.counts.calls !== counts.calls) {
      throw new Error(`request count changed between runs (${last.counts.calls} then ${counts.calls})`);
    }
    last = { result, counts };
  }
  if (!last) throw new Error("measureReads needs at least one run");
  return { ...last, ms: median(times) };
}

export const ratio = (naive: number, app: number) => `${(naive / app).toFixed(1)}x`;
