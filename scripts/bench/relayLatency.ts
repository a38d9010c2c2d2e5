// Section: the relayer under load. 50 wallets that hold no ether each sign a claim and POST it to the app's relayer
// (app/api/relay) at the same moment, measured from the POST to the answer (checked, simulated, sent) and to the
// receipt, after a serial baseline of 5 single requests. Four configurations: the relayer's memory in its embedded
// store (SQLite) or its shared one (Redis), on a chain that mines each transaction at once (anvil's automine) or every
// 2 seconds. Each configuration gets a fresh app server (scripts/server.ts over the bench build) and a fresh store.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Hex, createTestClient, encodeFunctionData, http, parseEventLogs, sha256, stringToHex, zeroAddress, zeroHash } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { claimAttestationRequest } from "@/lib/capabilities.ts";
import { type SignedForwardRequest, forwardRequestTypedData } from "@/lib/forwarder/forwardRequest.ts";
import { prepareForwardRequest } from "@/lib/forwarder/prepareForwardRequest.ts";
import { easAbi, integraRecordV1Abi, multiPartyTokenizerV1Abi } from "@/lib/generated/integra.ts";
import { LOCAL_RELAYER_ADDRESS } from "@/lib/relay/localRelayerKey.ts";
import { submitToRelayer } from "@/lib/relay/relayClient.ts";
import { fundLocalRelayer } from "../stack/anvil.ts";
import { ANVIL_KEYS } from "../stack/chains.ts";
import { clientsFor } from "../stack/clients.ts";
import type { Clients } from "../stack/clients.ts";
import { writeAndWait } from "../stack/write.ts";
import { startAppServer } from "../relayer/appServer.ts";
import { freePort } from "../relayer/freePort.ts";
import { type RunningRedis, startRedisServer } from "../relayer/redisServer.ts";
import { BENCH_DIST_DIR } from "./app.ts";
import type { BenchContext, BenchSection } from "./types.ts";

const CONCURRENT = 50;
const SERIAL = 5;
const BLOCK_SECONDS = 2;

type Store = "SQLite" | "Redis";
type Mining = "automine" | "2 s blocks";

interface Timed {
  answered: number;
  mined: number;
  block: bigint;
  hash: Hex;
}

