import { describe, expect, it } from "vitest";
import { attestationStillValid, deadlineVerdict, nextBlockTime } from "./deadlineWindow";

describe("deadline window", () => {
  it("estimates the next block's time from the latest block and the wall clock, whichever is later", () => {
    expect(nextBlockTime(1_000n, 2_000_000)).toBe(2_000);
    expect(nextBlockTime(5_000n, 2_000_000)).toBe(5_001);
  });

  it("takes deadlines between one minute and one hour away", () => {
    expect(deadlineVerdict(1_000, 1_000)).toMatchObject({ ok: false, reason: "expired" });
    expect(deadlineVerdict(1_059, 1_000)).toMatchObject({ ok: false, reason: "too-soon" });
    expect(deadlineVerdict(1_060, 1_000)).toMatchObject({ ok: true, secondsLeft: 60 });
    expect(deadlineVerdict(4_600, 1_000)).toMatchObject({ ok: true });
    expect(deadlineVerdict(4_601, 1_000)).toMatchObject({ ok: false, reason: "too-far" });
    expect(deadlineVerdict(2 ** 48 - 1, 1_000)).toMatchObject({ ok: false, reason: "too-far" });
  });

  it("wants an attestation to outlive the next block by a minute (0: never expires)", () => {
    expect(attestationStillValid(0n, 1_000)).toBe(true);
    expect(attestationStillValid(1_060n, 1_000)).toBe(true);
    expect(attestationStillValid(1_059n, 1_000)).toBe(false);
    expect(attestationStillValid(900n, 1_000)).toBe(false);
  });
});
