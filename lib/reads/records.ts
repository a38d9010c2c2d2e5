import type { Address, Hex, PublicClient } from "viem";
import { getAbiItem } from "viem";
import { deployBlock, registry, tokenizerAbi } from "@/lib/contracts";
import { logsInWindows } from "./logsInWindows";

export type RecordInfo = Awaited<ReturnType<typeof readRecord>>;

export async function readRecord(client: PublicClient, integraHash: Hex) {
  return client.readContract({ ...registry, functionName: "getRecord", args: [integraHash] });
}

export const TOKEN_STATUS = ["none", "reserved", "claimed", "cancelled"] as const;
export type TokenStatusName = (typeof TOKEN_STATUS)[number];

export interface TokenRow {
  tokenId: bigint;
  status: TokenStatusName;
  reservedFor: Address;
  amount: bigint;
  processHash: Hex;
}

export interface RecordTokens {
  tokens: TokenRow[];
  reserved: number;
  claimed: number;
  complete: boolean;
  /** When DocumentComplete was emitted (chain time), if it was. */
  completedAt?: bigint;
}

const documentComplete = getAbiItem({ abi: tokenizerAbi, name: "DocumentComplete" });

/** A record's tokens and progress: two reads, then one status read per token, batched into one request. */
export async function readRecordTokens(client: PublicClient, integraHash: Hex, tokenizer: Address, fromBlock = deployBlock): Promise<RecordTokens> {
  const contract = { address: tokenizer, abi: tokenizerAbi } as const;
  const [ids, progress] = await Promise.all([
    client.readContract({ ...contract, functionName: "tokenIdsOf", args: [integraHash] }),
    client.readContract({ ...contract, functionName: "progressOf", args: [integraHash] }),
  ]);
  const statuses = await Promise.all(ids.map((id) => client.readContract({ ...contract, functionName: "tokenStatus", args: [integraHash, id] })));
  let completedAt: bigint | undefined;
  if (progress[2]) {
    const [log] = await logsInWindows(client, fromBlock, (window) =>
      client.getLogs({ address: tokenizer, event: documentComplete, args: { integraHash }, ...window }),
    );
    completedAt = log?.args.timestamp;
  }
  return {
    completedAt,
    tokens: ids.map((tokenId, i) => {
      const [status, reservedFor, amount, processHash] = statuses[i];
      return { tokenId, status: TOKEN_STATUS[status], reservedFor, amount, processHash };
    }),
    reserved: Number(progress[0]),
    claimed: Number(progress[1]),
    complete: progress[2],
  };
}

const recordRegistered = getAbiItem({ abi: registry.abi, name: "RecordRegistered" });

export interface ContentRecord {
  integraHash: Hex;
  owner: Address;
  registeredAt: bigint;
  tokenizer: Address;
  progress: { reserved: number; claimed: number; complete: boolean } | undefined;
}

/** Every record of one content hash: one eth_getLogs on RecordRegistered (topic3 = contentHash), then reads. */
export async function readRecordsByContent(client: PublicClient, contentHash: Hex): Promise<ContentRecord[]> {
  const logs = await logsInWindows(client, deployBlock, (window) =>
    client.getLogs({ address: registry.address, event: recordRegistered, args: { contentHash }, ...window }),
  );
  return Promise.all(
    logs.map(async (log) => {
      const integraHash = log.args.integraHash as Hex;
      const record = await readRecord(client, integraHash);
      let progress: ContentRecord["progress"];
      if (record.tokenizer !== "0x0000000000000000000000000000000000000000") {
        const [reserved, claimed, complete] = await client.readContract({
          address: record.tokenizer,
          abi: tokenizerAbi,
          functionName: "progressOf",
          args: [integraHash],
        });
        progress = { reserved: Number(reserved), claimed: Number(claimed), complete };
      }
      return { integraHash, owner: record.owner, registeredAt: record.registeredAt, tokenizer: record.tokenizer, progress };
    }),
  );
}
