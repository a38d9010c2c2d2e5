/**
 * A sliding-window limit: at most `limit` events per `windowMs` for each key. In memory, per server process;
 * a deployment with several relayer processes gives each its own share.
 */
export class RateLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one event for `key` and returns true, or returns false (counting nothing) when over the limit. */
  take(key: string): boolean {
    const recent = this.recent(key);
    if (recent.length >= this.limit) return false;
    recent.push(this.now());
    this.events.set(key, recent);
    return true;
  }

  /** Seconds until `key` may act again (0 when it may now). */
  retryAfterSeconds(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[0] + this.windowMs - this.now()) / 1000));
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.events.get(key) ?? []).filter((t) => t > since);
    if (recent.length === 0) this.events.delete(key);
    return recent;
  }
}
