import { type Address, type Hex, type PublicClient, getAbiItem } from "viem";
import { deployBlock, registry } from "@/lib/contracts";
import { logsInWindows } from "./logsInWindows";

const ownershipOffered = getAbiItem({ abi: registry.abi, name: "OwnershipOffered" });

export interface OwnershipOffer {
  integraHash: Hex;
  owner: Address;
  reason: string;
}

/**
 * Records offered to `account` and still waiting for it: one eth_getLogs on OwnershipOffered (topic3 = the
 * pending owner), then a read per record keeps the offers that are still pending to this account.
 */
export async function readOffersFor(client: PublicClient, account: Address): Promise<OwnershipOffer[]> {
  const logs = await logsInWindows(client, deployBlock, (window) =>
    client.getLogs({ address: registry.address, event: ownershipOffered, strict: true, args: { pendingOwner: account }, ...window }),
  );
  const latest = new Map<Hex, { owner: Address; reason: string }>();
  for (const log of logs) latest.set(log.args.integraHash, { owner: log.args.owner, reason: log.args.reason });
  const offers = await Promise.all(
    [...latest].map(async ([integraHash, offer]) => {
      const pending = await client.readContract({ ...registry, functionName: "pendingOwnerOf", args: [integraHash] });
      return pending.toLowerCase() === account.toLowerCase() ? { integraHash, ...offer } : undefined;
    }),
  );
  return offers.filter((o): o is OwnershipOffer => o !== undefined);
}
