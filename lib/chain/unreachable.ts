import { BaseError, HttpRequestError, TimeoutError } from "viem";

/**
 * The RPC did not answer at all: the connection failed (refused, reset, no network), it timed out, or the gateway in
 * front of the node says the node is not there (502, 503, 504). A 429 or a JSON-RPC error is an answer: the node is
 * up, so these are not outages and the app does not say it is unreachable.
 */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  const cause = error.walk((e) => e instanceof TimeoutError || e instanceof HttpRequestError);
  if (cause instanceof TimeoutError) return true;
  if (!(cause instanceof HttpRequestError)) return false;
  return cause.status === undefined || cause.status === 502 || cause.status === 503 || cause.status === 504;
}
