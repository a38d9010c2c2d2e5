import { describe, expect, it } from "vitest";
import { parseWhen } from "./when";

const now = 1_800_000_000;

describe("parseWhen", () => {
  it("reads durations from now, dates (UTC unless zoned) and unix seconds", () => {
    expect(parseWhen("90m", now, "--expires")).toBe(BigInt(now + 5_400));
    expect(parseWhen("7d", now, "--expires")).toBe(BigInt(now + 604_800));
    expect(parseWhen("2W", now, "--expires")).toBe(BigInt(now + 1_209_600));
    expect(parseWhen("2026-12-31", now, "--deadline")).toBe(BigInt(Date.UTC(2026, 11, 31) / 1000));
    expect(parseWhen("2026-12-31T17:00", now, "--deadline")).toBe(BigInt(Date.UTC(2026, 11, 31, 17) / 1000));
    expect(parseWhen("2026-12-31T17:00+02:00", now, "--deadline")).toBe(BigInt(Date.UTC(2026, 11, 31, 15) / 1000));
    expect(parseWhen("1900000000", now, "--deadline")).toBe(1_900_000_000n);
  });

  it("refuses anything else in words, naming the flag", () => {
    expect(() => parseWhen("next week", now, "--deadline")).toThrow(/Not a time: --deadline "next week"/);
    expect(() => parseWhen("7", now, "--expires")).toThrow(/Not a time/);
    expect(() => parseWhen("2026-13-45", now, "--expires")).toThrow(/Not a time/);
  });
});
