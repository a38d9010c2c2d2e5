import type { PublicClient } from "viem";
import { readLogsAdaptively } from "@/lib/chain/adaptiveLogs";
import { logEndpointOf } from "@/lib/chain/logRangeMemory";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import type { BlockWindow } from "@/lib/chain/adaptiveLogs";

type WindowFetcher<T> = (window: BlockWindow) => Promise<T[]>;

/**
 * Runs eth_getLogs over `fromBlock` to the head through the app's one adaptive window reader: a single request
 * on an uncapped provider; on one that refuses wide windows, windows that halve until accepted (the size that
 * worked is remembered for the next read). `maxRange` (NEXT_PUBLIC_LOG_BLOCK_RANGE by default) is only the first
 * window's size, a hint that saves finding a known cap.
 */
export async function logsInWindows<T>(
  client: Pick<PublicClient, "getBlockNumber">,
  fromBlock: bigint,
  fetchWindow: WindowFetcher<T>,
  maxRange: bigint = LOG_BLOCK_RANGE,
): Promise<T[]> {
  const latest = await client.getBlockNumber();
  return readWindows(client, fromBlock, latest, fetchWindow, maxRange);
}

/**
 * The same over the last `blocks` blocks only, never before `floor` (the deployment): a fixed span, so the read
 * costs the same on a chain of any length.
 */
export async function logsInLastBlocks<T>(
  client: Pick<PublicClient, "getBlockNumber">,
  blocks: bigint,
  floor: bigint,
  fetchWindow: WindowFetcher<T>,
  maxRange: bigint = LOG_BLOCK_RANGE,
): Promise<T[]> {
  const latest = await client.getBlockNumber();
  const fromBlock = latest - blocks + 1n > floor ? latest - blocks + 1n : floor;
  return readWindows(client, fromBlock, latest, fetchWindow, maxRange);
}

async function readWindows<T>(
  client: Pick<PublicClient, "getBlockNumber">,
  fromBlock: bigint,
  latest: bigint,
  fetchWindow: WindowFetcher<T>,
  maxRange: bigint,
): Promise<T[]> {
  const { items } = await readLogsAdaptively(fromBlock, latest, fetchWindow, { endpoint: logEndpointOf(client), hint: maxRange });
  return items;
}
