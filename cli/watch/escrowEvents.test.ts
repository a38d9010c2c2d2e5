// Escrow events and the condition attestations escrows wait on, as `integra watch` prints them and hands them to a hook.
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { type Address, type Hex, encodeAbiParameters, encodeEventTopics, getAbiItem, keccak256, stringToHex } from "viem";
import { describe, expect, it } from "vitest";
import { conditionEventsAbi, decodeWatchEntry } from "@/lib/timeline/conditionEvents";
import { claimLog, fixtureIntegraHash } from "@/lib/timeline/claimLogFixture";
import type { RpcLog } from "@/lib/timeline/decodeEntry";
import { integraTimelineEvents } from "@/lib/timeline/integraEvents";
import { hookEnvironment } from "./execHook";
import { hookEvent } from "./follow";

const INSPECTOR: Address = "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec";
const WORKFLOW = keccak256(stringToHex("workflow"));
const UID = keccak256(stringToHex("inspection"));
const cursor = { version: 1 as const, target: "test", from: "1", block: "50", tail: [] };

/** The claim fixture's place in the chain, carrying another event. */
function logOf(topics: Hex[], data: Hex): RpcLog {
  return { ...claimLog(50, 1n), topics, data };
}

const escrowFunded = logOf(
  encodeEventTopics({
    abi: [getAbiItem({ abi: integraTimelineEvents, name: "EscrowFunded" })],
    eventName: "EscrowFunded",
    args: { integraHash: fixtureIntegraHash, processHash: WORKFLOW, escrowId: 7n },
  }) as Hex[],
  encodeAbiParameters([{ type: "address" }, { type: "uint256" }, { type: "uint256" }], [INSPECTOR, 25_000_000_000n, 50n]),
);

const conditionAttested = logOf(
  encodeEventTopics({
    abi: conditionEventsAbi,
    eventName: "ConditionAttested",
    args: { integraHash: fixtureIntegraHash, processHash: WORKFLOW, attester: INSPECTOR },
  }) as Hex[],
  encodeAbiParameters(
    [{ type: "bytes32" }, { type: "string" }, { type: "string" }, { type: "uint256" }],
    [UID, "inspection", "passed", 1_700_000_000n],
  ),
);

function event(log: RpcLog) {
  const entry = decodeWatchEntry(log);
  if (!entry) throw new Error("does not decode");
  return hookEvent({ type: "event", chainId: 31337, entry, cursor });
}

const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "schemas", "watch-event.schema.json"), "utf8"));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

describe("escrow events on the watch", () => {
  it("prints an escrow event with its escrowId and a condition attestation with its uid, each valid against the schema", () => {
    const funded = JSON.parse(event(escrowFunded).line);
    expect(validate(funded), JSON.stringify(validate.errors)).toBe(true);
    expect(funded).toMatchObject({
      event: "EscrowFunded",
      title: "Escrow #7 funded",
      chainId: 31337,
      chainName: "Local chain (anvil)",
      args: { escrowId: "7", amount: "25000000000" },
    });

    const attested = JSON.parse(event(conditionAttested).line);
    expect(validate(attested), JSON.stringify(validate.errors)).toBe(true);
    expect(attested).toMatchObject({
      event: "ConditionAttested",
      title: "Condition “inspection” attested",
      integraHash: fixtureIntegraHash,
      processHash: WORKFLOW,
      args: { uid: UID, attester: INSPECTOR, condition: "inspection", statement: "passed", timestamp: "1700000000" },
    });
  });

  it("gives a hook an escrow event's escrowId (INTEGRA_ESCROW_ID), and no escrow id with any other event", () => {
    expect(hookEnvironment(event(escrowFunded))).toMatchObject({
      INTEGRA_EVENT_NAME: "EscrowFunded",
      INTEGRA_ESCROW_ID: "7",
      INTEGRA_HASH: fixtureIntegraHash,
    });
    process.env.INTEGRA_ESCROW_ID = "99";
    try {
      const environment = hookEnvironment(event(conditionAttested));
      expect(environment).toMatchObject({ INTEGRA_EVENT_NAME: "ConditionAttested", INTEGRA_HASH: fixtureIntegraHash });
      expect(environment).not.toHaveProperty("INTEGRA_ESCROW_ID");
    } finally {
      delete process.env.INTEGRA_ESCROW_ID;
    }
  });
});
