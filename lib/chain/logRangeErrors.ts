/**
 * What a failed eth_getLogs means for the next attempt:
 * - "range": the provider refuses this window (too many blocks, too many results, too large a response): a
 *   narrower window will do;
 * - "transient": the provider is overloaded or briefly unreachable (429, 5xx, no response at all): the same
 *   request a moment later will do;
 * - "other": anything else (a bad filter, a revert, a timeout): retrying the same request would not help.
 */
export type LogErrorKind = "range" | "transient" | "other";

/**
 * Words providers use to refuse a window, seen in the wild: "query returned more than 10000 results" (Infura,
 * geth's own limit), "Log response size exceeded" (Alchemy), "block range is too wide" (Ankr), "exceed maximum
 * block range: 10000" (BSC and other geth forks), "eth_getLogs is limited to a 10,000 range" (QuickNode),
 * "block range too large", "query timeout exceeded, consider reducing your block range".
 */
const RANGE_WORDS: RegExp[] = [
  /more than [\d,]+ (results|logs)/i,
  /response size (is |was )?(exceed|too large|larger)/i,
  /response (is )?too (large|big)/i,
  /block range/i,
  /range (is )?too (wide|large|big)/i,
  /limited to a? ?[\d,]+ ?(blocks? )?range/i,
  /max(imum)? (block )?range/i,
  /too many (results|logs|blocks)/i,
  /exceeds? (the )?max(imum)? (number of )?(results|logs)/i,
];

/** geth's answer to fromBlock > toBlock: a bad request, whatever the window's size. */
const BAD_RANGE_WORDS = /invalid block range/i;

/** Rate limits that some providers send with a code that otherwise means "too much" (-32005). */
const RATE_LIMIT_WORDS = /rate.?limit|too many requests|requests? limit reached|request count exceeded|per second/i;

/** JSON-RPC "limit exceeded" (EIP-1474): Infura's "more than 10000 results", among others. */
const LIMIT_EXCEEDED_CODE = -32005;
/** QuickNode's rate limit code. */
const QUICKNODE_RATE_LIMIT_CODE = -32007;

interface ErrorFacts {
  /** Every error `name` along the cause chain. */
  names: string[];
  /** HTTP status of the response, when the error came from one. */
  status: number | undefined;
  /** Every numeric `code` along the cause chain (viem wraps the node's error: LimitExceededRpcError > RpcRequestError). */
  codes: number[];
  /** Every message, short message and detail along the cause chain. */
  text: string;
}

/** Reads the facts from the error and its causes, however deeply viem wrapped them. */
function factsOf(error: unknown): ErrorFacts {
  let status: number | undefined;
  const names: string[] = [];
  const codes: number[] = [];
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 10 && typeof current === "object" && current !== null; depth++) {
    const fields = current as {
      name?: unknown;
      status?: unknown;
      code?: unknown;
      message?: unknown;
      shortMessage?: unknown;
      details?: unknown;
      cause?: unknown;
    };
    if (typeof fields.name === "string") names.push(fields.name);
    if (status === undefined && typeof fields.status === "number") status = fields.status;
    if (typeof fields.code === "number") codes.push(fields.code);
    for (const text of [fields.message, fields.shortMessage, fields.details]) if (typeof text === "string") texts.push(text);
    current = fields.cause;
  }
  if (typeof current === "string") texts.push(current);
  return { names, status, codes, text: texts.join("\n") };
}

/** Classifies an eth_getLogs failure as viem surfaces it (or any error with the same fields). */
export function classifyLogError(error: unknown): LogErrorKind {
  const { names, status, codes, text } = factsOf(error);
  if (!BAD_RANGE_WORDS.test(text) && RANGE_WORDS.some((words) => words.test(text))) return "range";
  // 413 Request Entity Too Large: the response (the window's logs) was too large to send.
  if (status === 413) return "range";
  if (status === 429 || codes.includes(429) || codes.includes(QUICKNODE_RATE_LIMIT_CODE) || RATE_LIMIT_WORDS.test(text)) {
    return "transient";
  }
  if (codes.includes(LIMIT_EXCEEDED_CODE)) return "range";
  if (status !== undefined && status >= 500 && status <= 599) return "transient";
  // viem's HttpRequestError without a status or a JSON-RPC code: the request got no answer (connection refused
  // or reset). A timeout (TimeoutError) is left out: a window too slow to answer would only time out again.
  if (names.includes("HttpRequestError") && status === undefined && codes.length === 0) return "transient";
  return "other";
}
