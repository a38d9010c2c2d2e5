import { type Address, numberToHex } from "viem";
import type { RpcLog, TimelineEntry } from "@/lib/timeline/decodeEntry";
import { decodeEntry } from "@/lib/timeline/decodeEntry";
import type { ProofContracts, ProofLog, ProofReceiptLog } from "./proofBundle";

/** The contracts whose events make a record's timeline (EAS is not one: its events do not carry the record). */
export function proofAddresses(contracts: ProofContracts): Address[] {
  return [
    contracts.registry,
    contracts.ownershipTokenizer,
    contracts.multiPartyTokenizer,
    contracts.capabilityResolver,
    contracts.signal,
    contracts.allowlistResolver,
  ];
}

/** A bundle's log as eth_getLogs returns it, for the app's one event decoder. */
export function toRpcLog(log: ProofLog): RpcLog {
  return {
    address: log.address,
    topics: log.topics,
    data: log.data,
    blockNumber: numberToHex(BigInt(log.blockNumber)),
    blockHash: log.blockHash,
    transactionHash: log.transactionHash,
    logIndex: numberToHex(log.logIndex),
  };
}

/** A bundle's log decoded by the app's one event decoder (lib/timeline/decodeEntry); undefined if it is not an Integra event. */
export function decodeProofLog(log: ProofLog): TimelineEntry | undefined {
  return decodeEntry(toRpcLog(log));
}

/** A log's position, for messages: "logs[3] (TokenReserved, block 42)". */
export function describeLog(log: ProofLog, index: number): string {
  const name = decodeProofLog(log)?.eventName;
  return `logs[${index}] (${name ? `${name}, ` : ""}block ${log.blockNumber}, log index ${log.logIndex})`;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The first field in which two copies of one log differ ("address", "topics[1]", "data", "logIndex"; hex compared
 * without regard to case), or undefined when they are the same log.
 */
export function logDifference(a: ProofReceiptLog, b: ProofReceiptLog): string | undefined {
  if (!same(a.address, b.address)) return "address";
  if (a.topics.length !== b.topics.length) return "topics";
  const topic = a.topics.findIndex((t, i) => !same(t, b.topics[i]));
  if (topic >= 0) return `topics[${topic}]`;
  if (!same(a.data, b.data)) return "data";
  if (a.logIndex !== b.logIndex) return "logIndex";
  return undefined;
}

export { same as sameHex };
