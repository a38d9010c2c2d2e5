import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./retryTransient";

describe("backoffDelayMs", () => {
  const policy = { baseDelayMs: 400, maxDelayMs: 5_000 };

  it("doubles per retry, jittered between half and all of it", () => {
    expect([0, 1, 2].map((retry) => backoffDelayMs(retry, { ...policy, random: () => 0 }))).toEqual([200, 400, 800]);
    expect([0, 1, 2].map((retry) => backoffDelayMs(retry, { ...policy, random: () => 0.5 }))).toEqual([300, 600, 1_200]);
  });

  it("never waits more than the cap", () => {
    expect(backoffDelayMs(10, { ...policy, random: () => 0 })).toBe(2_500);
    expect(backoffDelayMs(10, { ...policy, random: () => 0.99 })).toBeLessThanOrEqual(5_000);
    expect(backoffDelayMs(10, { ...policy, random: () => 0.99 })).toBeGreaterThan(4_900);
  });
});
