import type { Address, Hex } from "viem";

/** The relayer's HTTP interface (app/api/relay): shared by the route handler, the app and the SDK. */
export const RELAY_PATH = "/api/relay";

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
