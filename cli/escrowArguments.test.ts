import { zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { EXIT } from "./errors";
import { amountArgument, approvalsArgument, assetArgument, escrowIdArgument, splitArgument } from "./escrowArguments";

const tUSD = { decimals: 6, symbol: "tUSD" };
const ETH = { decimals: 18, symbol: "ETH" };
const STABLECOIN = "0xA51c1fc2f0D1a1b8494Ed1FE312d7C3a78Ed91C0";

/** The CliError `run` throws: its message, code and exit code. */
function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    const e = error as { message: string; code: string; exitCode: number };
    return { message: e.message, code: e.code, exitCode: e.exitCode };
  }
  throw new Error("not refused");
}

describe("amountArgument", () => {
  it("reads an amount in the asset's units by its decimals, with thousands separators", () => {
    expect(amountArgument("25000", tUSD)).toBe(25_000_000_000n);
    expect(amountArgument("25,000", tUSD)).toBe(25_000_000_000n);
    expect(amountArgument("0.5", ETH)).toBe(500_000_000_000_000_000n);
    expect(amountArgument("1.000001", tUSD)).toBe(1_000_001n);
  });

  it("refuses more decimals than the asset has, zero, negatives and words: bad input (exit 2), naming the flag", () => {
    const tooFine = refusal(() => amountArgument("1.0000001", tUSD));
    expect(tooFine).toMatchObject({ code: "InvalidInput", exitCode: EXIT.badInput });
    expect(tooFine.message).toMatch(/--amount "1.0000001".*6 decimals/);
    expect(refusal(() => amountArgument("0", tUSD)).message).toMatch(/above zero/);
    expect(refusal(() => amountArgument("-5", tUSD)).message).toMatch(/Not an amount of tUSD/);
    expect(refusal(() => amountArgument("25k", tUSD)).message).toMatch(/Not an amount/);
    expect(refusal(() => amountArgument(undefined, tUSD)).message).toMatch(/Say the amount: --amount 25000 \(in tUSD, up to 6 decimals\)/);
  });
});

describe("approvalsArgument", () => {
  it("reads K/N as K of the tokens 1..N, and --approvers with --required (default: all of them)", () => {
    expect(approvalsArgument({ approvals: "2/3" })).toEqual({ tokenIds: [1, 2, 3], required: 2 });
    expect(approvalsArgument({ approvals: "3 of 5" })).toEqual({ tokenIds: [1, 2, 3, 4, 5], required: 3 });
    expect(approvalsArgument({ approvers: "1,2,3", required: "2" })).toEqual({ tokenIds: [1, 2, 3], required: 2 });
    expect(approvalsArgument({ approvers: "2, 4" })).toEqual({ tokenIds: [2, 4], required: 2 });
    expect(approvalsArgument({})).toBeUndefined();
  });

  it("refuses thresholds that cannot be met, duplicates, both forms at once, and --required alone", () => {
    expect(refusal(() => approvalsArgument({ approvals: "4/3" })).message).toMatch(/4 of 3 approvers cannot be/);
    expect(refusal(() => approvalsArgument({ approvals: "0/3" })).message).toMatch(/cannot be/);
    expect(refusal(() => approvalsArgument({ approvals: "two/3" })).message).toMatch(/Not an approval threshold/);
    expect(refusal(() => approvalsArgument({ approvals: "17/17" })).message).toMatch(/At most 16 approvers/);
    expect(refusal(() => approvalsArgument({ approvers: "1,2,1" })).message).toMatch(/names token 1 twice/);
    expect(refusal(() => approvalsArgument({ approvers: "1,0" })).message).toMatch(/Not a token id/);
    expect(refusal(() => approvalsArgument({ approvals: "2/3", approvers: "1,2" })).message).toMatch(/not both/);
    expect(refusal(() => approvalsArgument({ required: "2" })).message).toMatch(/--required K goes with --approvers/);
    expect(refusal(() => approvalsArgument({ approvers: "1,2", required: "3" })).exitCode).toBe(EXIT.badInput);
  });
});

describe("splitArgument", () => {
  it("reads the payee's share as a percentage or basis points", () => {
    expect(splitArgument("50%")).toBe(5_000);
    expect(splitArgument("12.5%")).toBe(1_250);
    expect(splitArgument("33.33")).toBe(3_333);
    expect(splitArgument("100%")).toBe(10_000);
    expect(splitArgument("2500bps")).toBe(2_500);
  });

  it("refuses more than all of it, and anything else", () => {
    expect(refusal(() => splitArgument("150%")).message).toMatch(/at most 100%/);
    expect(refusal(() => splitArgument("10001bps")).message).toMatch(/at most 10000bps/);
    expect(refusal(() => splitArgument("half")).message).toMatch(/Not a share/);
    expect(refusal(() => splitArgument("1.234%")).message).toMatch(/Not a share/);
  });
});

describe("assetArgument and escrowIdArgument", () => {
  it("reads eth, an address and tUSD on the local chain", () => {
    expect(assetArgument("eth", undefined)).toBe(zeroAddress);
    expect(assetArgument("ETH", undefined)).toBe(zeroAddress);
    expect(assetArgument(STABLECOIN.toLowerCase(), undefined)).toBe(STABLECOIN);
    expect(assetArgument("tUSD", STABLECOIN)).toBe(STABLECOIN);
  });

  it("refuses tUSD off the local chain, the zero address and non-addresses", () => {
    expect(refusal(() => assetArgument("tUSD", undefined)).message).toMatch(/local chain's test stablecoin/);
    expect(refusal(() => assetArgument(zeroAddress, undefined)).message).toMatch(/write --asset eth/);
    expect(refusal(() => assetArgument("usdc", undefined)).message).toMatch(/Not an asset/);
  });

  it("takes escrow ids from 1", () => {
    expect(escrowIdArgument("7")).toBe(7n);
    expect(refusal(() => escrowIdArgument("0")).message).toMatch(/Not an escrow id: "0"/);
    expect(refusal(() => escrowIdArgument("#7")).exitCode).toBe(EXIT.badInput);
  });
});