interface Result {
  store: Store;
  mining: Mining;
  serial: Timed[];
  burst: Timed[];
  burstSeconds: number;
  /** The chain's block when the last of the 50 answers came back. */
  lastAnswerBlock: bigint;
  nonces: { before: number; after: number };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** A record with CONCURRENT + SERIAL fresh parties, each with its claim attested, and their signed claims. */
async function signedClaims(ctx: BenchContext, clerk: Clients, label: string): Promise<SignedForwardRequest[]> {
  const a = ctx.deployment.addresses;
  const parties = Array.from({ length: CONCURRENT + SERIAL }, () => privateKeyToAccount(generatePrivateKey()));
  const registered = await writeAndWait(clerk, {
    address: a.IntegraRecordV1,
    abi: integraRecordV1Abi,
    functionName: "registerWithParties",
    args: [
      sha256(stringToHex(`bench relay ${label} ${Date.now()}`)),
      "0x01",
      a.MultiPartyTokenizerV1,
      zeroAddress,
      zeroHash,
      [],
      parties.map((party) => ({ recipient: party.address, amount: 1n, role: "Party" })),
    ],
  });
  const integraHash = parseEventLogs({ abi: integraRecordV1Abi, logs: registered.logs, eventName: "RecordRegistered" })[0].args.integraHash;
  const signed: SignedForwardRequest[] = [];
  for (const [i, party] of parties.entries()) {
    const attested = await writeAndWait(clerk, {
      address: a.EAS,
      abi: easAbi,
      functionName: "attest",
      args: [
        claimAttestationRequest({
          schema: ctx.deployment.capabilitySchemaUid,
          integraHash,
          tokenId: BigInt(i + 1),
          processHash: zeroHash,
          recipient: party.address,
        }),
      ],
    });
    const uid = parseEventLogs({ abi: easAbi, logs: attested.logs, eventName: "Attested" })[0].args.uid;
    const data = encodeFunctionData({
      abi: multiPartyTokenizerV1Abi,
      functionName: "claimToken",
      args: [integraHash, BigInt(i + 1), uid, zeroHash],
    });
    const request = await prepareForwardRequest(
      clerk.publicClient,
      { from: party.address, to: a.MultiPartyTokenizerV1, data },
      a.IntegraForwarderV1,
    );
    signed.push({
      ...request,
      signature: await party.signTypedData(forwardRequestTypedData(request, ctx.deployment.chainId, a.IntegraForwarderV1)),
    });
  }
  return signed;
}

async function measure(ctx: BenchContext, clerk: Clients, store: Store, mining: Mining, storeEnv: string): Promise<Result> {
  const client = clerk.publicClient;
  const test = createTestClient({ mode: "anvil", transport: http(ctx.rpcUrl) });
  // Arranged on automine (fast), measured in the configuration's mining mode.
  const signed = await signedClaims(ctx, clerk, `${store} ${mining}`);
  const server = await startAppServer(await freePort(), { NEXT_DIST_DIR: BENCH_DIST_DIR, RELAYER_STORE: storeEnv });
  if (mining === "2 s blocks") await test.setIntervalMining({ interval: BLOCK_SECONDS });
  try {
    async function timed(request: SignedForwardRequest): Promise<Timed> {
      const started = performance.now();
      const { hash } = await submitToRelayer(server.url, request);
      const answered = performance.now() - started;
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
      if (receipt.status !== "success") throw new Error(`relayed claim reverted in ${hash}`);
      return { answered, mined: performance.now() - started, block: receipt.blockNumber, hash };
    }
    const serial: Timed[] = [];
    for (const request of signed.slice(CONCURRENT)) serial.push(await timed(request));

    const before = await client.getTransactionCount({ address: LOCAL_RELAYER_ADDRESS });
    let lastAnswerBlock = 0n;
    let answers = 0;
    const burstStarted = performance.now();
    const burst = await Promise.all(
      signed.slice(0, CONCURRENT).map(async (request) => {
        const started = performance.now();
        const { hash } = await submitToRelayer(server.url, request);
        const answered = performance.now() - started;
        // The block the chain is at when the last answer arrives: every claim should be mined within 2 of it.
        if (++answers === CONCURRENT) lastAnswerBlock = await client.getBlockNumber({ cacheTime: 0 });
        const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
        if (receipt.status !== "success") throw new Error(`relayed claim reverted in ${hash}`);
        return { answered, mined: performance.now() - started, block: receipt.blockNumber, hash };
      }),
    );
    const burstSeconds = (performance.now() - burstStarted) / 1000;
    const after = await client.getTransactionCount({ address: LOCAL_RELAYER_ADDRESS });
    return { store, mining, serial, burst, burstSeconds, lastAnswerBlock, nonces: { before, after } };
  } finally {
    if (mining === "2 s blocks") {
      await test.setIntervalMining({ interval: 0 });
      await test.setAutomine(true);
    }
    await server.stop();
  }
}

function table(results: Result[]): string[] {
  const ms = (values: number[], p: number) => percentile(values, p).toFixed(0).padStart(6);
  const header = `${"store".padEnd(7)} ${"chain".padEnd(11)} ${"answer p50".padStart(10)} ${"p95".padStart(6)} ${"mined p50".padStart(9)} ${"p95".padStart(6)} ${"serial mined p50".padStart(16)} ${"claims/s".padStart(8)}  all 50 mined within 2 blocks of the last answer`;
  const rows = results.map((r) => {
    const blocks = r.burst.map((t) => t.block);
    const last = blocks.reduce((a, b) => (b > a ? b : a), 0n);
    const first = blocks.reduce((a, b) => (b < a ? b : a), last);
    const after = last > r.lastAnswerBlock ? last - r.lastAnswerBlock : 0n;
    const within = after <= 2n ? "yes" : "NO";
    const lost = CONCURRENT - new Set(r.burst.map((t) => t.hash)).size + (r.nonces.after - r.nonces.before - CONCURRENT);
    return `${r.store.padEnd(7)} ${r.mining.padEnd(11)} ${ms(
      r.burst.map((t) => t.answered),
      50,
    ).padStart(10)} ${ms(
      r.burst.map((t) => t.answered),
      95,
    )} ${ms(
      r.burst.map((t) => t.mined),
      50,
    ).padStart(9)} ${ms(
      r.burst.map((t) => t.mined),
      95,
    )} ${ms(
      r.serial.map((t) => t.mined),
      50,
    ).padStart(16)} ${(CONCURRENT / r.burstSeconds).toFixed(1).padStart(8)}  ${within}: ${after} block(s) after it, ${
      last - first + 1n
    } block(s) in all${lost === 0 ? "" : `, ${lost} lost or duplicated`}`;
  });
  return [header, ...rows];
}

export const relayLatencySection: BenchSection = {
  name: "Relayer latency",
  async run(ctx) {
    const clerk = await clientsFor(ctx.rpcUrl, ANVIL_KEYS[1]);
    await fundLocalRelayer(ctx.rpcUrl);
    const dir = mkdtempSync(path.join(tmpdir(), "bench-relayer-"));
    let redis: RunningRedis | undefined;
    const results: Result[] = [];
    try {
      redis = await startRedisServer();
      const configurations: { store: Store; mining: Mining; env: string }[] = [
        { store: "SQLite", mining: "automine", env: `sqlite:${path.join(dir, "automine.sqlite")}` },
        { store: "SQLite", mining: "2 s blocks", env: `sqlite:${path.join(dir, "blocks.sqlite")}` },
        // A database of its own each: a fresh store, as the SQLite ones.
        { store: "Redis", mining: "automine", env: `${redis.url}/1` },
        { store: "Redis", mining: "2 s blocks", env: `${redis.url}/2` },
      ];
      for (const c of configurations) results.push(await measure(ctx, clerk, c.store, c.mining, c.env));
    } finally {
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    return [
      `${CONCURRENT} concurrent claims from ${CONCURRENT} wallets with no ether, through the app's relayer (scripts/server.ts over the`,
      `bench build), after ${SERIAL} serial ones; milliseconds from the POST to the answer and to the receipt:`,
      "",
      ...table(results),
      "",
      "Sends are serialized under the store's nonce lock: under load a request waits for the sends ahead of it. On 2 s",
      "blocks, mined latency is mostly the wait for the next block.",
    ].join("\n");
  },
};
