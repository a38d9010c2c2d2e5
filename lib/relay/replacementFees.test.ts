import { describe, expect, it } from "vitest";
import { replacementFees } from "./replacementFees";

const gwei = (n: number) => BigInt(Math.round(n * 1e9));

describe("replacementFees", () => {
  it("raises both fees by at least 12.5%, more when the network asks more, never past the cap", () => {
    const previous = { maxFeePerGas: gwei(10), maxPriorityFeePerGas: gwei(1) };
    expect(replacementFees(previous, { maxFeePerGas: gwei(5), maxPriorityFeePerGas: gwei(0.5) }, gwei(100))).toEqual({
      maxFeePerGas: gwei(11.25),
      maxPriorityFeePerGas: gwei(1.125),
    });
    expect(replacementFees(previous, { maxFeePerGas: gwei(40), maxPriorityFeePerGas: gwei(3) }, gwei(100))).toEqual({
      maxFeePerGas: gwei(40),
      maxPriorityFeePerGas: gwei(3),
    });
    expect(replacementFees(previous, { maxFeePerGas: gwei(400), maxPriorityFeePerGas: gwei(3) }, gwei(100))?.maxFeePerGas).toBe(gwei(100));
  });

  it("gives none when even the minimum bump passes the cap", () => {
    expect(
      replacementFees(
        { maxFeePerGas: gwei(95), maxPriorityFeePerGas: gwei(1) },
        { maxFeePerGas: gwei(95), maxPriorityFeePerGas: gwei(1) },
        gwei(100),
      ),
    ).toBeUndefined();
  });

  it("rounds up, so tiny fees still rise", () => {
    expect(replacementFees({ maxFeePerGas: 7n, maxPriorityFeePerGas: 1n }, { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }, 100n)).toEqual({
      maxFeePerGas: 8n,
      maxPriorityFeePerGas: 2n,
    });
  });
});
