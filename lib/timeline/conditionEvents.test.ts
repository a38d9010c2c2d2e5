import {
  type Address,
  type Hex,
  encodeAbiParameters,
  encodeEventTopics,
  getAbiItem,
  keccak256,
  numberToHex,
  stringToHex,
  zeroAddress,
} from "viem";
import { describe, expect, it } from "vitest";
import { eas } from "@/lib/contracts";
import { selectDeployment } from "@/lib/deployment";
import { encodeConditionData } from "@/lib/escrow/conditionSchema";
import { testDeployment } from "@/lib/sdk/testDeployment";
import { claimLog, fixtureIntegraHash } from "./claimLogFixture";
import { conditionLogSource, describeWatchEntry } from "./conditionEvents";
import type { RpcLog } from "./decodeEntry";
import { type WatchItem, watchEvents } from "./watchEvents";

selectDeployment(testDeployment);

const INSPECTOR: Address = "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec";
const STRANGER: Address = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";
const WORKFLOW = keccak256(stringToHex("workflow"));
const OTHER_RECORD = keccak256(stringToHex("other record"));
const attested = getAbiItem({ abi: eas.abi, name: "Attested" });

/** EAS's Attested log of attestation `uid` by `attester`, at position `logIndex` of block `block`. */
function attestedLog(block: number, uid: Hex, attester: Address, logIndex = 5, fork = "a"): RpcLog {
  return {
    address: eas.address,
    topics: encodeEventTopics({
      abi: [attested],
      eventName: "Attested",
      args: { recipient: zeroAddress, attester, schemaUID: testDeployment.conditionSchemaUid },
    }) as Hex[],
    data: encodeAbiParameters([{ type: "bytes32" }], [uid]),
    blockNumber: numberToHex(block),
    blockHash: keccak256(stringToHex(`${fork}:${block}`)),
    transactionHash: keccak256(stringToHex(`attest ${uid}`)),
    logIndex: numberToHex(logIndex),
  };
}

/**
 * A chain as a node answers: Integra logs and EAS logs by address, the attestations EAS holds, and one escrow of the
 * fixture's record that names the inspector as its attester.
 */
function fakeChain(head: number) {
  const chain = {
    head,
    integraLogs: [] as RpcLog[],
    easLogs: [] as RpcLog[],
    attestations: new Map<Hex, { attester: Address; integraHash: Hex }>(),
    reads: 0,
  };
  const inRange = (logs: RpcLog[], params: { fromBlock: Hex; toBlock: Hex }) =>
    logs.filter((l) => BigInt(l.blockNumber ?? 0) >= BigInt(params.fromBlock) && BigInt(l.blockNumber ?? 0) <= BigInt(params.toBlock));
  const client = {
    getBlockNumber: async () => BigInt(chain.head),
    request: async ({ params }: { method: string; params: [{ address: Address | Address[]; fromBlock: Hex; toBlock: Hex }] }) =>
      inRange(params[0].address === eas.address ? chain.easLogs : chain.integraLogs, params[0]),
    readContract: async ({ functionName, args }: { functionName: string; args: [Hex | bigint] }) => {
      chain.reads += 1;
      if (functionName === "getAttestation") {
        const uid = args[0] as Hex;
        const found = chain.attestations.get(uid);
        return {
          uid,
          schema: testDeployment.conditionSchemaUid,
          time: 1_700_000_000n,
          revocationTime: 0n,
          attester: found?.attester ?? zeroAddress,
          data: encodeConditionData({ integraHash: found?.integraHash ?? OTHER_RECORD, condition: "inspection", statement: "passed" }),
        };
      }
      if (functionName === "getEscrow")
        return { attester: INSPECTOR, attestationSchema: testDeployment.conditionSchemaUid, processHash: WORKFLOW };
      throw new Error(`unexpected read ${functionName}`);
    },
    getLogs: async ({ args }: { args: { integraHash: Hex } }) =>
      args.integraHash === fixtureIntegraHash ? [{ args: { escrowId: 1n } }] : [],
  };
  const attest = (block: number, name: string, attester: Address, integraHash: Hex = fixtureIntegraHash, fork = "a") => {
    const uid = keccak256(stringToHex(name));
    chain.attestations.set(uid, { attester, integraHash });
    chain.easLogs.push(attestedLog(block, uid, attester, 5, fork));
    return uid;
  };
  return { chain, client, attest };
}

const filter = { addresses: [zeroAddress], integraHash: fixtureIntegraHash };

