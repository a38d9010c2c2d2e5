import type { Address, Hex } from "viem";

/** The relayer's HTTP interface (app/api/relay): shared by the route handler, the app and the SDK. */
export const RELAY_PATH = "/api/relay";

/**
 * The query parameter naming the chain a request is for (`/api/relay?chainId=8453`), beside the body's `chainId`:
 * each served chain has its own relayer, limits and caps. Absent (an older client): the default chain.
 */
export const RELAY_CHAIN_PARAM = "chainId";

/** Why a request was refused: which check, and plain words for the person. Nothing was sent. */
export interface RelayRefusal {
  error: { check: string; message: string };
}

export interface RelayAccepted {
  hash: Hex;
  sponsor: Address;
}

export type RelayResponse = RelayAccepted | RelayRefusal;

/**
 * Who sponsors party calls. `maxBatch`: the most requests one `{ requests }` batch may hold (a relayer without it
 * takes one request per POST).
 */
export type RelayerInfo = { enabled: true; sponsor: Address; chainId: number; maxBatch?: number } | { enabled: false; reason: string };

export function isRefusal(response: RelayResponse): response is RelayRefusal {
  return "error" in response;
}
