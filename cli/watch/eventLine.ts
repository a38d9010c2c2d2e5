import { type WatchEntry, chainFor, describeWatchEntry } from "@/lib/sdk";
import { jsonLine } from "../format";

/**
 * One event as a JSON line of the published schema (cli/schemas/watch-event.schema.json): what happened, on which
 * chain (its id and name), where, and its decoded arguments (bigints as decimal strings). The webhook's body and the
 * hook's INTEGRA_EVENT are this line.
 * An escrow event's args carry its escrowId; a condition attestation (ConditionAttested, ConditionRevoked) its uid,
 * attester, condition and statement.
 */
export function eventLine(type: "event" | "retracted", entry: WatchEntry, chainId: number): string {
  const text = describeWatchEntry(entry);
  const line = {
    type,
    event: entry.eventName,
    title: text.title,
    chainId,
    chainName: chainFor(chainId).name,
    integraHash: entry.integraHash,
    processHash: entry.processHash,
    blockNumber: entry.blockNumber,
    blockHash: entry.blockHash,
    transactionHash: entry.transactionHash,
    logIndex: entry.logIndex,
    address: entry.address,
    timestamp: entry.timestamp,
    args: entry.args,
  };
  return jsonLine("watch-event", line);
}