async function take(iterator: AsyncGenerator<WatchItem, void, undefined>, count: number): Promise<WatchItem[]> {
  const items: WatchItem[] = [];
  while (items.filter((i) => i.type !== "synced").length < count) {
    const next = await iterator.next();
    if (next.done) break;
    items.push(next.value);
  }
  return items.filter((i) => i.type !== "synced");
}

function watch(
  fake: ReturnType<typeof fakeChain>,
  options: Parameters<typeof watchEvents>[2],
  scope: { integraHash?: Hex; processHash?: Hex } = filter,
) {
  const client = fake.client as unknown as Parameters<typeof watchEvents>[0] & Parameters<typeof conditionLogSource>[0];
  return watchEvents(client, filter, { pollIntervalMs: 1, ...options }, conditionLogSource(client, scope));
}

/** The events of the next poll that reads new blocks (up to its "synced"). */
async function onePoll(iterator: AsyncGenerator<WatchItem, void, undefined>): Promise<WatchItem[]> {
  const items: WatchItem[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done || next.value.type === "synced") return items;
    items.push(next.value);
  }
}

const describeItem = (item: WatchItem) =>
  item.type === "synced" ? "synced" : `${item.type} ${item.entry.eventName} in ${item.entry.blockNumber}`;

describe("condition attestations on a watch", () => {
  it("delivers an attestation an escrow of the record waits on, in chain order, in the Integra layout", async () => {
    const fake = fakeChain(12);
    fake.chain.integraLogs.push(claimLog(11, 1n), claimLog(12, 2n, { logIndex: 9 }));
    const uid = fake.attest(12, "inspection", INSPECTOR);
    const items = await take(watch(fake, { fromBlock: 10n }), 3);
    expect(items.map(describeItem)).toEqual(["event TokenClaimed in 11", "event ConditionAttested in 12", "event TokenClaimed in 12"]);

    const condition = items[1];
    if (condition.type === "synced") throw new Error("unreachable");
    expect(condition.entry).toMatchObject({
      integraHash: fixtureIntegraHash,
      processHash: WORKFLOW,
      address: eas.address,
      logIndex: 5,
      args: { uid, attester: INSPECTOR, condition: "inspection", statement: "passed", timestamp: 1_700_000_000n },
    });
    expect(describeWatchEntry(condition.entry)).toEqual({
      title: "Condition “inspection” attested",
      who: INSPECTOR,
      whoLabel: "by",
      detail: "“passed”",
    });
  });

  it("leaves out attestations by an attester no escrow names, about another record, or of another workflow", async () => {
    const fake = fakeChain(20);
    fake.attest(20, "a stranger's", STRANGER);
    fake.attest(20, "another record's", INSPECTOR, OTHER_RECORD);
    expect(await onePoll(watch(fake, { fromBlock: 20n }))).toEqual([]);
    const first = watch(fake, { fromBlock: 20n });
    fake.chain.head = 21;
    fake.attest(21, "the inspection", INSPECTOR);
    expect((await take(first, 1)).map(describeItem)).toEqual(["event ConditionAttested in 21"]);
    // The same attestation, watched as another workflow's: not its event.
    expect(await onePoll(watch(fake, { fromBlock: 21n }, { processHash: keccak256(stringToHex("another workflow")) }))).toEqual([]);
    expect((await onePoll(watch(fake, { fromBlock: 21n }, { processHash: WORKFLOW }))).map(describeItem)).toEqual([
      "event ConditionAttested in 21",
    ]);
  });

  it("resumed from its cursor, does not deliver it again; a reorg that removes it retracts it", async () => {
    const fake = fakeChain(30);
    fake.attest(30, "inspection", INSPECTOR);
    const [delivered] = await take(watch(fake, { fromBlock: 30n }), 1);
    const saved = JSON.parse(JSON.stringify(delivered.cursor));
    fake.chain.head = 31;
    fake.chain.integraLogs.push(claimLog(31, 3n));
    expect((await take(watch(fake, { cursor: saved }), 1)).map(describeItem)).toEqual(["event TokenClaimed in 31"]);

    fake.chain.easLogs = [];
    fake.chain.integraLogs = [];
    fake.chain.head = 32;
    expect((await take(watch(fake, { cursor: saved }), 1)).map(describeItem)).toEqual(["retracted ConditionAttested in 30"]);
  });

  it("reads an attestation once, however many polls re-read its block", async () => {
    const fake = fakeChain(40);
    fake.attest(40, "inspection", INSPECTOR);
    const iterator = watch(fake, { fromBlock: 40n });
    await take(iterator, 1);
    const reads = fake.chain.reads;
    for (const head of [41, 42, 43]) {
      fake.chain.head = head;
      await iterator.next();
    }
    expect(fake.chain.reads).toBe(reads);
  });
});
