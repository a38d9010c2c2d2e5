export interface BlockWindow {
  fromBlock: bigint;
  toBlock: bigint;
}

/**
 * Splits [from, to] into contiguous, non-overlapping windows of at most `maxRange` blocks (both ends
 * inclusive), for providers that cap eth_getLogs. `maxRange` 0 means no cap: one window.
 */
export function blockWindows(from: bigint, to: bigint, maxRange: bigint): BlockWindow[] {
  if (to < from) return [];
  if (maxRange <= 0n) return [{ fromBlock: from, toBlock: to }];
  const windows: BlockWindow[] = [];
  for (let start = from; start <= to; start += maxRange) {
    const end = start + maxRange - 1n;
    windows.push({ fromBlock: start, toBlock: end < to ? end : to });
  }
  return windows;
}
