import { type Address, numberToHex, pad } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { chainIdOf, factsOn } from "@/lib/deployment";
import { type RpcLog, type TimelineEntry, decodeEntry, newestFirst } from "@/lib/timeline/decodeEntry";
import { integraEventSelectors } from "@/lib/timeline/integraEvents";
import { logsInLastBlocks } from "@/lib/chain/logsInWindows";

/**
 * How far back the dashboard looks for activity. A fixed span, not the whole chain: its cost is the same on a
 * chain of any length (a handful of eth_getLogs behind a 1,000-block cap); the standing state (tokens, records,
 * offers, capabilities) comes from the contracts' per-account views, which see the whole history.
 */
export const RECENT_ACTIVITY_BLOCKS = 5_000n;

/**
 * Events of the last RECENT_ACTIVITY_BLOCKS blocks that name `account` in their third indexed slot (reserved
 * for, claimed by, capability to, new owner, executor, payer): one eth_getLogs (per block window) over every
 * Integra contract, newest first.
 */
export async function readActivityOf(client: ReadClient, account: Address, limit = 10): Promise<TimelineEntry[]> {
  const { deployBlock, integraAddresses } = factsOn(chainIdOf(client));
  const logs = await logsInLastBlocks(
    client,
    RECENT_ACTIVITY_BLOCKS,
    deployBlock,
    async ({ fromBlock, toBlock }) =>
      (await client.request({
        method: "eth_getLogs",
        params: [
          {
            address: integraAddresses,
            topics: [integraEventSelectors, null, null, pad(account)],
            fromBlock: numberToHex(fromBlock),
            toBlock: numberToHex(toBlock),
          },
        ],
      } as never)) as RpcLog[],
  );
  return logs
    .map(decodeEntry)
    .filter((e): e is TimelineEntry => e !== undefined)
    .sort(newestFirst)
    .slice(0, limit);
}
