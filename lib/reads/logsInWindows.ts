import type { PublicClient } from "viem";
import { readLogsAdaptively } from "@/lib/chain/adaptiveLogs";
import { logEndpointOf } from "@/lib/chain/logRangeMemory";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import type { BlockWindow } from "@/lib/chain/adaptiveLogs";

/**
 * Runs eth_getLogs over `fromBlock` to the head through the app's one adaptive window reader: a single request
 * on an uncapped provider; on one that refuses wide windows, windows that halve until accepted (the size that
 * worked is remembered for the next read). `maxRange` (NEXT_PUBLIC_LOG_BLOCK_RANGE by default) is only the first
 * window's size, a hint that saves finding a known cap.
 */
export async function logsInWindows<T>(
  client: Pick<PublicClient, "getBlockNumber">,
  fromBlock: bigint,
  fetchWindow: (window: BlockWindow) => Promise<T[]>,
  maxRange: bigint = LOG_BLOCK_RANGE,
): Promise<T[]> {
  const latest = await client.getBlockNumber();
  const { items } = await readLogsAdaptively(fromBlock, latest, fetchWindow, { endpoint: logEndpointOf(client), hint: maxRange });
  return items;
}
