/** How a request that failed for a passing reason (429, 5xx) is tried again. */
export interface RetryPolicy {
  /** Tries after the first one; then the last error surfaces. */
  retries: number;
  /** The wait before the first retry, doubled for each next one (before jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected so tests run without waiting. */
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1): spreads the waits so clients refused together do not come back together. */
  random: () => number;
}

/** At most 2.8 s of waiting in all (0.4 + 0.8 + 1.6 s, each jittered down to as little as half), close to viem's own. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 3,
  baseDelayMs: 400,
  maxDelayMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The wait before retry number `retry` (0-based): exponential, capped, with "equal jitter" (half fixed, half random). */
export function backoffDelayMs(retry: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs" | "random">): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return ceiling / 2 + policy.random() * (ceiling / 2);
}

/** Runs `attempt`, retrying with backoff while it fails in a way `isTransient` accepts, at most `policy.retries` times. */
export async function retryTransient<T>(
  attempt: () => Promise<T>,
  isTransient: (error: unknown) => boolean,
  policy: RetryPolicy,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (retry >= policy.retries || !isTransient(error)) throw error;
      await policy.sleep(backoffDelayMs(retry, policy));
    }
  }
}
