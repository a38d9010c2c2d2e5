import type { Address, Hex } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { integraOf } from "@/lib/contracts";
import { readAccountList } from "./accountLists";

/**
 * Records `account` owns now, newest first, each with its registry state, from the registry's `recordsOwnedBy`
 * view: one eth_call per 50 records it ever received, on any chain length and behind any cap on eth_getLogs.
 */
export async function readRecordsOwnedBy(client: ReadClient, account: Address) {
  const { registry } = integraOf(client);
  const owned = await readAccountList(
    async (offset, limit) => {
      const [integraHashes, records, total] = await client.readContract({
        ...registry,
        functionName: "recordsOwnedBy",
        args: [account, offset, limit],
      });
      return { rows: integraHashes.map((integraHash: Hex, i) => ({ integraHash, record: records[i] })), total };
    },
    (row) => row.integraHash,
  );
  return owned.reverse();
}
