import { type Address, type Hex, type PublicClient, getAbiItem } from "viem";
import { deployBlock, registry } from "@/lib/contracts";
import { logsInWindows } from "./logsInWindows";
import { type RecordInfo, readRecord } from "./records";

const ownershipTransferred = getAbiItem({ abi: registry.abi, name: "OwnershipTransferred" });

/**
 * Records `account` owns now: registration emits OwnershipTransferred too, so one eth_getLogs on its
 * newOwner topic finds every record it ever received; a read per record drops those passed on since.
 */
export async function readRecordsOwnedBy(client: PublicClient, account: Address): Promise<{ integraHash: Hex; record: RecordInfo }[]> {
  const logs = await logsInWindows(client, deployBlock, ({ fromBlock, toBlock }) =>
    client.getLogs({
      address: registry.address,
      event: ownershipTransferred,
      strict: true,
      args: { newOwner: account },
      fromBlock,
      toBlock,
    }),
  );
  const hashes = [...new Set(logs.map((log) => log.args.integraHash))];
  const records = await Promise.all(hashes.map(async (integraHash) => ({ integraHash, record: await readRecord(client, integraHash) })));
  return records.filter(({ record }) => record.owner.toLowerCase() === account.toLowerCase()).reverse();
}
