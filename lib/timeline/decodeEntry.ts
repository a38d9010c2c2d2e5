import { type Abi, type Address, type DecodeEventLogReturnType, type Hex, decodeEventLog } from "viem";
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

/** A decoded timeline event, placed: where it stands in its chain, and its record, workflow and time. */
export type TimelineEntry = Placed<IntegraEventLog>;

/** Decodes one Integra log into a timeline entry; undefined for logs that are not Integra events or are pending. */
export function decodeEntry(log: RpcLog): TimelineEntry | undefined {
  return decodeLayoutLog(log, integraTimelineEvents);
}

/** The fields every decoded log of the Integra layout carries: where it stands, and its record, workflow and time. */
type Placed<decoded> = decoded & {
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

/**
 * Decodes a mined log with `abi`, whose events all follow the Integra layout (integraHash, processHash, timestamp),
 * and places it: undefined for a pending log or one `abi` does not decode. The timeline's events and the watch's
 * condition events (lib/timeline/conditionEvents.ts) share it.
 */
export function decodeLayoutLog<const abi extends Abi>(
  log: RpcLog,
  abi: abi,
): Placed<DecodeEventLogReturnType<abi, undefined, [Hex, ...Hex[]], Hex, true>> | undefined {
  if (log.blockNumber === null || log.blockHash === null || log.logIndex === null || log.transactionHash === null) return undefined;
  let decoded: DecodeEventLogReturnType<abi, undefined, [Hex, ...Hex[]], Hex, true>;
  try {
    decoded = decodeEventLog({ abi, topics: log.topics as [Hex, ...Hex[]], data: log.data, strict: true });
  } catch {
    return undefined;
  }
  // Every event of the layout has these three arguments; a generic ABI's decoded arguments cannot say so to tsc.
  const args = decoded.args as unknown as { integraHash: Hex; processHash: Hex; timestamp: bigint };
  return {
    ...decoded,
    id: `${log.transactionHash}:${Number(log.logIndex)}`,
    blockNumber: BigInt(log.blockNumber),
    blockHash: log.blockHash,
    logIndex: Number(log.logIndex),
    transactionHash: log.transactionHash,
    address: log.address,
    integraHash: args.integraHash,
    processHash: args.processHash,
    timestamp: args.timestamp,
    removed: log.removed === true,
  };
}

/** Newest first: by block, then by position in the block. */
export function newestFirst(a: TimelineEntry, b: TimelineEntry): number {
  if (a.blockNumber !== b.blockNumber) return a.blockNumber > b.blockNumber ? -1 : 1;
  return b.logIndex - a.logIndex;
}
