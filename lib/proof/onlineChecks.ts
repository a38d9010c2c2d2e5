import { BlockNotFoundError, type PublicClient, zeroHash } from "viem";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import { formatTimestamp } from "@/lib/format/time";
import type { RpcLog } from "@/lib/timeline/decodeEntry";
import { fetchLogs } from "@/lib/timeline/readTimeline";
import { readAttestation } from "./attestations";
import { type ProofCheck, count, failed, passed } from "./checkOutcome";
import type { ProofAttestation, ProofBundle } from "./proofBundle";
import { decodeProofLog, describeLog, logDifference, proofAddresses, sameHex } from "./proofLogs";

/** What the online checks read: the chain id, one block, the record's logs, and EAS. */
export type ProofClient = Pick<PublicClient, "request" | "getBlockNumber" | "getChainId" | "getBlock" | "readContract">;

/** The node serves the proof's chain; without it no other online check means anything. */
export async function checkChainOnline(bundle: ProofBundle, client: ProofClient): Promise<ProofCheck> {
  const title = "The node serves the proof's chain";
  const chainId = await client.getChainId();
  if (chainId !== bundle.chainId) {
    return failed(
      "chain-online",
      title,
      `chainId is ${bundle.chainId}, but the node serves chain ${chainId}: nothing else could be re-read.`,
      true,
    );
  }
  return passed("chain-online", title, `The node serves chain ${chainId}.`, true);
}

/** The block the proof was read at is still the chain's block at that height (no reorganization or restart since). */
export async function checkBlockOnline(bundle: ProofBundle, client: ProofClient): Promise<ProofCheck> {
  const title = "The proof's block is still on the chain";
  let hash;
  try {
    hash = (await client.getBlock({ blockNumber: BigInt(bundle.block.number) })).hash;
  } catch (error) {
    if (!(error instanceof BlockNotFoundError)) throw error;
    return failed(
      "block-online",
      title,
      `block.number ${bundle.block.number} is beyond the chain's last block: was the chain restarted?`,
      true,
    );
  }
  if (!sameHex(hash, bundle.block.hash)) {
    return failed(
      "block-online",
      title,
      `block.hash is ${bundle.block.hash}, but the chain's block ${bundle.block.number} is ${hash}: the chain changed since, or the hash was altered.`,
      true,
    );
  }
  return passed("block-online", title, `Block ${bundle.block.number} on the chain has the hash the proof records.`, true);
}

/**
 * The record's events re-read from the chain with the app's one log reader (every Integra event of the record,
 * from its first event's block to the proof's block, each returned with its block hash): every event of the proof
 * is on the chain, identical and in the same block, and the chain has none the proof leaves out.
 */
