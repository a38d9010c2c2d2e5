import {
  type Address,
  type DecodeEventLogReturnType,
  type Hex,
  decodeAbiParameters,
  encodeAbiParameters,
  encodeEventTopics,
  getAbiItem,
  isAddressEqual,
  numberToHex,
  parseAbi,
  toEventSelector,
  zeroHash,
} from "viem";
import { readLogsAdaptively } from "@/lib/chain/adaptiveLogs";
import { logEndpointOf } from "@/lib/chain/logRangeMemory";
import { logsInWindows } from "@/lib/chain/logsInWindows";
import type { ReadClient } from "@/lib/chain/readClient";
import { integraOf } from "@/lib/contracts";
import { escrowOf } from "@/lib/escrow/escrowContract";
import { easAbi, integraEscrowV1EventsAbi } from "@/lib/generated/integra";
import type { EntryText } from "./describeEntry";
import { describeEntry } from "./describeEntry";
import { type RpcLog, type TimelineEntry, decodeEntry, decodeLayoutLog } from "./decodeEntry";

/**
 * The condition attestations an escrow waits on (an inspection passed, a compliance check, a delivery confirmed), as
 * watch events. They are EAS's events, not an Integra contract's: EAS's `Attested` and `Revoked` carry neither the
 * record nor the workflow, so a watcher would not see them. The watch reads them (one more eth_getLogs per poll, on the
 * condition schema), reads each attestation's record from its data, and delivers it in the Integra layout (topic1
 * integraHash, topic2 processHash, topic3 the attester) under the names below, at the EAS log's own place (block hash,
 * log index), so cursors, retractions and delivery ids work as for every other event.
 *
 * Only an attestation by an attester that an escrow of the record names (on the condition schema) is delivered:
 * anyone may attest anything on EAS, but only the record's owner or executor opens its escrows, so nobody else can put
 * an event on a record's or a workflow's watch. The record's workflow is the escrow's (IntegraEscrowV1 stamps it).
 */
export const conditionEventsAbi = parseAbi([
  "event ConditionAttested(bytes32 indexed integraHash, bytes32 indexed processHash, address indexed attester, bytes32 uid, string condition, string statement, uint256 timestamp)",
  "event ConditionRevoked(bytes32 indexed integraHash, bytes32 indexed processHash, address indexed attester, bytes32 uid, string condition, string statement, uint256 timestamp)",
]);

export const CONDITION_EVENT_NAMES = ["ConditionAttested", "ConditionRevoked"] as const;

export type ConditionEventLog = DecodeEventLogReturnType<typeof conditionEventsAbi, undefined, [Hex, ...Hex[]], Hex, true>;

/** A condition attestation or revocation, placed as a timeline entry is. */
export type ConditionEntry = ConditionEventLog & Omit<TimelineEntry, "eventName" | "args">;

/** What a watch delivers: an Integra event, or a condition attestation an escrow of the record waits on. */
export type WatchEntry = TimelineEntry | ConditionEntry;

export function isConditionEntry(entry: WatchEntry): entry is ConditionEntry {
  return entry.eventName === "ConditionAttested" || entry.eventName === "ConditionRevoked";
}

/** A condition log the watch made (see conditionLogSource), decoded; undefined for any other log. */
export function decodeConditionEntry(log: RpcLog): ConditionEntry | undefined {
  return decodeLayoutLog(log, conditionEventsAbi);
}

/** Any log a watch delivers: an Integra event, or a condition log. */
export function decodeWatchEntry(log: RpcLog): WatchEntry | undefined {
  return decodeEntry(log) ?? decodeConditionEntry(log);
}

/** What a watch line says of an entry: a condition's own words, or the timeline's. */
export function describeWatchEntry(entry: WatchEntry): EntryText {
  if (!isConditionEntry(entry)) return describeEntry(entry);
  const { condition, statement, attester } = entry.args;
  return entry.eventName === "ConditionAttested"
    ? { title: `Condition “${condition}” attested`, who: attester, whoLabel: "by", detail: `“${statement}”` }
    : { title: `Condition “${condition}” attestation revoked`, who: attester, whoLabel: "by", detail: `it said “${statement}”` };
}

const easEvents = [getAbiItem({ abi: easAbi, name: "Attested" }), getAbiItem({ abi: easAbi, name: "Revoked" })];
const easSelectors = easEvents.map((event) => toEventSelector(event));
const escrowOpened = getAbiItem({ abi: integraEscrowV1EventsAbi, name: "EscrowOpened" });
const conditionParameters = [{ type: "bytes32" }, { type: "string" }, { type: "string" }] as const;
const conditionData = [{ type: "bytes32" }, { type: "string" }, { type: "string" }, { type: "uint256" }] as const;

/** The records a watch covers: one (its integraHash) or a workflow's (its processHash). */
export interface ConditionScope {
  integraHash?: Hex;
  processHash?: Hex;
}

