import { readFileSync } from "node:fs";
import { type Hex, BlockNotFoundError, numberToHex, sha256, zeroAddress, zeroHash } from "viem";
import { describe, expect, it } from "vitest";
import { checkProof, firstFailure } from "./checkProof";
import type { ProofDeployment } from "./expectedDeployment";
import type { ProofClient } from "./onlineChecks";
import { PROOF_CHECK_IDS, type ProofCheckId } from "./checkOutcome";
import { type ProofBundle, ProofFormatError, parseProofBundle, parseProofBundleText } from "./proofBundle";

// A proof of the demo agreement made by `integra proof` on the seeded e2e chain: 13 events in 7 transactions and
// 3 attestations issued by the real EAS, so the UIDs are EAS's own, not ones this code computed.
const FIXTURE = readFileSync(new URL("./fixtures/demo-agreement.proof.json", import.meta.url), "utf8");
const DOCUMENT = readFileSync(new URL("../../public/demo/purchase-agreement-12-harbour-lane.txt", import.meta.url));
const OTHER_DOCUMENT = readFileSync(new URL("../../public/demo/deed-12-harbour-lane.txt", import.meta.url));

const original = (): ProofBundle => parseProofBundleText(FIXTURE);

/** The chain the fixture was made on, as the checker must see it (not taken from the configured deployment). */
const EXPECTED: ProofDeployment = {
  chainId: original().chainId,
  chainName: "Local chain (anvil)",
  contracts: original().contracts,
  capabilitySchemaUid: original().capabilitySchemaUid,
};

const ALL_IDS: readonly ProofCheckId[] = PROOF_CHECK_IDS;

const MALLORY = "0x000000000000000000000000000000000000bEEF";

/**
 * A node that serves the fixture's chain as it really is (whatever the bundle under test says): the logs of the
 * record by block range, the block at the proof's height, and the attestations at the real EAS address.
 */
function chain(options: { revokedAt?: bigint } = {}): ProofClient {
  const truth = original();
  const client = {
    getChainId: async () => truth.chainId,
    getBlockNumber: async () => BigInt(truth.block.number),
    getBlock: async ({ blockNumber }: { blockNumber: bigint }) => {
      if (blockNumber > BigInt(truth.block.number)) throw new BlockNotFoundError({ blockNumber });
      return { hash: blockNumber === BigInt(truth.block.number) ? truth.block.hash : `0x${blockNumber.toString(16).padStart(64, "0")}` };
    },
    request: async ({ method, params }: { method: string; params: [{ fromBlock: Hex; toBlock: Hex; topics: (Hex | Hex[] | null)[] }] }) => {
      if (method !== "eth_getLogs") throw new Error(`unexpected ${method}`);
      const [{ fromBlock, toBlock, topics }] = params;
      return truth.logs
        .filter((l) => BigInt(l.blockNumber) >= BigInt(fromBlock) && BigInt(l.blockNumber) <= BigInt(toBlock))
        .filter((l) => l.topics[1].toLowerCase() === String(topics[1]).toLowerCase())
        .map((l) => ({ ...l, blockNumber: numberToHex(BigInt(l.blockNumber)), logIndex: numberToHex(l.logIndex), removed: false }));
    },
    readContract: async ({ address, args }: { address: string; args: [Hex] }) => {
      const found = truth.attestations.find((a) => a.uid === args[0]);
      if (!found || address.toLowerCase() !== truth.contracts.eas.toLowerCase()) {
        return {
          uid: zeroHash,
          schema: zeroHash,
          time: 0n,
          expirationTime: 0n,
          revocationTime: 0n,
          refUID: zeroHash,
          recipient: zeroAddress,
          attester: zeroAddress,
          revocable: false,
          data: "0x",
        };
      }
      return {
        ...found,
        time: BigInt(found.time),
        expirationTime: BigInt(found.expirationTime),
        revocationTime: options.revokedAt ?? BigInt(found.revocationTime),
      };
    },
  };
  return client as unknown as ProofClient;
}

