import { HttpRequestError, InvalidInputRpcError, InvalidParamsRpcError, LimitExceededRpcError, RpcRequestError, TimeoutError } from "viem";

/**
 * Errors shaped exactly as viem's http transport surfaces a provider's refusals (utils/rpc/http.ts builds the
 * RpcRequestError or HttpRequestError, utils/buildRequest.ts wraps a known JSON-RPC code in its RpcError class).
 * Shared by the classifier's and the adaptive reader's tests.
 */
const url = "https://rpc.example/v1/key";
const body = { jsonrpc: "2.0", id: 1, method: "eth_getLogs", params: [{ fromBlock: "0x0", toBlock: "0x2710" }] };

/** A JSON-RPC error answered in a 200 response (or with `status`, as some providers do), wrapped as buildRequest does. */
function rpcError(code: number, message: string, status?: number): Error {
  const cause = new RpcRequestError({ body, error: { code, message }, url, status });
  switch (code) {
    case -32000:
      return new InvalidInputRpcError(cause);
    case -32602:
      return new InvalidParamsRpcError(cause);
    case -32005:
      return new LimitExceededRpcError(cause);
    default:
      return cause;
  }
}

/** A non-JSON error response: viem's HttpRequestError with the status and the status text as details. */
function httpError(status: number, details: string): Error {
  return new HttpRequestError({ body, details, status, url });
}

/** The refusals of a window that is too wide, as providers send them. */
export const rangeRefusals: Record<string, () => Error> = {
  "Infura: -32005 query returned more than 10000 results": () => rpcError(-32005, "query returned more than 10000 results"),
  "geth fork: -32000 exceed maximum block range: 10000": () => rpcError(-32000, "exceed maximum block range: 10000"),
  "Ankr: -32000 block range is too wide": () => rpcError(-32000, "block range is too wide"),
  "Alchemy: -32602 Log response size exceeded": () =>
    rpcError(
      -32602,
      "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response.",
    ),
  "QuickNode: -32614 eth_getLogs is limited to a 10,000 range": () => rpcError(-32614, "eth_getLogs is limited to a 10,000 range"),
  "bare -32005 limit exceeded": () => rpcError(-32005, "limit exceeded"),
  "HTTP 413 Request Entity Too Large": () => httpError(413, "Request Entity Too Large"),
};

/** Refusals that say "later", not "narrower". */
export const transientRefusals: Record<string, () => Error> = {
  "HTTP 429 Too Many Requests": () => httpError(429, "Too Many Requests"),
  "HTTP 429 with a JSON-RPC body": () => rpcError(-32005, "daily request count exceeded, request rate limited", 429),
  "JSON-RPC 429 in a 200 (Alchemy batch)": () => rpcError(429, "Your app has exceeded its compute units per second capacity."),
  "-32005 rate limited in a 200": () => rpcError(-32005, "project ID request rate exceeded, rate limit reached"),
  "QuickNode -32007": () => rpcError(-32007, "15/second request limit reached - reduce calls per second or upgrade your account"),
  "HTTP 500": () => httpError(500, "Internal Server Error"),
  "HTTP 502": () => httpError(502, "Bad Gateway"),
  "HTTP 503": () => httpError(503, "Service Unavailable"),
  "no answer (connection refused)": () => new HttpRequestError({ body, url, cause: new TypeError("fetch failed") }),
};

/** Errors no window size or wait would cure. */
export const otherErrors: Record<string, () => Error> = {
  "-32000 execution reverted": () => rpcError(-32000, "execution reverted"),
  "-32602 invalid params (a malformed topic)": () =>
    rpcError(-32602, "invalid argument 0: hex string has length 62, want 64 for common.Hash"),
  "-32602 fromBlock after toBlock": () => rpcError(-32602, "invalid params: fromBlock is greater than toBlock"),
  "geth: -32000 invalid block range params": () => rpcError(-32000, "invalid block range params"),
  "HTTP 401 Unauthorized": () => httpError(401, "Unauthorized"),
  "viem TimeoutError": () => new TimeoutError({ body, url }),
  "a plain Error": () => new Error("something else broke"),
};
