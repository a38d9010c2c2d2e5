import { isUnreachable } from "@/lib/chain/unreachable";

/**
 * How every read retries (the query client's default). While the chain is unreachable a read keeps trying, so a
 * page keeps what it showed instead of trading it for an error, and reads resume by themselves when the chain is
 * back (the outage banner says what is going on meanwhile). Anything else is retried three times, then shown.
 */
export function retryRead(failureCount: number, error: unknown): boolean {
  return isUnreachable(error) || failureCount < 3;
}

/** 1, 2, 4 s, then every 4 s: an outage's end is noticed within seconds (the banner's check triggers a refetch sooner). */
export function readRetryDelay(failureCount: number): number {
  return Math.min(1_000 * 2 ** failureCount, 4_000);
}