/** The ids of the checks that fail on `bundle`, offline and online, with the demo document's hash. */
async function failing(bundle: ProofBundle, client = chain(), file: Uint8Array = DOCUMENT): Promise<ProofCheckId[]> {
  const checks = await checkProof(bundle, { expected: EXPECTED, fileHash: sha256(file), client });
  return checks.filter((c) => !c.ok).map((c) => c.id);
}

/** A copy of the fixture, changed by `edit`. */
function tampered(edit: (bundle: ProofBundle) => void): ProofBundle {
  const bundle = original();
  edit(bundle);
  return bundle;
}

/** A different last hex digit. */
const flip = (hex: Hex): Hex => `${hex.slice(0, -1)}${hex.endsWith("0") ? "1" : "0"}` as Hex;

/** logs[i]'s copy in its receipt. */
function receiptLog(bundle: ProofBundle, i: number) {
  const log = bundle.logs[i];
  const receipt = bundle.receipts.find((r) => r.transactionHash === log.transactionHash)!;
  return { receipt, copy: receipt.logs.find((l) => l.logIndex === log.logIndex)! };
}

describe("checkProof on a genuine proof", () => {
  it("passes every check, offline and online, and says so in words", async () => {
    const checks = await checkProof(original(), { expected: EXPECTED, fileHash: sha256(DOCUMENT), client: chain() });
    expect(checks.map((c) => c.id)).toEqual(ALL_IDS);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.find((c) => c.id === "events-online")?.detail).toContain("All 13 events were re-read from the chain");
    expect(firstFailure(checks)).toBeUndefined();
  });

  it("runs only the offline checks without a client, and the file check only with a file", async () => {
    const checks = await checkProof(original(), { expected: EXPECTED });
    expect(checks.map((c) => c.id)).toEqual(ALL_IDS.slice(0, 8));
    expect(checks.every((c) => c.ok && !c.online)).toBe(true);
  });

  it("notes an attestation revoked after the proof was made, without failing the proof", async () => {
    const checks = await checkProof(original(), { expected: EXPECTED, client: chain({ revokedAt: 1_900_000_000n }) });
    const online = checks.find((c) => c.id === "attestations-online")!;
    expect(online.ok).toBe(true);
    expect(online.detail).toMatch(/was revoked on .*after the proof was made/);
  });
});

