import type { PublicClient } from "viem";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import { type BlockWindow, blockWindows } from "@/lib/timeline/blockWindows";

/**
 * Runs one eth_getLogs per block window from `fromBlock` to the head, so a read works on providers that cap
 * the block span (NEXT_PUBLIC_LOG_BLOCK_RANGE); uncapped, it is a single request.
 */
export async function logsInWindows<T>(
  client: Pick<PublicClient, "getBlockNumber">,
  fromBlock: bigint,
  fetchWindow: (window: BlockWindow) => Promise<T[]>,
  maxRange: bigint = LOG_BLOCK_RANGE,
): Promise<T[]> {
  const latest = await client.getBlockNumber();
  const results: T[] = [];
  for (const window of blockWindows(fromBlock, latest, maxRange)) results.push(...(await fetchWindow(window)));
  return results;
}
