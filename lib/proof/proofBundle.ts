import type { Address, Hex } from "viem";

/**
 * A portable proof of one record: everything needed to check it offline (the record, its events with their
 * receipts, the attestations they reference) and the coordinates to re-read it online (chain id, contract
 * addresses, block hashes). Plain JSON: bigints are decimal strings, hashes and bytes 0x-hex.
 */
export interface ProofBundle {
  format: typeof PROOF_FORMAT;
  version: typeof PROOF_VERSION;
  /** When it was made (ISO 8601, the maker's clock): for people; the block below is what counts. */
  createdAt: string;
  chainId: number;
  contracts: ProofContracts;
  /** The EAS schema of capability attestations in this deployment. */
  capabilitySchemaUid: Hex;
  integraHash: Hex;
  /** The block the proof was read at: every event is at or before it. */
  block: { number: string; hash: Hex };
  record: ProofRecord;
  /** Every Integra event of the record up to `block`, oldest first, as the node returned them. */
  logs: ProofLog[];
  /** The receipt of every transaction that emitted one of `logs`. */
  receipts: ProofReceipt[];
  /** Every EAS attestation the events reference (CapabilityGranted, CapabilityRevoked, TokenClaimed). */
  attestations: ProofAttestation[];
}

export interface ProofContracts {
  registry: Address;
  ownershipTokenizer: Address;
  multiPartyTokenizer: Address;
  capabilityResolver: Address;
  signal: Address;
  allowlistResolver: Address;
  eas: Address;
}

/** The registry's view of the record at `block` (IntegraRecordV1.getRecord and pendingOwnerOf). */
export interface ProofRecord {
  owner: Address;
  executor: Address;
  pendingOwner: Address;
  tokenizer: Address;
  contentHash: Hex;
  processHash: Hex;
  registeredAt: string;
  registeredBlock: string;
  resolvers: Address[];
}

export interface ProofLog {
  address: Address;
  topics: Hex[];
  data: Hex;
  blockNumber: string;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: number;
}

/** A log as its receipt lists it (the receipt carries the block and transaction). */
export interface ProofReceiptLog {
  address: Address;
  topics: Hex[];
  data: Hex;
  logIndex: number;
}

export interface ProofReceipt {
  transactionHash: Hex;
  status: "success" | "reverted";
  blockHash: Hex;
  blockNumber: string;
  transactionIndex: number;
  from: Address;
  /** Null for a contract creation. */
  to: Address | null;
  logs: ProofReceiptLog[];
}

/** An EAS attestation as EAS.getAttestation returns it. */
export interface ProofAttestation {
  uid: Hex;
  schema: Hex;
  recipient: Address;
  attester: Address;
  time: string;
  expirationTime: string;
  revocationTime: string;
  refUID: Hex;
  revocable: boolean;
  data: Hex;
}

export const PROOF_FORMAT = "integra-proof";
export const PROOF_VERSION = 1;

/** A bundle that is not a well-formed proof: `field` is the JSON path of the first bad field (e.g. "logs[3].data"). */
export class ProofFormatError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(field ? `${field}: ${problem}` : problem);
    this.name = "ProofFormatError";
  }
}

const HEX = /^0x(?:[0-9a-fA-F]{2})*$/;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

type Json = unknown;

function object(value: Json, field: string): Record<string, Json> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ProofFormatError(field, "expected an object");
  return value as Record<string, Json>;
}

function array(value: Json, field: string): Json[] {
  if (!Array.isArray(value)) throw new ProofFormatError(field, "expected a list");
  return value;
}

function matching(pattern: RegExp, what: string) {
  return (value: Json, field: string): string => {
    if (typeof value !== "string" || !pattern.test(value))
      throw new ProofFormatError(field, `expected ${what}, got ${JSON.stringify(value)}`);
    return value;
  };
}

const bytes32 = (value: Json, field: string) => matching(BYTES32, "a 32-byte hash (0x + 64 hex digits)")(value, field) as Hex;
const address = (value: Json, field: string) => matching(ADDRESS, "an address (0x + 40 hex digits)")(value, field) as Address;
const hex = (value: Json, field: string) => matching(HEX, "0x-prefixed hex bytes")(value, field) as Hex;
const decimal = matching(DECIMAL, "a whole number as a decimal string");

function index(value: Json, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new ProofFormatError(field, `expected a whole number, got ${JSON.stringify(value)}`);
  }
  return value;
}

function boolean(value: Json, field: string): boolean {
  if (typeof value !== "boolean") throw new ProofFormatError(field, `expected true or false, got ${JSON.stringify(value)}`);
  return value;
}

function text(value: Json, field: string): string {
  if (typeof value !== "string") throw new ProofFormatError(field, `expected text, got ${JSON.stringify(value)}`);
  return value;
}

function topics(value: Json, field: string): Hex[] {
  const list = array(value, field);
  if (list.length === 0 || list.length > 4) throw new ProofFormatError(field, `expected 1 to 4 topics, got ${list.length}`);
  return list.map((topic, i) => bytes32(topic, `${field}[${i}]`));
}

function parseContracts(value: Json, field: string): ProofContracts {
  const o = object(value, field);
  return {
    registry: address(o.registry, `${field}.registry`),
    ownershipTokenizer: address(o.ownershipTokenizer, `${field}.ownershipTokenizer`),
    multiPartyTokenizer: address(o.multiPartyTokenizer, `${field}.multiPartyTokenizer`),
    capabilityResolver: address(o.capabilityResolver, `${field}.capabilityResolver`),
    signal: address(o.signal, `${field}.signal`),
    allowlistResolver: address(o.allowlistResolver, `${field}.allowlistResolver`),
    eas: address(o.eas, `${field}.eas`),
  };
}