describe("checkProof on a tampered proof fails on the right check, and only there", () => {
  const cases: [string, (b: ProofBundle) => void, ProofCheckId[]][] = [
    ["a log's data, not its receipt's copy", (b) => (b.logs[3].data = flip(b.logs[3].data)), ["events-in-receipts", "events-online"]],
    [
      "a log's data and its receipt's copy alike (only the chain can tell)",
      (b) => {
        const { copy } = receiptLog(b, 3);
        b.logs[3].data = flip(b.logs[3].data);
        copy.data = b.logs[3].data;
      },
      ["events-online"],
    ],
    [
      "a log's record topic, with its receipt's copy",
      (b) => {
        const { copy } = receiptLog(b, 4);
        b.logs[4].topics[1] = flip(b.logs[4].topics[1]);
        copy.topics[1] = b.logs[4].topics[1];
      },
      ["events-record", "events-online"],
    ],
    [
      "a log's block hash, not its receipt's",
      (b) => (b.logs[5].blockHash = flip(b.logs[5].blockHash)),
      ["events-in-receipts", "events-online"],
    ],
    [
      "a log's block hash with its receipt's (a forged block)",
      (b) => {
        const { receipt } = receiptLog(b, 11);
        b.logs[11].blockHash = flip(b.logs[11].blockHash);
        receipt.blockHash = b.logs[11].blockHash;
      },
      ["events-online"],
    ],
    ["the proof's block hash", (b) => (b.block.hash = flip(b.block.hash)), ["block-online"]],
    ["an event left out", (b) => b.logs.splice(12, 1), ["events-online"]],
    [
      "an attestation's time",
      (b) => (b.attestations[0].time = String(BigInt(b.attestations[0].time) + 1n)),
      ["attestation-uids", "attestations-online"],
    ],
    [
      "an attestation's recipient",
      (b) => (b.attestations[1].recipient = MALLORY),
      ["attestation-uids", "attestation-links", "attestations-online"],
    ],
    ["an attestation removed", (b) => b.attestations.splice(2, 1), ["attestation-links"]],
    ["the record's content hash", (b) => (b.record.contentHash = flip(b.record.contentHash)), ["record-from-events", "file"]],
    ["the record's owner", (b) => (b.record.owner = MALLORY), ["record-from-events"]],
    ["a contract address", (b) => (b.contracts.eas = MALLORY), ["contracts", "attestations-online"]],
  ];

  it.each(cases)("%s", async (_name, edit, expected) => {
    expect(await failing(tampered(edit))).toEqual(expected);
  });

  it("a bundle of another chain fails the chain checks, and the rest of the online checks are not run", async () => {
    const checks = await checkProof(
      tampered((b) => (b.chainId = 1)),
      { expected: EXPECTED, client: chain() },
    );
    expect(checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(["chain", "chain-online"]);
    expect(checks.filter((c) => c.online).map((c) => c.id)).toEqual(["chain-online"]);
    expect(firstFailure(checks)).toBe(
      "Made on this chain failed (chain): chainId is 1, but this checker reads chain 31337 (Local chain (anvil)): the proof is of another chain.",
    );
  });

  it("names the field at fault in its words", async () => {
    const checks = await checkProof(
      tampered((b) => (b.logs[3].data = flip(b.logs[3].data))),
      { expected: EXPECTED },
    );
    expect(firstFailure(checks)).toBe(
      "Every event is in its transaction's receipt failed (events-in-receipts): logs[3].data differs from its transaction's receipt (receipts[0].logs[3].data).",
    );
  });

  it("another document fails only the file check", async () => {
    expect(await failing(original(), chain(), OTHER_DOCUMENT)).toEqual(["file"]);
  });
});

describe("parseProofBundle", () => {
  const json = () => JSON.parse(FIXTURE) as Record<string, unknown> & { logs: Record<string, unknown>[] };

  function formatError(source: unknown): ProofFormatError {
    try {
      parseProofBundle(source);
    } catch (error) {
      if (error instanceof ProofFormatError) return error;
      throw error;
    }
    throw new Error("parsed without error");
  }

  it("reads the fixture as written, and drops unknown fields", () => {
    expect(parseProofBundle({ ...json(), extra: 1 })).toEqual(JSON.parse(FIXTURE));
  });

  it("names the first malformed field", () => {
    const bad = json();
    bad.logs[2].data = "0xzz";
    expect(formatError(bad)).toMatchObject({ field: "logs[2].data" });
    const missing = json();
    delete (missing.record as Record<string, unknown>).contentHash;
    expect(formatError(missing).message).toBe("record.contentHash: expected a 32-byte hash (0x + 64 hex digits), got undefined");
    expect(formatError({ ...json(), chainId: "31337" })).toMatchObject({ field: "chainId" });
    expect(formatError({ ...json(), block: { number: "12.5", hash: zeroHash } })).toMatchObject({ field: "block.number" });
  });

  it("refuses other documents and other versions", () => {
    expect(formatError({ ...json(), format: "opencerts" }).field).toBe("format");
    expect(formatError({ ...json(), version: 2 }).field).toBe("version");
    expect(formatError([]).message).toBe("expected an object");
  });

  it("refuses malformed JSON", () => {
    expect(() => parseProofBundleText('{"format": "integra-proof",')).toThrow(/not valid JSON/);
  });
});
