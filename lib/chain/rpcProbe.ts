import { RPC_URL } from "@/lib/config/appChain";

/** As long as viem's HTTP transport waits by default. */
const PROBE_TIMEOUT_MS = 10_000;

/**
 * The outage probe got no answer: the connection failed (`status` undefined), it timed out, or the RPC answered with
 * an HTTP error status (isUnreachable judges which of these are outages, as it does viem's errors).
 */
export class RpcProbeError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly timedOut: boolean,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = "RpcProbeError";
  }
}

/**
 * eth_blockNumber with a plain fetch: the layout's outage probe runs on every page from first paint, and a JSON-RPC
 * call needs none of viem's client, transport and error code. A JSON-RPC error is an answer (a plain Error).
 */
export async function probeBlockNumber(url = RPC_URL): Promise<bigint> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const message = timedOut
      ? `The RPC at ${url} did not answer within ${PROBE_TIMEOUT_MS / 1000} s.`
      : `Could not reach the RPC at ${url}.`;
    throw new RpcProbeError(message, undefined, timedOut, { cause: error });
  }
  if (!response.ok) throw new RpcProbeError(`The RPC at ${url} answered HTTP ${response.status}.`, response.status, false);
  const body = (await response.json()) as { result?: unknown; error?: { message?: string } };
  if (typeof body.result !== "string") throw new Error(body.error?.message ?? "The RPC answered eth_blockNumber without a block number.");
  return BigInt(body.result);
}
