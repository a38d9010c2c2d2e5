import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rateLimiter";
import { SpendLedger } from "./spendLedger";

describe("RateLimiter", () => {
  it("allows `limit` events per window per key, then refuses until the oldest leaves the window", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, 60_000, () => now);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([true, true, true]);
    expect(limiter.take("a")).toBe(false);
    expect(limiter.take("b")).toBe(true);
    expect(limiter.retryAfterSeconds("a")).toBe(60);
    now += 59_999;
    expect(limiter.take("a")).toBe(false);
    now += 1;
    expect(limiter.take("a")).toBe(true);
    expect(limiter.retryAfterSeconds("b")).toBe(0);
  });

  it("does not count refused events", () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1_000, () => now);
    expect(limiter.take("a")).toBe(true);
    for (let i = 0; i < 10; i++) expect(limiter.take("a")).toBe(false);
    now = 1_001;
    expect(limiter.take("a")).toBe(true);
  });
});

describe("SpendLedger", () => {
  it("reserves worst cases against the cap, settles to real costs, and forgets spending older than the window", () => {
    let now = 0;
    const ledger = new SpendLedger(100n, 1_000, () => now);
    const a = ledger.reserve(60n);
    expect(a).toBeDefined();
    expect(ledger.reserve(50n)).toBeUndefined();
    ledger.settle(a!, 20n);
    expect(ledger.spentWei()).toBe(20n);
    expect(ledger.reserve(80n)).toBeDefined();
    expect(ledger.reserve(1n)).toBeUndefined();
    now = 1_001;
    expect(ledger.spentWei()).toBe(0n);
    expect(ledger.reserve(100n)).toBeDefined();
  });
});
