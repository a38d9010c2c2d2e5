import { completionHeadroom } from "@/lib/forwarder/completionHeadroom";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Hex, encodeFunctionData, parseGwei } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningRedis, startRedisServer } from "../../scripts/relayer/redisServer";
import { forwarder } from "@/lib/contracts";
import { forwardRequestData, type SignedForwardRequest } from "@/lib/forwarder/forwardRequest";
import { LOCAL_RELAYER_ADDRESS } from "./localRelayerKey";
import type { Relayer } from "./relayer";
import {
  type TestChain,
  arrangeRecord,
  claimCall,
  makeRelayer,
  newParty,
  post,
  signRequest,
  startTestChain,
  testStoreOptions,
} from "./relayerTestChain";
import { RedisStore } from "./store/redisStore";
import type { RelayerStore } from "./store/relayerStore";
import { SqliteStore } from "./store/sqliteStore";

let chain: TestChain;
let redis: RunningRedis;
let dir: string;

beforeAll(async () => {
  [chain, redis] = await Promise.all([startTestChain(), startRedisServer()]);
  dir = mkdtempSync(path.join(tmpdir(), "relayer-stores-"));
}, 30_000);

afterAll(async () => {
  await Promise.all([chain?.stop(), redis?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Fixed fees, well above anvil's base fee: every worst case is gas x 10 gwei, so a test can tell how many fit. */
const FEES = { maxFeePerGas: parseGwei("10"), maxPriorityFeePerGas: parseGwei("1") };
/** Settling waits for this: longer than any test, so reservations stay at their worst case while a test counts. */
const NEVER = 600_000;

/** Claims by fresh parties, each on a record of its own (so each costs about the same gas). */
async function signedClaims(count: number): Promise<SignedForwardRequest[]> {
  const requests: SignedForwardRequest[] = [];
  // One after another: the clerk's writes take its nonces in turn.
  for (let i = 0; i < count; i++) {
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    requests.push(await signRequest(chain, party, claimCall(chain, record, 1)));
  }
  return requests;
}

/** The worst case the relayer reserves for `request`: its gas estimate plus 10% and a claim's completion headroom, at the fixed fee. */
async function worstCaseWei(request: SignedForwardRequest): Promise<bigint> {
  const gas = await chain.clerk.publicClient.estimateGas({
    account: LOCAL_RELAYER_ADDRESS,
    to: chain.contracts.forwarder,
    data: encodeFunctionData({ abi: forwarder.abi, functionName: "execute", args: [forwardRequestData(request)] }),
  });
  return (gas + gas / 10n + completionHeadroom(request.data)) * FEES.maxFeePerGas;
}

const backends: { name: string; open: (file: string) => RelayerStore }[] = [
  { name: "SQLite", open: (file) => new SqliteStore(path.join(dir, file), testStoreOptions(chain)) },
  {
    name: "Redis",
    open: (file) => new RedisStore(redis.url, { ...testStoreOptions(chain), namespace: `${file}:${testStoreOptions(chain).namespace}` }),
  },
];

describe.each(backends)("relayers on one $name store", (backend) => {
  it("two instances never spend past the cap together, and send with consecutive nonces", async () => {
    const requests = await signedClaims(12);
    const worst = await worstCaseWei(requests[0]);
    // Room for five worst cases and a half: five claims fit, the sixth does not, whichever instance takes it.
    const spendCapWei = worst * 5n + worst / 2n;
    const file = `cap-${backend.name}.sqlite`;
    const instances: Relayer[] = await Promise.all(
      [0, 1].map(() => makeRelayer(chain, { store: backend.open(file), policy: { spendCapWei }, fees: FEES, pollMs: NEVER })),
    );
    const outcomes = await Promise.all(requests.map((request, i) => post(instances[i % 2], request)));
    const accepted = outcomes.filter((o) => o.status === 200);
    expect(accepted).toHaveLength(5);
    expect(outcomes.filter((o) => o.status === 503 && "error" in o.body && o.body.error.check === "spend")).toHaveLength(7);
    expect(await instances[0].spentWei()).toBeLessThanOrEqual(spendCapWei);
    // Both instances sent: their nonces interleave without a gap or a repeat, and every claim is mined.
    const hashes = accepted.map((o) => (o.body as { hash: Hex }).hash);
    const receipts = await Promise.all(hashes.map((hash) => chain.clerk.publicClient.waitForTransactionReceipt({ hash })));
    expect(receipts.every((r) => r.status === "success")).toBe(true);
    const nonces = (await Promise.all(hashes.map((hash) => chain.clerk.publicClient.getTransaction({ hash }))))
      .map((t) => t.nonce)
      .sort((a, b) => a - b);
    expect(nonces).toEqual(nonces.map((_, i) => nonces[0] + i));
    await Promise.all(instances.map((r) => r.close()));
  });

  it("a new relayer over the same store keeps the day's spend", async () => {
    const [first, second] = await signedClaims(2);
    const worst = await worstCaseWei(first);
    const spendCapWei = worst + worst / 2n;
    const file = `restart-${backend.name}.sqlite`;
    const before = await makeRelayer(chain, { store: backend.open(file), policy: { spendCapWei }, fees: FEES, pollMs: NEVER });
    expect((await post(before, first)).status).toBe(200);
    const spent = await before.spentWei();
    expect(spent).toBeGreaterThan(0n);
    await before.close();

    const after = await makeRelayer(chain, { store: backend.open(file), policy: { spendCapWei }, fees: FEES, pollMs: NEVER });
    expect(await after.spentWei()).toBe(spent);
    const refused = await post(after, second);
    expect({ status: refused.status, check: "error" in refused.body ? refused.body.error.check : undefined }).toEqual({
      status: 503,
      check: "spend",
    });
    await after.close();
  });
});