function parseRecord(value: Json, field: string): ProofRecord {
  const o = object(value, field);
  return {
    owner: address(o.owner, `${field}.owner`),
    executor: address(o.executor, `${field}.executor`),
    pendingOwner: address(o.pendingOwner, `${field}.pendingOwner`),
    tokenizer: address(o.tokenizer, `${field}.tokenizer`),
    contentHash: bytes32(o.contentHash, `${field}.contentHash`),
    processHash: bytes32(o.processHash, `${field}.processHash`),
    registeredAt: decimal(o.registeredAt, `${field}.registeredAt`),
    registeredBlock: decimal(o.registeredBlock, `${field}.registeredBlock`),
    resolvers: array(o.resolvers, `${field}.resolvers`).map((r, i) => address(r, `${field}.resolvers[${i}]`)),
  };
}

function parseLog(value: Json, field: string): ProofLog {
  const o = object(value, field);
  return {
    address: address(o.address, `${field}.address`),
    topics: topics(o.topics, `${field}.topics`),
    data: hex(o.data, `${field}.data`),
    blockNumber: decimal(o.blockNumber, `${field}.blockNumber`),
    blockHash: bytes32(o.blockHash, `${field}.blockHash`),
    transactionHash: bytes32(o.transactionHash, `${field}.transactionHash`),
    logIndex: index(o.logIndex, `${field}.logIndex`),
  };
}

function parseReceipt(value: Json, field: string): ProofReceipt {
  const o = object(value, field);
  if (o.status !== "success" && o.status !== "reverted") {
    throw new ProofFormatError(`${field}.status`, `expected "success" or "reverted", got ${JSON.stringify(o.status)}`);
  }
  return {
    transactionHash: bytes32(o.transactionHash, `${field}.transactionHash`),
    status: o.status,
    blockHash: bytes32(o.blockHash, `${field}.blockHash`),
    blockNumber: decimal(o.blockNumber, `${field}.blockNumber`),
    transactionIndex: index(o.transactionIndex, `${field}.transactionIndex`),
    from: address(o.from, `${field}.from`),
    to: o.to === null ? null : address(o.to, `${field}.to`),
    logs: array(o.logs, `${field}.logs`).map((log, i) => {
      const l = object(log, `${field}.logs[${i}]`);
      return {
        address: address(l.address, `${field}.logs[${i}].address`),
        topics: topics(l.topics, `${field}.logs[${i}].topics`),
        data: hex(l.data, `${field}.logs[${i}].data`),
        logIndex: index(l.logIndex, `${field}.logs[${i}].logIndex`),
      };
    }),
  };
}

function parseAttestation(value: Json, field: string): ProofAttestation {
  const o = object(value, field);
  return {
    uid: bytes32(o.uid, `${field}.uid`),
    schema: bytes32(o.schema, `${field}.schema`),
    recipient: address(o.recipient, `${field}.recipient`),
    attester: address(o.attester, `${field}.attester`),
    time: decimal(o.time, `${field}.time`),
    expirationTime: decimal(o.expirationTime, `${field}.expirationTime`),
    revocationTime: decimal(o.revocationTime, `${field}.revocationTime`),
    refUID: bytes32(o.refUID, `${field}.refUID`),
    revocable: boolean(o.revocable, `${field}.revocable`),
    data: hex(o.data, `${field}.data`),
  };
}

/**
 * Reads a proof bundle from parsed JSON, field by field: the result has exactly the fields of {@link ProofBundle}
 * (unknown ones are dropped), or a {@link ProofFormatError} names the first field that is missing or malformed.
 */
export function parseProofBundle(json: unknown): ProofBundle {
  const o = object(json, "");
  if (o.format !== PROOF_FORMAT) {
    throw new ProofFormatError("format", `expected "${PROOF_FORMAT}", got ${JSON.stringify(o.format)}: this is not an Integra proof`);
  }
  if (o.version !== PROOF_VERSION) {
    throw new ProofFormatError("version", `this reader knows version ${PROOF_VERSION}, the bundle is version ${JSON.stringify(o.version)}`);
  }
  const block = object(o.block, "block");
  return {
    format: PROOF_FORMAT,
    version: PROOF_VERSION,
    createdAt: text(o.createdAt, "createdAt"),
    chainId: index(o.chainId, "chainId"),
    contracts: parseContracts(o.contracts, "contracts"),
    capabilitySchemaUid: bytes32(o.capabilitySchemaUid, "capabilitySchemaUid"),
    integraHash: bytes32(o.integraHash, "integraHash"),
    block: { number: decimal(block.number, "block.number"), hash: bytes32(block.hash, "block.hash") },
    record: parseRecord(o.record, "record"),
    logs: array(o.logs, "logs").map((log, i) => parseLog(log, `logs[${i}]`)),
    receipts: array(o.receipts, "receipts").map((receipt, i) => parseReceipt(receipt, `receipts[${i}]`)),
    attestations: array(o.attestations, "attestations").map((a, i) => parseAttestation(a, `attestations[${i}]`)),
  };
}

/** Parses a bundle's text: malformed JSON is a {@link ProofFormatError} too, with the parser's words. */
export function parseProofBundleText(source: string): ProofBundle {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    throw new ProofFormatError("", `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseProofBundle(json);
}

/** The bundle as a file's text: two-space JSON, as written by `integra proof` and the app's "Download proof". */
export function serializeProofBundle(bundle: ProofBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
