export interface Fees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

/**
 * Nodes take a transaction in place of a pending one with the same nonce only when both of its fees are higher by
 * a margin (geth: 10%, some clients and pools more): 12.5% covers them all.
 */
export const FEE_BUMP_PER_MILLE = 1125n;

const bumped = (wei: bigint) => (wei * FEE_BUMP_PER_MILLE + 999n) / 1000n;
const max = (a: bigint, b: bigint) => (a > b ? a : b);

/**
 * The fees of a replacement for a transaction sent with `previous`: at least 12.5% above each of them, and as much
 * as the network asks now (`current`) when that is more, but never above `cap`. Undefined when even the minimum
 * bump passes the cap: the transaction is left as it is, and tried again later.
 */
export function replacementFees(previous: Fees, current: Fees, cap: bigint): Fees | undefined {
  const minimumMax = bumped(previous.maxFeePerGas);
  if (minimumMax > cap) return undefined;
  const maxFeePerGas = max(minimumMax, current.maxFeePerGas < cap ? current.maxFeePerGas : cap);
  const minimumPriority = bumped(previous.maxPriorityFeePerGas);
  const maxPriorityFeePerGas = max(minimumPriority, current.maxPriorityFeePerGas);
  // The tip can never exceed the fee cap; bumping both by 12.5% from a valid pair keeps it under.
  return { maxFeePerGas, maxPriorityFeePerGas: maxPriorityFeePerGas > maxFeePerGas ? maxFeePerGas : maxPriorityFeePerGas };
}
