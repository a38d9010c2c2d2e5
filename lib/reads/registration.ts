import { type Hex, getAbiItem } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { integraOf } from "@/lib/contracts";
import { integraRecordV1Abi } from "@/lib/generated/integra";

const recordRegistered = getAbiItem({ abi: integraRecordV1Abi, name: "RecordRegistered" });

/** What a record's registration said that the registry does not store: its encrypted private details. */
export interface Registration {
  /** The encrypted title and reference ("0x": none were registered). */
  encryptedRef: Hex;
  transactionHash: Hex;
}

/** A record's RecordRegistered event: one eth_getLogs over the single block it was registered in. */
export async function readRegistration(client: ReadClient, integraHash: Hex, registeredBlock: bigint): Promise<Registration> {
  const [log] = await client.getLogs({
    address: integraOf(client).registry.address,
    event: recordRegistered,
    strict: true,
    args: { integraHash },
    fromBlock: registeredBlock,
    toBlock: registeredBlock,
  });
  if (!log) throw new Error(`The registration of ${integraHash} is not in block ${registeredBlock}: is the RPC behind the chain?`);
  return { encryptedRef: log.args.encryptedRef, transactionHash: log.transactionHash };
}