/** Extra logs for a watch's poll over blocks [from, to], in the Integra layout. */
export type LogSource = (from: bigint, to: bigint) => Promise<RpcLog[]>;

const sameHex = (a: Hex, b: Hex) => a.toLowerCase() === b.toLowerCase();

/**
 * The condition attestations and revocations within `scope`, as logs a watch delivers (see conditionEventsAbi): one
 * eth_getLogs on EAS (both events, topic3 = the condition schema) per call; for each new one, the attestation and the
 * record's escrows are read once (a log re-read within the reorg window is answered from memory). EAS, the schema and
 * the escrow are those of the client's chain.
 */
export function conditionLogSource(client: ReadClient, scope: ConditionScope, maxRange = 0n): LogSource {
  const known = new Map<string, RpcLog | null>();
  const { eas, conditionSchemaUid } = integraOf(client);
  return async (from, to) => {
    if (conditionSchemaUid === zeroHash) return [];
    const { items } = await readLogsAdaptively(
      from,
      to,
      async (window) =>
        (await client.request(
          {
            method: "eth_getLogs",
            params: [
              {
                address: eas.address,
                topics: [easSelectors, null, null, conditionSchemaUid],
                fromBlock: numberToHex(window.fromBlock),
                toBlock: numberToHex(window.toBlock),
              },
            ],
          } as never,
          { retryCount: 0 },
        )) as RpcLog[],
      { endpoint: logEndpointOf(client), hint: maxRange },
    );
    for (const [key, log] of known) if (log && BigInt(log.blockNumber ?? 0) < from) known.delete(key);
    const escrowsByRecord = new Map<string, Promise<{ attester: Address; schema: Hex; processHash: Hex }[]>>();
    const out: RpcLog[] = [];
    for (const log of items) {
      if (log.removed || log.blockHash === null || log.logIndex === null) continue;
      const key = `${log.blockHash}:${Number(log.logIndex)}`;
      if (!known.has(key)) known.set(key, await conditionLog(client, scope, log, escrowsByRecord));
      const made = known.get(key);
      if (made) out.push(made);
    }
    return out;
  };
}

/** One EAS log as a condition log of `scope`, or null when it is not one (another record, no escrow names its attester). */
async function conditionLog(
  client: ReadClient,
  scope: ConditionScope,
  log: RpcLog,
  escrowsByRecord: Map<string, Promise<{ attester: Address; schema: Hex; processHash: Hex }[]>>,
): Promise<RpcLog | null> {
  const { eas, conditionSchemaUid } = integraOf(client);
  const revoked = sameHex(log.topics[0], easSelectors[1]);
  const [uid] = decodeAbiParameters([{ type: "bytes32" }], log.data);
  const attestation = await client.readContract({ ...eas, functionName: "getAttestation", args: [uid] });
  if (!sameHex(attestation.schema, conditionSchemaUid)) return null;
  let fields: readonly [Hex, string, string];
  try {
    fields = decodeAbiParameters(conditionParameters, attestation.data);
  } catch {
    return null;
  }
  const [integraHash, condition, statement] = fields;
  if (scope.integraHash && !sameHex(integraHash, scope.integraHash)) return null;
  let escrows = escrowsByRecord.get(integraHash.toLowerCase());
  if (!escrows) {
    escrows = escrowConditionsOf(client, integraHash);
    escrowsByRecord.set(integraHash.toLowerCase(), escrows);
  }
  const naming = (await escrows).find((e) => isAddressEqual(e.attester, attestation.attester) && sameHex(e.schema, conditionSchemaUid));
  if (!naming) return null;
  if (scope.processHash && !sameHex(naming.processHash, scope.processHash)) return null;
  const eventName = revoked ? "ConditionRevoked" : "ConditionAttested";
  return {
    address: log.address,
    topics: encodeEventTopics({
      abi: conditionEventsAbi,
      eventName,
      args: { integraHash, processHash: naming.processHash, attester: attestation.attester },
    }) as Hex[],
    data: encodeAbiParameters(conditionData, [uid, condition, statement, BigInt(revoked ? attestation.revocationTime : attestation.time)]),
    blockNumber: log.blockNumber,
    blockHash: log.blockHash,
    transactionHash: log.transactionHash,
    logIndex: log.logIndex,
  };
}

/** The attestation conditions of a record's escrows: who each names, on which schema, and the record's workflow. */
async function escrowConditionsOf(client: ReadClient, integraHash: Hex): Promise<{ attester: Address; schema: Hex; processHash: Hex }[]> {
  const escrow = escrowOf(client);
  const opened = await logsInWindows(client, integraOf(client).deployBlock, (window) =>
    client.getLogs({ address: escrow.address, event: escrowOpened, strict: true, args: { integraHash }, ...window }),
  );
  const stored = await Promise.all(
    opened.map((log) => client.readContract({ ...escrow, functionName: "getEscrow", args: [log.args.escrowId] })),
  );
  return stored.map((e) => ({ attester: e.attester, schema: e.attestationSchema, processHash: e.processHash }));
}
