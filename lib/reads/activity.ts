import { type Address, type PublicClient, numberToHex, pad } from "viem";
import { deployBlock, integraAddresses } from "@/lib/contracts";
import { type RpcLog, type TimelineEntry, decodeEntry, newestFirst } from "@/lib/timeline/decodeEntry";
import { integraEventSelectors } from "@/lib/timeline/integraEvents";
import { logsInWindows } from "./logsInWindows";

/**
 * Recent events that name `account` in their third indexed slot (reserved for, claimed by, capability to,
 * new owner, executor, payer): one eth_getLogs (per block window) over every Integra contract, newest first.
 */
export async function readActivityOf(client: PublicClient, account: Address, limit = 10): Promise<TimelineEntry[]> {
  const logs = await logsInWindows(
    client,
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
