import { type Address, type Hex, type PublicClient, numberToHex, pad } from "viem";
import { readLogsAdaptively } from "@/lib/chain/adaptiveLogs";
import { logEndpointOf } from "@/lib/chain/logRangeMemory";
import { type RpcLog, type TimelineEntry, decodeEntry } from "./decodeEntry";
import { integraEventSelectors, recipientEventSelectors } from "./integraEvents";
import { mergeEntries } from "./mergeEntries";

export interface TimelineFilter {
  addresses: Address[];
  /** topic1 (integraHash) for a record, topic2 (processHash) for a workflow, or topic3 (an account) for what is addressed to it. */
  integraHash?: Hex;
  processHash?: Hex;
  recipient?: Address;
  fromBlock: bigint;
}

export interface TimelineData {
  entries: TimelineEntry[];
  /** Last block read. */
  toBlock: bigint;
  /** eth_getLogs requests made by the last read (eth_blockNumber not counted). */
  logRequests: number;
}

/** Blocks re-read on every refresh, so a short reorg replaces the logs it orphaned. */
export const REORG_DEPTH = 5n;

type Requester = Pick<PublicClient, "request" | "getBlockNumber">;

/**
 * eth_getLogs over [from, to] through the app's one adaptive window reader: one request when the provider has no
 * cap; `maxRange` (0: none) is only the first window's size, and refused windows are halved. `requests` counts
 * every eth_getLogs sent, refused and retried ones included.
 */
export async function fetchLogs(client: Requester, filter: TimelineFilter, from: bigint, to: bigint, maxRange: bigint) {
  const topics: (Hex | Hex[] | null)[] = filter.recipient
    ? [recipientEventSelectors, filter.integraHash ?? null, filter.processHash ?? null, pad(filter.recipient)]
    : [integraEventSelectors, filter.integraHash ?? null];
  if (filter.processHash && !filter.recipient) topics.push(filter.processHash);
  const { items, requests } = await readLogsAdaptively(
    from,
    to,
    async (window) =>
      (await client.request(
        {
          method: "eth_getLogs",
          params: [{ address: filter.addresses, topics, fromBlock: numberToHex(window.fromBlock), toBlock: numberToHex(window.toBlock) }],
        } as never,
        // The adaptive reader retries by itself, and halves a refused window at once instead of after viem's own
        // retries of a 413 or -32005 (seconds each).
        { retryCount: 0 },
      )) as RpcLog[],
    { endpoint: logEndpointOf(client), hint: maxRange },
  );
  return { logs: items, requests };
}

/**
 * A record's or workflow's timeline. The first read covers everything from `fromBlock`; a refresh given the
 * previous data re-reads only the last REORG_DEPTH blocks and the new ones. Cost follows the events of the
 * thing viewed (and the block span when the provider caps it), never the chain's size.
 */
export async function readTimeline(
  client: Requester,
  filter: TimelineFilter,
  maxRange: bigint,
  previous?: TimelineData,
): Promise<TimelineData> {
  const latest = await client.getBlockNumber();
  const resumeFrom = previous ? previous.toBlock - REORG_DEPTH + 1n : filter.fromBlock;
  const from = resumeFrom > filter.fromBlock ? resumeFrom : filter.fromBlock;
  const { logs, requests } = await fetchLogs(client, filter, from, latest, maxRange);
  const fetched = logs.map(decodeEntry).filter((e): e is TimelineEntry => e !== undefined);
  return { entries: mergeEntries(previous?.entries ?? [], fetched, from), toBlock: latest, logRequests: requests };
}
