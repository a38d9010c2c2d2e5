import {
  BaseError,
  ExecutionRevertedError,
  HttpRequestError,
  InternalRpcError,
  LimitExceededRpcError,
  ResourceUnavailableRpcError,
  SocketClosedError,
  TimeoutError,
  UnknownRpcError,
  WebSocketRequestError,
} from "viem";

/**
 * Whether an error means the node gave no verdict: it could not be reached, timed out, was rate-limited or failed
 * inside. Such an answer says nothing about the request, so it must never be read as "would revert" (a refusal the
 * party cannot fix), "no receipt" (a mined transaction counted as free) or "not sent" (a send that may have gone
 * through). A revert, even one wrapped in any of these, is a verdict.
 */
export function isRpcFailure(error: unknown): boolean {
  if (!(error instanceof BaseError)) return !(error instanceof Error && /revert/i.test(error.message));
  let reverted = false;
  let failed = false;
  error.walk((cause) => {
    if (cause instanceof ExecutionRevertedError) reverted = true;
    if (
      cause instanceof HttpRequestError ||
      cause instanceof TimeoutError ||
      cause instanceof SocketClosedError ||
      cause instanceof WebSocketRequestError ||
      cause instanceof LimitExceededRpcError ||
      cause instanceof ResourceUnavailableRpcError ||
      cause instanceof InternalRpcError ||
      // A transport that threw something other than a JSON-RPC answer (viem wraps it as code -1).
      cause instanceof UnknownRpcError ||
      // Rate limits some providers send in a JSON-RPC body (429, QuickNode's -32007).
      (typeof (cause as { code?: unknown }).code === "number" && [429, -32007].includes((cause as { code: number }).code))
    )
      failed = true;
    return false;
  });
  return failed && !reverted;
}
