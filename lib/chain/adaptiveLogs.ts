import { classifyLogError } from "./logRangeErrors";
import { type LogEndpoint, learnedLogRange, rememberLogRange } from "./logRangeMemory";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryTransient } from "./retryTransient";

/** Blocks [fromBlock, toBlock], both ends inclusive: one eth_getLogs request. */
export interface BlockWindow {
  fromBlock: bigint;
  toBlock: bigint;
}

export interface AdaptiveLogsOptions {
  /** Whose learned window size to start from and update (see logEndpointOf). */
  endpoint: LogEndpoint;
  /** The first window's size in blocks, e.g. a configured cap; 0 or absent: the whole span at once. */
  hint?: bigint;
  retry?: RetryPolicy;
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
 * Windows of a size the provider has accepted are requested this many at a time: behind a cap, a read of a long
 * span is tens of windows, and one after the other each costs a full round trip (50 windows at 150 ms: 7.5 s).
 * The app's and the SDK's HTTP transports batch calls made together, so they usually travel as one request.
 */
export const PARALLEL_WINDOWS = 4;

/**
 * Everything `fetchWindow` returns over [from, to], in block order, in as few requests as the provider allows:
 * one when it has no cap. A window the provider refuses as too wide (see classifyLogError) is halved and
 * retried, down to one block; the size that then worked is remembered for the endpoint, so the next read (by
 * any reader of this process) starts there. A 429 or 5xx is retried with backoff; any other error surfaces.
 *
 * Once a size is known to be accepted, windows of it are requested PARALLEL_WINDOWS at a time, results kept in
 * block order. An error is judged only on a window read alone: one that failed beside others may have failed for
 * their company (a provider that refuses a large batch, or a batch that outlasts the timeout), so it is read again
 * alone, and the rest of this read goes one window at a time. The windows after it are read again too.
 */
export async function readLogsAdaptively<T>(
  from: bigint,
  to: bigint,
  fetchWindow: (window: BlockWindow) => Promise<T[]>,
  options: AdaptiveLogsOptions,
): Promise<AdaptiveLogsResult<T>> {
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const learned = learnedLogRange(options.endpoint);
  let size = startingSize(options.hint ?? 0n, learned);
  // Several windows go out at once only at a size the provider has accepted (in this read, or as learned before),
  // and only until a window fails beside others.
  let accepted = learned !== undefined && size === learned;
  let parallel = true;
  let narrowed = false;
  let requests = 0;
  const items: T[] = [];
  const fetchWithRetries = (window: BlockWindow) =>
    retryTransient(
      () => {
        requests += 1;
        return fetchWindow(window);
      },
      (error) => classifyLogError(error) === "transient",
      retry,
    );

  let start = from;
  reading: while (start <= to) {
    const windows: BlockWindow[] = [];
    const batch = accepted && parallel ? PARALLEL_WINDOWS : 1;
    for (let next = start; next <= to && windows.length < batch;) {
      const end = size > 0n && next + size - 1n < to ? next + size - 1n : to;
      windows.push({ fromBlock: next, toBlock: end });
      next = end + 1n;
    }
    const pages = await Promise.allSettled(windows.map(fetchWithRetries));
    for (const [i, window] of windows.entries()) {
      const page = pages[i];
      if (page.status === "rejected") {
        start = window.fromBlock;
        if (windows.length > 1) {
          parallel = false;
          continue reading;
        }
        if (classifyLogError(page.reason) !== "range") throw page.reason;
        const span = window.toBlock - window.fromBlock + 1n;
        if (span <= 1n) throw new LogWindowRefusedError(window.fromBlock, page.reason);
        size = span / 2n;
        narrowed = true;
        accepted = false;
        continue reading;
      }
      items.push(...page.value);
      if (narrowed) rememberLogRange(options.endpoint, size);
      accepted = true;
      start = window.toBlock + 1n;
    }
  }
  return { items, requests };
}
