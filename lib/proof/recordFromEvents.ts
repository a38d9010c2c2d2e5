import { type Address, zeroAddress } from "viem";
import type { TimelineEntry } from "@/lib/timeline/decodeEntry";
import { type ProofCheck, failed, passed } from "./checkOutcome";
import type { ProofBundle } from "./proofBundle";
import { decodeProofLog, sameHex } from "./proofLogs";

const ID = "record-from-events";
const TITLE = "The record's details agree with its events";

interface DerivedRecord {
  owner: Address;
  executor: Address;
  pendingOwner: Address;
  resolvers: Address[];
}

/**
 * Replays the record's administrative events in chain order as the registry applies them (IntegraRecordV1): the
 * registration sets owner and executor, an accepted transfer replaces the owner, an offer sets the pending owner,
 * a removed resolver is swapped with the last and popped.
 */
function replay(entries: TimelineEntry[], registration: Extract<TimelineEntry, { eventName: "RecordRegistered" }>): DerivedRecord {
  const state: DerivedRecord = {
    owner: registration.args.owner,
    executor: registration.args.executor,
    pendingOwner: zeroAddress,
    resolvers: [],
  };
  for (const entry of entries) {
    switch (entry.eventName) {
      case "OwnershipTransferred":
        state.owner = entry.args.newOwner;
        state.pendingOwner = zeroAddress;
        break;
      case "OwnershipOffered":
        state.pendingOwner = entry.args.pendingOwner;
        break;
      case "OwnershipOfferCancelled":
        state.pendingOwner = zeroAddress;
        break;
      case "ExecutorChanged":
        state.executor = entry.args.newExecutor;
        break;
      case "ResolverAdded":
        state.resolvers.push(entry.args.resolver);
        break;
      case "ResolverRemoved": {
        const i = state.resolvers.findIndex((r) => sameHex(r, entry.args.resolver));
        if (i >= 0) {
          state.resolvers[i] = state.resolvers[state.resolvers.length - 1];
          state.resolvers.pop();
        }
        break;
      }
    }
  }
  return state;
}

/**
 * The record snapshot follows from the events: exactly one RecordRegistered, whose content hash, workflow,
 * tokenizer, block and time are the record's, and the owner, executor, pending owner and resolvers that replaying
 * the events gives.
 */
export function recordFromEvents(bundle: ProofBundle): ProofCheck {
  const entries = bundle.logs
    .map(decodeProofLog)
    .filter((e): e is TimelineEntry => e !== undefined)
    .sort((a, b) => (a.blockNumber !== b.blockNumber ? (a.blockNumber < b.blockNumber ? -1 : 1) : a.logIndex - b.logIndex));
  const registrations = entries.filter((e) => e.eventName === "RecordRegistered");
  if (registrations.length !== 1) {
    return failed(ID, TITLE, `logs: expected one RecordRegistered event (the registration), found ${registrations.length}.`);
  }
  const [registration] = registrations;
  const { record } = bundle;
  const mismatch = (field: string, inRecord: string, inEvents: string) =>
    failed(ID, TITLE, `record.${field} is ${inRecord}, but the events say ${inEvents}.`);

  if (!sameHex(record.contentHash, registration.args.contentHash)) {
    return mismatch("contentHash", record.contentHash, `${registration.args.contentHash} (the RecordRegistered event's content hash)`);
  }
  if (!sameHex(record.processHash, registration.args.processHash)) {
    return mismatch("processHash", record.processHash, `${registration.args.processHash} (the RecordRegistered event's workflow)`);
  }
  if (!sameHex(record.tokenizer, registration.args.tokenizer)) {
    return mismatch("tokenizer", record.tokenizer, `${registration.args.tokenizer} (the RecordRegistered event's tokenizer)`);
  }
  if (BigInt(record.registeredBlock) !== registration.blockNumber) {
    return mismatch("registeredBlock", record.registeredBlock, `block ${registration.blockNumber} (where RecordRegistered is)`);
  }
  if (BigInt(record.registeredAt) !== registration.timestamp) {
    return mismatch("registeredAt", record.registeredAt, `${registration.timestamp} (the RecordRegistered event's time)`);
  }
  const derived = replay(entries, registration);
  if (!sameHex(record.owner, derived.owner)) return mismatch("owner", record.owner, `${derived.owner} (registration and transfers)`);
  if (!sameHex(record.executor, derived.executor)) {
    return mismatch("executor", record.executor, `${derived.executor} (registration and executor changes)`);
  }
  if (!sameHex(record.pendingOwner, derived.pendingOwner)) {
    return mismatch("pendingOwner", record.pendingOwner, `${derived.pendingOwner} (ownership offers)`);
  }
  const resolvers =
    record.resolvers.length === derived.resolvers.length && record.resolvers.every((r, i) => sameHex(r, derived.resolvers[i]));
  if (!resolvers) {
    return mismatch("resolvers", `[${record.resolvers.join(", ")}]`, `[${derived.resolvers.join(", ")}] (resolvers added and removed)`);
  }
  return passed(
    ID,
    TITLE,
    `Registered by ${registration.args.owner} in block ${registration.blockNumber} with content hash ${record.contentHash}; owner, executor and resolvers follow from ${entries.length} events.`,
  );
}
