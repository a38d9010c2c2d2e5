import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningRedis, startRedisServer } from "../../../scripts/relayer/redisServer";
import { RedisStore } from "./redisStore";
import type { RelayerStore, StoreOptions } from "./relayerStore";
import { SqliteStore } from "./sqliteStore";
import { withStoreLock } from "./storeLock";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Opens stores that share one backing store (one SQLite file, one Redis), each with its own clock. */
interface Backend {
  name: string;
  open: (options: StoreOptions) => RelayerStore;
}

let redis: RunningRedis;
let dir: string;
let namespaceCount = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  dir = mkdtempSync(path.join(tmpdir(), "relayer-store-"));
}, 30_000);

afterAll(async () => {
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const backends: Backend[] = [
  { name: "SQLite", open: (options) => new SqliteStore(path.join(dir, "store.sqlite"), options) },
  { name: "Redis", open: (options) => new RedisStore(redis.url, options) },
];

describe.each(backends)("$name store", (backend) => {
  /** A fresh namespace per test, a clock the test moves. */
  function fixture(windows: Partial<StoreOptions> = {}) {
    const clock = { now: 1_700_000_000_000 };
    const options: StoreOptions = {
      namespace: `{test-${process.pid}-${namespaceCount++}}:`,
      rateWindowMs: 60_000,
      spendWindowMs: DAY,
      now: () => clock.now,
      ...windows,
    };
    const stores: RelayerStore[] = [];
    const open = () => {
      const store = backend.open(options);
      stores.push(store);
      return store;
    };
    return { clock, open, close: () => Promise.all(stores.map((s) => s.close())) };
  }

  it("takes rate slots up to the limit in a sliding window, all buckets or none", async () => {
    const { clock, open, close } = fixture();
    const store = open();
    const a = { key: "a", limit: 3 };
    const signals = { key: "a:signals", limit: 1 };
    expect(await store.takeRate([a, signals])).toEqual({ taken: true });
    // The signal bucket is full: nothing is counted in `a` either.
    expect(await store.takeRate([a, signals])).toEqual({ taken: false, bucket: 1, retryAfterMs: 60_000 });
    clock.now += 10_000;
    expect(await store.takeRate([a])).toEqual({ taken: true });
    expect(await store.takeRate([a])).toEqual({ taken: true });
    expect(await store.takeRate([a])).toEqual({ taken: false, bucket: 0, retryAfterMs: 50_000 });
    clock.now += 50_000;
    // The first event left the window.
    expect(await store.takeRate([a])).toEqual({ taken: true });
    expect(await store.takeRate([{ key: "none", limit: 0 }])).toMatchObject({ taken: false, bucket: 0 });
    await close();
  });

  it("counts several events at once (a batch), all or none, and says when enough room comes back", async () => {
    const { clock, open, close } = fixture();
    const store = open();
    const a = { key: "a", limit: 5 };
    expect(await store.takeRate([{ ...a, count: 3 }])).toEqual({ taken: true });
    clock.now += 10_000;
    expect(await store.takeRate([a])).toEqual({ taken: true });
    // 4 held: 2 more do not fit until the first 1 leaves (50 s); 3 more until the first 3 leave, which went together.
    expect(await store.takeRate([{ ...a, count: 2 }])).toEqual({ taken: false, bucket: 0, retryAfterMs: 50_000 });
    expect(
      await store.takeRate([
        { ...a, count: 3 },
        { key: "b", limit: 9 },
      ]),
    ).toEqual({ taken: false, bucket: 0, retryAfterMs: 50_000 });
    // Nothing was counted in "b" by the refusal.
    expect(await store.takeRate([{ key: "b", limit: 9, count: 9 }])).toEqual({ taken: true });
    expect(await store.takeRate([{ ...a, count: 6 }])).toEqual({ taken: false, bucket: 0, retryAfterMs: 60_000 });
    clock.now += 50_000;
    expect(await store.takeRate([{ ...a, count: 4 }])).toEqual({ taken: true });
    expect(await store.takeRate([a])).toEqual({ taken: false, bucket: 0, retryAfterMs: 10_000 });
    await close();
  });

  it("reserves spend under every bucket's cap, settles to the real cost once, and forgets after the window", async () => {
    const { clock, open, close } = fixture();
    const store = open();
    const share = { key: "share", capGwei: 100 };
    const signals = { key: "share:signals", capGwei: 50 };
    const first = await store.reserveSpend([share, signals], 40);
    expect(first).toBeDefined();
    expect(await store.reserveSpend([share, signals], 20)).toBeUndefined();
    expect(await store.spentGwei("share")).toBe(40);
    expect(await store.reserveSpend([share], 60)).toBeDefined();
    expect(await store.reserveSpend([share], 1)).toBeUndefined();
    await store.settleSpend(first!, 10);
    await store.settleSpend(first!, 0); // a second settle changes nothing
    expect(await store.spentGwei("share")).toBe(70);
    expect(await store.spentGwei("share:signals")).toBe(10);
    clock.now += 23 * HOUR;
    expect(await store.spentGwei("share")).toBe(70);
    clock.now += 2 * HOUR + 1;
    expect(await store.spentGwei("share")).toBe(0);
    expect(await store.reserveSpend([share], 100)).toBeDefined();
    await close();
  });

  it("never passes the cap when two instances reserve at once", async () => {
    const { open, close } = fixture();
    const [one, two] = [open(), open()];
    const bucket = { key: "cap", capGwei: 100 };
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? one : two).reserveSpend([bucket], 7)));
    expect(results.filter((r) => r !== undefined)).toHaveLength(14);
    expect(await one.spentGwei("cap")).toBe(98);
    const rates = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? one : two).takeRate([{ key: "r", limit: 25 }])));
    expect(rates.filter((r) => r.taken)).toHaveLength(25);
    await close();
  });

  it("keeps the day's spend and the rate window across a restart", async () => {
    const { open, close } = fixture();
    const before = open();
    await before.reserveSpend([{ key: "day", capGwei: 1_000 }], 600);
    await before.takeRate([{ key: "client", limit: 1 }]);
    await before.close();
    const after = open();
    expect(await after.spentGwei("day")).toBe(600);
    expect(await after.reserveSpend([{ key: "day", capGwei: 1_000 }], 600)).toBeUndefined();
    expect(await after.takeRate([{ key: "client", limit: 1 }])).toMatchObject({ taken: false });
    await close();
  });

  it("keeps values with a time to live, sets them only when absent, deletes only a holder's value", async () => {
    const { open, close } = fixture();
    const store = open();
    expect(await store.putIfAbsent("k", "first", 60_000)).toBeUndefined();
    expect(await store.putIfAbsent("k", "second", 60_000)).toBe("first");
    const held = await store.get("k");
    expect(held?.value).toBe("first");
    expect(held?.ttlMs).toBeGreaterThan(59_000);
    await store.delete("k", "not-mine");
    expect((await store.get("k"))?.value).toBe("first");
    await store.delete("k", "first");
    expect(await store.get("k")).toBeUndefined();
    await store.put("short", "x", 50);
    await new Promise((r) => setTimeout(r, 80));
    expect(await store.get("short")).toBeUndefined();
    expect(await store.putIfAbsent("short", "y", 60_000)).toBeUndefined();
    await close();
  });

  it("lets one holder at a time through a lock, across instances", async () => {
    const { open, close } = fixture();
    const [one, two] = [open(), open()];
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withStoreLock(i % 2 === 0 ? one : two, "nonce", { ttlMs: 5_000, waitMs: 10_000, pollMs: 2 }, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((r) => setTimeout(r, 3));
          order.push(i);
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toHaveLength(12);
    await close();
  });

  it("keeps a lock held past its lifetime while its holder works (a slow RPC), and frees a dead holder's after it", async () => {
    const { open, close } = fixture();
    const [one, two] = [open(), open()];
    let secondGotIt = false;
    await withStoreLock(one, "nonce", { ttlMs: 150, waitMs: 1_000 }, async () => {
      // Three lifetimes of work: renewed all along, the other instance never gets in.
      await withStoreLock(two, "nonce", { ttlMs: 150, waitMs: 450, pollMs: 5 }, async () => {
        secondGotIt = true;
      }).catch(() => undefined);
    });
    expect(secondGotIt).toBe(false);
    // A holder that died (nobody renews): its lock goes after the lifetime.
    expect(await one.putIfAbsent("lock:dead", "token", 100)).toBeUndefined();
    expect(await two.renew("lock:dead", "another", 10_000)).toBe(false);
    await new Promise((r) => setTimeout(r, 150));
    expect(await two.putIfAbsent("lock:dead", "mine", 100)).toBeUndefined();
    await close();
  });
});
