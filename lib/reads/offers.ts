import type { Address, Hex } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { integraOf } from "@/lib/contracts";
import { readAccountList } from "./accountLists";

export interface OwnershipOffer {
  integraHash: Hex;
  owner: Address;
}

/**
 * Records offered to `account` and still waiting for it, with who offers each, from the registry's `offersTo`
 * view: one eth_call per 50 offers it ever received. The offer's reason is on the record's timeline.
 */
export async function readOffersFor(client: ReadClient, account: Address): Promise<OwnershipOffer[]> {
  const { registry } = integraOf(client);
  return readAccountList(
    async (offset, limit) => {
      const [integraHashes, owners, total] = await client.readContract({
        ...registry,
        functionName: "offersTo",
        args: [account, offset, limit],
      });
      return { rows: integraHashes.map((integraHash, i) => ({ integraHash, owner: owners[i] })), total };
    },
    (offer) => offer.integraHash,
  );
}