export async function checkEventsOnline(bundle: ProofBundle, client: ProofClient): Promise<ProofCheck> {
  const title = "Every event is on the chain, and none is left out";
  const fail = (detail: string) => failed("events-online", title, detail, true);
  const blocks = [BigInt(bundle.record.registeredBlock), ...bundle.logs.map((l) => BigInt(l.blockNumber))];
  const from = blocks.reduce((a, b) => (b < a ? b : a));
  const to = BigInt(bundle.block.number);
  const { logs } = await fetchLogs(
    client,
    { addresses: proofAddresses(bundle.contracts), integraHash: bundle.integraHash, fromBlock: from },
    from,
    to,
    LOG_BLOCK_RANGE,
  );
  const key = (transactionHash: string, logIndex: number) => `${transactionHash.toLowerCase()}:${logIndex}`;
  const onChain = new Map<string, RpcLog>(
    logs.filter((l) => l.removed !== true && l.transactionHash && l.logIndex).map((l) => [key(l.transactionHash!, Number(l.logIndex)), l]),
  );
  for (const [i, log] of bundle.logs.entries()) {
    const chainLog = onChain.get(key(log.transactionHash, log.logIndex));
    if (!chainLog) {
      return fail(`${describeLog(log, i)}: the chain has no such event (transaction ${log.transactionHash}, log index ${log.logIndex}).`);
    }
    onChain.delete(key(log.transactionHash, log.logIndex));
    if (!chainLog.blockHash || !sameHex(chainLog.blockHash, log.blockHash)) {
      return fail(`logs[${i}].blockHash is ${log.blockHash}, but the chain has this event in block ${chainLog.blockHash}.`);
    }
    if (chainLog.blockNumber === null || BigInt(chainLog.blockNumber) !== BigInt(log.blockNumber)) {
      return fail(
        `logs[${i}].blockNumber is ${log.blockNumber}, but the chain has this event in block ${BigInt(chainLog.blockNumber ?? 0)}.`,
      );
    }
    const difference = logDifference(log, {
      address: chainLog.address,
      topics: chainLog.topics,
      data: chainLog.data,
      logIndex: log.logIndex,
    });
    if (difference) return fail(`logs[${i}].${difference} differs from the chain's copy of this event.`);
  }
  const [left] = onChain.values();
  if (left) {
    const name = decodeProofLog({
      address: left.address,
      topics: left.topics,
      data: left.data,
      blockNumber: BigInt(left.blockNumber ?? 0).toString(),
      blockHash: left.blockHash ?? zeroHash,
      transactionHash: left.transactionHash ?? zeroHash,
      logIndex: Number(left.logIndex),
    })?.eventName;
    return fail(
      `logs: the proof leaves out ${name ?? "an event"} in block ${BigInt(left.blockNumber ?? 0)} (transaction ${left.transactionHash}), which is on the chain.`,
    );
  }
  return passed(
    "events-online",
    title,
    `All ${count(bundle.logs.length, "event")} were re-read from the chain, identical and in the same blocks; the chain has no other event of this record up to block ${bundle.block.number}.`,
    true,
  );
}

const ATTESTATION_FIELDS = ["schema", "recipient", "attester", "time", "expirationTime", "refUID", "revocable", "data"] as const;

function sameField(a: ProofAttestation, b: ProofAttestation, field: (typeof ATTESTATION_FIELDS)[number]): boolean {
  const x = a[field];
  const y = b[field];
  return typeof x === "string" && typeof y === "string" ? sameHex(x, y) : x === y;
}

/**
 * Every attestation re-read from EAS is identical. A revocation after the proof was made is not a flaw in the proof;
 * it is reported, since the capability it granted is void from then on.
 */
export async function checkAttestationsOnline(bundle: ProofBundle, client: ProofClient): Promise<ProofCheck> {
  const title = "Every attestation is in EAS, unchanged";
  const fail = (detail: string) => failed("attestations-online", title, detail, true);
  const current = await Promise.all(bundle.attestations.map((a) => readAttestation(client, bundle.contracts.eas, a.uid)));
  const revokedSince: string[] = [];
  for (const [i, attestation] of bundle.attestations.entries()) {
    const chain = current[i];
    if (sameHex(chain.uid, zeroHash)) return fail(`attestations[${i}] (${attestation.uid}) is not in EAS on this chain.`);
    const field = ATTESTATION_FIELDS.find((f) => !sameField(attestation, chain, f));
    if (field) return fail(`attestations[${i}].${field} is ${String(attestation[field])}, but EAS has ${String(chain[field])}.`);
    if (attestation.revocationTime !== chain.revocationTime) {
      if (attestation.revocationTime !== "0") {
        return fail(`attestations[${i}].revocationTime is ${attestation.revocationTime}, but EAS has ${chain.revocationTime}.`);
      }
      revokedSince.push(
        `attestation ${attestation.uid} was revoked on ${formatTimestamp(BigInt(chain.revocationTime))}, after the proof was made`,
      );
    }
  }
  if (bundle.attestations.length === 0) return passed("attestations-online", title, "The proof has no attestations to re-read.", true);
  const summary = `All ${count(bundle.attestations.length, "attestation")} were re-read from EAS and are identical.`;
  return passed("attestations-online", title, revokedSince.length ? `${summary} Note: ${revokedSince.join("; ")}.` : summary, true);
}
