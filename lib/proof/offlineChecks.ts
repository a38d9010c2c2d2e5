import type { Hex } from "viem";
import { CAPABILITY } from "@/lib/capabilities";
import { attestationUid, decodeCapabilityData } from "./attestations";
import type { ProofDeployment } from "./expectedDeployment";
import { type ProofCheck, count, failed, passed } from "./checkOutcome";
import type { ProofAttestation, ProofBundle, ProofContracts } from "./proofBundle";
import { decodeProofLog, describeLog, logDifference, proofAddresses, sameHex } from "./proofLogs";

/** The proof is of the chain this checker reads. */
export function checkChain(bundle: ProofBundle, expected: ProofDeployment): ProofCheck {
  const title = "Made on this chain";
  if (bundle.chainId !== expected.chainId) {
    return failed(
      "chain",
      title,
      `chainId is ${bundle.chainId}, but this checker reads chain ${expected.chainId} (${expected.chainName}): the proof is of another chain.`,
    );
  }
  return passed("chain", title, `The proof is for chain ${bundle.chainId} (${expected.chainName}), the chain this checker reads.`);
}

const CONTRACT_NAMES: Record<keyof ProofContracts, string> = {
  registry: "Integra registry",
  ownershipTokenizer: "ownership tokenizer",
  multiPartyTokenizer: "multi-party tokenizer",
  capabilityResolver: "capability resolver",
  signal: "payment signal contract",
  allowlistResolver: "allowlist resolver",
  eas: "EAS contract",
};

/** The contracts and capability schema the proof names are this deployment's (so no look-alike contract can stand in). */
export function checkContracts(bundle: ProofBundle, expected: ProofDeployment): ProofCheck {
  const title = "Names this chain's Integra contracts";
  for (const key of Object.keys(CONTRACT_NAMES) as (keyof ProofContracts)[]) {
    if (!sameHex(bundle.contracts[key], expected.contracts[key])) {
      return failed(
        "contracts",
        title,
        `contracts.${key} is ${bundle.contracts[key]}, but this chain's ${CONTRACT_NAMES[key]} is ${expected.contracts[key]}.`,
      );
    }
  }
  if (!sameHex(bundle.capabilitySchemaUid, expected.capabilitySchemaUid)) {
    return failed(
      "contracts",
      title,
      `capabilitySchemaUid is ${bundle.capabilitySchemaUid}, but this chain's capability schema is ${expected.capabilitySchemaUid}.`,
    );
  }
  return passed(
    "contracts",
    title,
    "The registry, tokenizers, capability resolver, signal contract and EAS it names are this deployment's.",
  );
}

