import { type Address, type Hex, decodeEventLog } from "viem";
import { integraTimelineEvents } from "./integraEvents";

/** A log as eth_getLogs returns it (hex quantities), possibly flagged removed by a reorg. */
export interface RpcLog {
  address: Address;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex | null;
  blockHash: Hex | null;
  transactionHash: Hex | null;
  logIndex: Hex | null;
  removed?: boolean;
}

export interface TimelineEntry {
  /** Stable identity of the log: the same log fetched twice has the same id. */
  id: string;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
  address: Address;
  eventName: string;
  args: Record<string, unknown>;
  integraHash: Hex;
  processHash: Hex;
  timestamp: bigint;
  removed: boolean;
}

/** Decodes one Integra log into a timeline entry; undefined for logs that are not Integra events or are pending. */
export function decodeEntry(log: RpcLog): TimelineEntry | undefined {
  if (log.blockNumber === null || log.logIndex === null || log.transactionHash === null) return undefined;
  let decoded;
  try {
    decoded = decodeEventLog({ abi: integraTimelineEvents, topics: log.topics as [Hex, ...Hex[]], data: log.data, strict: true });
  } catch {
    return undefined;
  }
  const args = decoded.args as unknown as Record<string, unknown>;
  return {
    id: `${log.transactionHash}:${Number(log.logIndex)}`,
    blockNumber: BigInt(log.blockNumber),
    logIndex: Number(log.logIndex),
    transactionHash: log.transactionHash,
    address: log.address,
    eventName: decoded.eventName ?? "",
    args,
    integraHash: args.integraHash as Hex,
    processHash: args.processHash as Hex,
    timestamp: (args.timestamp as bigint | undefined) ?? 0n,
    removed: log.removed === true,
  };
}

/** Newest first: by block, then by position in the block. */
export function newestFirst(a: TimelineEntry, b: TimelineEntry): number {
  if (a.blockNumber !== b.blockNumber) return a.blockNumber > b.blockNumber ? -1 : 1;
  return b.logIndex - a.logIndex;
}
