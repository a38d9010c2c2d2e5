import { PlainWordsError } from "@/lib/errors/plainWordsError";
import type { SignedForwardRequest } from "@/lib/forwarder/forwardRequest";
import { toWire } from "@/lib/forwarder/forwardRequest";
import { type RelayAccepted, type RelayResponse, type RelayerInfo, RELAY_CHAIN_PARAM, RELAY_PATH, isRefusal } from "./relayApi";

/**
 * The relayer said no: `check` names the check that failed, `message` says why in words. `retryAfter` (seconds) is
 * the relayer's Retry-After, on the refusals that pass with time (a rate limit, a busy or unreachable chain).
 */
export class RelayRefusedError extends PlainWordsError {
  constructor(
    readonly check: string,
    message: string,
    readonly retryAfter?: number,
  ) {
    super("The relayer refused", message);
    this.name = "RelayRefusedError";
  }
}

/**
 * Posts a signed request to the relayer at `baseUrl` (the app's origin) for chain `chainId` (the chain it was signed
 * for; absent: the relayer's default chain); resolves with the transaction hash.
 */
export function submitToRelayer(baseUrl: string, request: SignedForwardRequest, chainId?: number): Promise<RelayAccepted> {
  return post(baseUrl, chainId, { request: toWire(request) });
}

/**
 * Posts one signer's signed requests, nonces in order, as one batch (the forwarder's executeBatch: one transaction,
 * all or none). The relayer must say it takes batches (RelayerInfo.maxBatch) of at least this many.
 */
export function submitBatchToRelayer(baseUrl: string, requests: readonly SignedForwardRequest[], chainId?: number): Promise<RelayAccepted> {
  return post(baseUrl, chainId, { requests: requests.map(toWire) });
}

/**
 * The relayer's address for chain `chainId`: the chain goes in the query too, so the relayer knows whose limits a
 * request counts against before it reads the body.
 */
function relayUrl(baseUrl: string, chainId: number | undefined): URL {
  const url = new URL(RELAY_PATH, baseUrl);
  if (chainId !== undefined) url.searchParams.set(RELAY_CHAIN_PARAM, String(chainId));
  return url;
}

async function post(baseUrl: string, chainId: number | undefined, body: Record<string, unknown>): Promise<RelayAccepted> {
  let response: Response;
  try {
    response = await fetch(relayUrl(baseUrl, chainId), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(chainId === undefined ? body : { chainId, ...body }),
    });
  } catch {
    throw new RelayRefusedError(
      "unreachable",
      "The relayer could not be reached. Nothing was sent; try again, or send a signed link to the clerk.",
    );
  }
  const answer = (await response.json().catch(() => undefined)) as RelayResponse | undefined;
  if (!answer) throw new RelayRefusedError("format", `The relayer answered ${response.status} without a reason. Nothing was sent.`);
  if (isRefusal(answer)) throw new RelayRefusedError(answer.error.check, answer.error.message, retryAfterOf(response));
  return answer;
}

/** The Retry-After header in seconds (the relayer sends whole seconds), or undefined. */
function retryAfterOf(response: Response): number | undefined {
  const text = response.headers.get("retry-after");
  const value = text === null ? Number.NaN : Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Who sponsors party calls at `baseUrl` on chain `chainId` (absent: the relayer's default chain). */
export async function fetchRelayerInfo(baseUrl: string, chainId?: number): Promise<RelayerInfo> {
  try {
    const response = await fetch(relayUrl(baseUrl, chainId));
    if (!response.ok) return { enabled: false, reason: `The relayer answered ${response.status}.` };
    return (await response.json()) as RelayerInfo;
  } catch {
    return { enabled: false, reason: "The relayer could not be reached." };
  }
}