/** Every log is an Integra event (decoded by the app's one decoder) from one of the proof's Integra contracts, listed once. */
export function checkEventsDecode(bundle: ProofBundle): ProofCheck {
  const title = "Every event is an Integra event";
  if (bundle.logs.length === 0) return failed("events-decode", title, "logs is empty: a record has at least its registration event.");
  const addresses = proofAddresses(bundle.contracts);
  const seen = new Map<string, number>();
  for (const [i, log] of bundle.logs.entries()) {
    if (!addresses.some((a) => sameHex(a, log.address))) {
      return failed("events-decode", title, `logs[${i}].address ${log.address} is not one of the proof's Integra contracts.`);
    }
    if (!decodeProofLog(log)) {
      return failed("events-decode", title, `logs[${i}] does not decode as an Integra event: its topics or data are malformed.`);
    }
    const key = `${log.transactionHash.toLowerCase()}:${log.logIndex}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      return failed("events-decode", title, `logs[${i}] repeats logs[${earlier}] (same transaction and log index).`);
    seen.set(key, i);
  }
  return passed("events-decode", title, `All ${count(bundle.logs.length, "event")} decode as Integra events from the proof's contracts.`);
}

/** Every log carries this record's integraHash (topic1) and its workflow's processHash (topic2), the layout of every Integra event. */
export function checkEventsRecord(bundle: ProofBundle): ProofCheck {
  const title = "Every event belongs to this record";
  for (const [i, log] of bundle.logs.entries()) {
    if (!log.topics[1] || !sameHex(log.topics[1], bundle.integraHash)) {
      return failed(
        "events-record",
        title,
        `logs[${i}].topics[1] is ${log.topics[1] ?? "missing"}, not this record's integraHash ${bundle.integraHash}.`,
      );
    }
    if (!log.topics[2] || !sameHex(log.topics[2], bundle.record.processHash)) {
      return failed(
        "events-record",
        title,
        `logs[${i}].topics[2] is ${log.topics[2] ?? "missing"}, not this record's workflow (processHash) ${bundle.record.processHash}.`,
      );
    }
  }
  return passed(
    "events-record",
    title,
    `All ${count(bundle.logs.length, "event")} carry this record's integraHash and its workflow's processHash.`,
  );
}

/** Every log is, identically, in the receipt of its (successful) transaction, in the same block, at or before the proof's block. */
export function checkEventsInReceipts(bundle: ProofBundle): ProofCheck {
  const title = "Every event is in its transaction's receipt";
  const proofBlock = BigInt(bundle.block.number);
  for (const [i, log] of bundle.logs.entries()) {
    const where = describeLog(log, i);
    if (BigInt(log.blockNumber) > proofBlock) {
      return failed(
        "events-in-receipts",
        title,
        `logs[${i}].blockNumber ${log.blockNumber} is after the proof's block ${bundle.block.number}.`,
      );
    }
    const r = bundle.receipts.findIndex((receipt) => sameHex(receipt.transactionHash, log.transactionHash));
    if (r < 0) return failed("events-in-receipts", title, `${where}: no receipt for its transaction ${log.transactionHash} in receipts.`);
    const receipt = bundle.receipts[r];
    if (receipt.status !== "success") {
      return failed("events-in-receipts", title, `receipts[${r}].status is "${receipt.status}": a reverted transaction emits no events.`);
    }
    if (!sameHex(receipt.blockHash, log.blockHash)) {
      return failed(
        "events-in-receipts",
        title,
        `logs[${i}].blockHash is ${log.blockHash}, but its transaction's receipt (receipts[${r}]) is in block ${receipt.blockHash}.`,
      );
    }
    if (receipt.blockNumber !== log.blockNumber) {
      return failed(
        "events-in-receipts",
        title,
        `logs[${i}].blockNumber is ${log.blockNumber}, but its transaction's receipt (receipts[${r}]) is in block ${receipt.blockNumber}.`,
      );
    }
    const k = receipt.logs.findIndex((l) => l.logIndex === log.logIndex);
    if (k < 0) return failed("events-in-receipts", title, `${where}: receipts[${r}] has no log with index ${log.logIndex}.`);
    const difference = logDifference(log, receipt.logs[k]);
    if (difference) {
      return failed(
        "events-in-receipts",
        title,
        `logs[${i}].${difference} differs from its transaction's receipt (receipts[${r}].logs[${k}].${difference}).`,
      );
    }
  }
  const transactions = new Set(bundle.logs.map((l) => l.transactionHash.toLowerCase())).size;
  return passed(
    "events-in-receipts",
    title,
    `All ${count(bundle.logs.length, "event")} are in the receipts of their ${count(transactions, "transaction")}, in the same blocks, and every transaction succeeded.`,
  );
}

/** Every attestation's UID is the hash of its fields, as EAS computes it: no field was changed after the fact. */
export function checkAttestationUids(bundle: ProofBundle): ProofCheck {
  const title = "Every attestation's ID matches its contents";
  for (const [i, attestation] of bundle.attestations.entries()) {
    const computed = attestationUid(attestation);
    if (!sameHex(computed, attestation.uid)) {
      return failed(
        "attestation-uids",
        title,
        `attestations[${i}]: its uid ${attestation.uid} is not the hash of its fields (EAS would give ${computed}): one of schema, recipient, attester, time, expirationTime, revocable, refUID or data was changed.`,
      );
    }
  }
  if (bundle.attestations.length === 0) return passed("attestation-uids", title, "The proof has no attestations.");
  return passed(
    "attestation-uids",
    title,
    `All ${count(bundle.attestations.length, "attestation")} have the ID EAS computes from their contents.`,
  );
}

/**
 * Every capability grant, revocation and claim names an attestation in the proof, and that attestation is a
 * capability attestation for this record, its workflow, the event's token and the event's recipient; a claim's
 * attestation grants CLAIM. Every attestation in the proof is named by some event.
 */
export function checkAttestationLinks(bundle: ProofBundle): ProofCheck {
  const title = "Every grant and claim has its attestation, for this record";
  const fail = (detail: string) => failed("attestation-links", title, detail);
  const used = new Set<number>();
  let grants = 0;
  let claims = 0;

  function find(uid: Hex, logIndex: number, eventName: string): { index: number; attestation: ProofAttestation } | string {
    const index = bundle.attestations.findIndex((a) => sameHex(a.uid, uid));
    if (index < 0) return `logs[${logIndex}] (${eventName}) names attestation ${uid}, which is not in attestations.`;
    used.add(index);
    return { index, attestation: bundle.attestations[index] };
  }

  /** The attestation's data as a capability grant for this record and workflow, or what is wrong with it. */
  function grantOf(index: number, attestation: ProofAttestation) {
    if (!sameHex(attestation.schema, bundle.capabilitySchemaUid)) {
      return `attestations[${index}].schema is ${attestation.schema}, not the capability schema ${bundle.capabilitySchemaUid}.`;
    }
    const grant = decodeCapabilityData(attestation.data);
    if (!grant) return `attestations[${index}].data is not a capability grant (integraHash, tokenId, capabilities, processHash).`;
    if (!sameHex(grant.integraHash, bundle.integraHash)) {
      return `attestations[${index}].data names record ${grant.integraHash}, not this record ${bundle.integraHash}.`;
    }
    if (!sameHex(grant.processHash, bundle.record.processHash)) {
      return `attestations[${index}].data names workflow ${grant.processHash}, not this record's ${bundle.record.processHash}.`;
    }
    return grant;
  }

  for (const [i, log] of bundle.logs.entries()) {
    const entry = decodeProofLog(log);
    if (!entry) continue;
    if (entry.eventName === "CapabilityGranted" || entry.eventName === "CapabilityRevoked") {
      const found = find(entry.args.attestationUid, i, entry.eventName);
      if (typeof found === "string") return fail(found);
      const { index, attestation } = found;
      const grant = grantOf(index, attestation);
      if (typeof grant === "string") return fail(grant);
      if (!sameHex(attestation.recipient, entry.args.recipient)) {
        return fail(
          `attestations[${index}].recipient is ${attestation.recipient}, but logs[${i}] (${entry.eventName}) says ${entry.args.recipient}.`,
        );
      }
      if (entry.eventName === "CapabilityGranted") {
        grants++;
        const { args } = entry;
        if (!sameHex(attestation.attester, args.attester)) {
          return fail(
            `attestations[${index}].attester is ${attestation.attester}, but logs[${i}] (CapabilityGranted) says ${args.attester}.`,
          );
        }
        if (BigInt(attestation.expirationTime) !== args.expirationTime) {
          return fail(
            `attestations[${index}].expirationTime is ${attestation.expirationTime}, but logs[${i}] (CapabilityGranted) says ${args.expirationTime}.`,
          );
        }
        if (grant.tokenId !== args.tokenId || grant.capabilities !== args.capabilities) {
          return fail(
            `attestations[${index}].data grants token ${grant.tokenId} bits ${grant.capabilities}, but logs[${i}] (CapabilityGranted) says token ${args.tokenId} bits ${args.capabilities}.`,
          );
        }
      }
    } else if (entry.eventName === "TokenClaimed") {
      claims++;
      const found = find(entry.args.attestationUid, i, entry.eventName);
      if (typeof found === "string") return fail(found);
      const { index, attestation } = found;
      const grant = grantOf(index, attestation);
      if (typeof grant === "string") return fail(grant);
      if (!sameHex(attestation.recipient, entry.args.claimant)) {
        return fail(
          `attestations[${index}].recipient is ${attestation.recipient}, but logs[${i}] (TokenClaimed) was claimed by ${entry.args.claimant}.`,
        );
      }
      if (grant.tokenId !== 0n && grant.tokenId !== entry.args.tokenId) {
        return fail(
          `attestations[${index}].data is for token ${grant.tokenId}, but logs[${i}] (TokenClaimed) claims token ${entry.args.tokenId}.`,
        );
      }
      if ((grant.capabilities & CAPABILITY.CLAIM) === 0n) {
        return fail(`attestations[${index}].data does not grant CLAIM, yet logs[${i}] (TokenClaimed) claims with it.`);
      }
    }
  }
  const unused = bundle.attestations.findIndex((_, index) => !used.has(index));
  if (unused >= 0) return fail(`attestations[${unused}] (${bundle.attestations[unused].uid}) is not named by any event of the record.`);
  return passed(
    "attestation-links",
    title,
    `Each of the ${count(grants, "capability grant")} and ${count(claims, "claim")} names its attestation in the proof, for this record, its token and its recipient.`,
  );
}

/** The document's SHA-256 (computed by the caller, on disk or in the browser) is the record's content hash. */
export function checkFile(bundle: ProofBundle, fileHash: Hex): ProofCheck {
  const title = "The document is the registered one";
  if (!sameHex(fileHash, bundle.record.contentHash)) {
    return failed(
      "file",
      title,
      `The document's SHA-256 is ${fileHash}, but record.contentHash is ${bundle.record.contentHash}: this is not the registered document.`,
    );
  }
  return passed("file", title, `The document's SHA-256 is ${fileHash}, the record's content hash.`);
}
