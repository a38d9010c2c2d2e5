import { type Address, getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, type RelayerPolicy } from "./relayerPolicy";
import { rateBuckets, shareForRecord, spendBuckets, sponsorShares } from "./sponsorShares";
import { SqliteStore } from "./store/sqliteStore";

const CLERK = getAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
const TITLE = getAddress("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
const STRANGER = getAddress("0xa0ee7a142d267c1f36714e4a8f75612f20a79720");
const ZERO: Address = "0x0000000000000000000000000000000000000000";

const policy = (overrides: Partial<RelayerPolicy>): RelayerPolicy => ({ ...DEFAULT_POLICY, ...overrides });

function memoryStore() {
  return new SqliteStore(":memory:", { namespace: "t:", rateWindowMs: 60_000, spendWindowMs: 86_400_000 });
}

describe("sponsor shares", () => {
  it("without principals: one share for every record, signals limited to their part", () => {
    const shares = sponsorShares(policy({ globalLimit: 120, spendCapWei: 10n ** 18n, signalShare: 0.5 }));
    expect(shares.all).toMatchObject({ id: "all", rateLimit: 120, signalRateLimit: 60, capGwei: 1e9, signalCapGwei: 5e8 });
    expect(shareForRecord(shares, { owner: STRANGER, executor: ZERO })).toBe(shares.all);
  });

  it("splits the cap and the global rate among principals, equally or by weight", () => {
    const equal = sponsorShares(
      policy({
        globalLimit: 120,
        sponsoredPrincipals: [
          { address: CLERK, weight: 1 },
          { address: TITLE, weight: 1 },
        ],
      }),
    );
    expect(equal.all).toBeUndefined();
    expect(equal.byPrincipal.get(CLERK.toLowerCase())).toMatchObject({
      rateLimit: 60,
      signalRateLimit: 30,
      capGwei: 5e8,
      signalCapGwei: 2.5e8,
    });
    const weighted = sponsorShares(
      policy({
        globalLimit: 120,
        sponsoredPrincipals: [
          { address: CLERK, weight: 3 },
          { address: TITLE, weight: 1 },
        ],
      }),
    );
    expect(weighted.byPrincipal.get(CLERK.toLowerCase())?.rateLimit).toBe(90);
    expect(weighted.byPrincipal.get(TITLE.toLowerCase())?.capGwei).toBe(2.5e8);
  });

  it("pays for a record only when its owner or its accepted executor is a principal, the owner's share first", () => {
    const shares = sponsorShares(
      policy({
        sponsoredPrincipals: [
          { address: CLERK, weight: 1 },
          { address: TITLE, weight: 1 },
        ],
      }),
    );
    expect(shareForRecord(shares, { owner: CLERK, executor: ZERO })?.principal).toBe(CLERK);
    expect(shareForRecord(shares, { owner: STRANGER, executor: TITLE })?.principal).toBe(TITLE);
    expect(shareForRecord(shares, { owner: CLERK, executor: TITLE })?.principal).toBe(CLERK);
    // authorityOf's executor is zero while the named executor has not accepted: nothing a stranger names counts.
    expect(shareForRecord(shares, { owner: STRANGER, executor: ZERO })).toBeUndefined();
  });

  it("keeps the claims' reserve: signals stop at their part of the spend and the rate, claims go on to the whole share", async () => {
    const shares = sponsorShares(policy({ globalLimit: 10, spendCapWei: 100n * 10n ** 9n, signalShare: 0.5 }));
    const share = shares.all!;
    const store = memoryStore();
    // Spend: 100 gwei, signals at most 50.
    const signals = [];
    for (let i = 0; i < 4; i++) signals.push(await store.reserveSpend(spendBuckets(share, "signal"), 20));
    expect(signals.map((s) => s !== undefined)).toEqual([true, true, false, false]);
    const claims = [];
    for (let i = 0; i < 4; i++) claims.push(await store.reserveSpend(spendBuckets(share, "claim"), 20));
    expect(claims.map((c) => c !== undefined)).toEqual([true, true, true, false]);
    // Rate: 10 a minute, signals at most 5.
    const signalSlots = [];
    for (let i = 0; i < 7; i++) signalSlots.push((await store.takeRate(rateBuckets(share, "signal"))).taken);
    expect(signalSlots.filter(Boolean)).toHaveLength(5);
    const claimSlots = [];
    for (let i = 0; i < 7; i++) claimSlots.push((await store.takeRate(rateBuckets(share, "claim"))).taken);
    expect(claimSlots.filter(Boolean)).toHaveLength(5);
    await store.close();
  });

  it("puts escrow calls in the signals' part: together they stop at it, and claims keep the rest", async () => {
    const shares = sponsorShares(policy({ globalLimit: 10, spendCapWei: 100n * 10n ** 9n, signalShare: 0.5 }));
    const share = shares.all!;
    const store = memoryStore();
    expect(spendBuckets(share, "escrow")).toEqual(spendBuckets(share, "signal"));
    expect(rateBuckets(share, "escrow")).toEqual(rateBuckets(share, "signal"));
    expect(await store.reserveSpend(spendBuckets(share, "signal"), 30)).toBeDefined();
    expect(await store.reserveSpend(spendBuckets(share, "escrow"), 30)).toBeUndefined();
    expect(await store.reserveSpend(spendBuckets(share, "escrow"), 20)).toBeDefined();
    expect(await store.reserveSpend(spendBuckets(share, "claim"), 50)).toBeDefined();
    await store.close();
  });

  it("keeps each principal's share apart: one office's spam does not touch another's", async () => {
    const shares = sponsorShares(
      policy({
        globalLimit: 4,
        spendCapWei: 100n * 10n ** 9n,
        sponsoredPrincipals: [
          { address: CLERK, weight: 1 },
          { address: TITLE, weight: 1 },
        ],
      }),
    );
    const clerk = shares.byPrincipal.get(CLERK.toLowerCase())!;
    const title = shares.byPrincipal.get(TITLE.toLowerCase())!;
    const store = memoryStore();
    while ((await store.takeRate(rateBuckets(clerk, "claim"))).taken);
    while (await store.reserveSpend(spendBuckets(clerk, "claim"), 10));
    expect(await store.spentGwei(`spend:${clerk.id}`)).toBe(50);
    expect((await store.takeRate(rateBuckets(title, "claim"))).taken).toBe(true);
    expect(await store.reserveSpend(spendBuckets(title, "claim"), 50)).toBeDefined();
    await store.close();
  });
});
