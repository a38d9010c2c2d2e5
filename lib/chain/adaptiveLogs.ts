import { classifyLogError } from "./logRangeErrors";
import { type LogEndpoint, learnedLogRange, rememberLogRange } from "./logRangeMemory";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryTransient } from "./retryTransient";

/** Blocks [fromBlock, toBlock], both ends inclusive: one eth_getLogs request. */
export interface BlockWindow {
  fromBlock: bigint;
  toBlock: bigint;
}

export interface AdaptiveLogsOptions<T = unknown> {
  /** Whose learned window size to start from and update (see logEndpointOf). */
  endpoint: LogEndpoint;
  /** The first window's size in blocks, e.g. a configured cap; 0 or absent: the whole span at once. */
  hint?: bigint;
  retry?: RetryPolicy;
  /**
   * Stop reading once this holds for what was read so far (checked after each window): a reader that needs only
   * the earliest log need not walk the rest of the chain, window by window, behind a capped provider.
   */
  enough?: (items: readonly T[]) => boolean;
}

export interface AdaptiveLogsResult<T> {
  items: T[];
  /** Requests made, refused and retried ones included. */
  requests: number;
}

/** The provider refused even a one-block window: no window size can read this range. */
export class LogWindowRefusedError extends Error {
  override name = "LogWindowRefusedError";
  constructor(
    readonly block: bigint,
    override readonly cause: unknown,
  ) {
    // viem keeps the provider's own words in `details`; its `shortMessage` is generic ("Missing or invalid parameters.").
    const { details, shortMessage, message } = cause as { details?: string; shortMessage?: string; message?: string };
    const reason = details || shortMessage || message || String(cause);
    super(`The RPC refuses eth_getLogs even for the single block ${block}, so these events cannot be read from it: ${reason}`);
  }
}

/** The positive one of the sizes, or the smaller when both are; 0 when neither (no cap known). */
function startingSize(hint: bigint, learned: bigint | undefined): bigint {
  if (learned === undefined) return hint > 0n ? hint : 0n;
  return hint > 0n && hint < learned ? hint : learned;
}

/**
 * Everything `fetchWindow` returns over [from, to], in block order, in as few requests as the provider allows:
 * one when it has no cap. A window the provider refuses as too wide (see classifyLogError) is halved and
 * retried, down to one block; the size that then worked is remembered for the endpoint, so the next read (by
 * any reader of this process) starts there. A 429 or 5xx is retried with backoff; any other error surfaces.
 */
export async function readLogsAdaptively<T>(
  from: bigint,
  to: bigint,
  fetchWindow: (window: BlockWindow) => Promise<T[]>,
  options: AdaptiveLogsOptions<T>,
): Promise<AdaptiveLogsResult<T>> {
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  let size = startingSize(options.hint ?? 0n, learnedLogRange(options.endpoint));
  let narrowed = false;
  let requests = 0;
  const items: T[] = [];
  for (let start = from; start <= to;) {
    const end = size > 0n && start + size - 1n < to ? start + size - 1n : to;
    const window = { fromBlock: start, toBlock: end };
    let page: T[];
    try {
      page = await retryTransient(
        () => {
          requests += 1;
          return fetchWindow(window);
        },
        (error) => classifyLogError(error) === "transient",
        retry,
      );
    } catch (error) {
      if (classifyLogError(error) !== "range") throw error;
      const span = end - start + 1n;
      if (span <= 1n) throw new LogWindowRefusedError(start, error);
      size = span / 2n;
      narrowed = true;
      continue;
    }
    items.push(...page);
    if (narrowed) rememberLogRange(options.endpoint, size);
    if (options.enough?.(items)) break;
    start = end + 1n;
  }
  return { items, requests };
}
