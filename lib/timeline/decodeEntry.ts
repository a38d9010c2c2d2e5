import { type Address, type DecodeEventLogReturnType, type Hex, decodeEventLog } from "viem";
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

/** The decoded event itself: the union of the timeline events' names and their typed arguments. */
export type IntegraEventLog = DecodeEventLogReturnType<typeof integraTimelineEvents, undefined, [Hex, ...Hex[]], Hex, true>;

export type TimelineEntry = IntegraEventLog & {
  /** Stable identity of the log: the same log fetched twice has the same id. */
  id: string;
  blockNumber: bigint;
  /** The block's hash: the same log in a block that a reorg replaced has another. */
  blockHash: Hex;
  logIndex: number;
  transactionHash: Hex;
  address: Address;
  integraHash: Hex;
  processHash: Hex;
  timestamp: bigint;
  removed: boolean;
};

/** Decodes one Integra log into a timeline entry; undefined for logs that are not Integra events or are pending. */
export function decodeEntry(log: RpcLog): TimelineEntry | undefined {
  if (log.blockNumber === null || log.blockHash === null || log.logIndex === null || log.transactionHash === null) return undefined;
  let decoded;
  try {
    decoded = decodeEventLog({ abi: integraTimelineEvents, topics: log.topics as [Hex, ...Hex[]], data: log.data, strict: true });
  } catch {
    return undefined;
  }
  return {
    ...decoded,
    id: `${log.transactionHash}:${Number(log.logIndex)}`,
    blockNumber: BigInt(log.blockNumber),
    blockHash: log.blockHash,
    logIndex: Number(log.logIndex),
    transactionHash: log.transactionHash,
    address: log.address,
    integraHash: decoded.args.integraHash,
    processHash: decoded.args.processHash,
    timestamp: decoded.args.timestamp,
    removed: log.removed === true,
  };
}

/** Newest first: by block, then by position in the block. */
export function newestFirst(a: TimelineEntry, b: TimelineEntry): number {
  if (a.blockNumber !== b.blockNumber) return a.blockNumber > b.blockNumber ? -1 : 1;
  return b.logIndex - a.logIndex;
}
