// `integra watch` across two chains: the demo workflow on chain A and chain B as one stream, resumed from one cursor.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  type Address,
  type Chain,
  type Hex,
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  parseEventLogs,
  stringToHex,
  zeroAddress,
} from "viem";
import { foundry } from "viem/chains";
import { integraRecordV1Abi } from "@/lib/generated/integra";
import { CHAIN_B_ID, RPC_URL, RPC_URL_B, chainB } from "./anvil";
import { DEMO_PROCESS, DEMO_WORKFLOW_OWNER } from "./demo";
import { expect, test } from "./fixtures";
import { ROOT, type RunningIntegra, startIntegra } from "./integra";
import { parseDocument } from "./jsonSchema";

interface WatchLine {
  type: "event" | "retracted";
  event: string;
  chainId: number;
  chainName: string;
  integraHash: string;
  timestamp: string;
  blockNumber: string;
}

interface SavedCursor {
  version: number;
  chains: Record<string, { block: string }>;
}

const CHAIN_A_ID = foundry.id;

/** Each chain: its viem chain, its anvil, and its deployment as npm run deploy wrote it. */
const CHAINS: Record<number, { chain: Chain; rpcUrl: string; deploymentFile: string }> = Object.fromEntries(
  [
    { chain: foundry, rpcUrl: RPC_URL },
    { chain: chainB, rpcUrl: RPC_URL_B },
  ].map(({ chain, rpcUrl }) => [
    chain.id,
    { chain, rpcUrl, deploymentFile: path.join(ROOT, "contracts", "deployments", `${chain.id}.json`) },
  ]),
);

/**
 * The title company (the demo workflow's owner on both chains: scripts/stack/seed.ts) registers a document into the
 * workflow on `chainId`, as the seed does, with that chain's own contracts; resolves to the record's integraHash.
 */
async function registerInWorkflow(chainId: number, label: string): Promise<Hex> {
  const { chain, rpcUrl, deploymentFile } = CHAINS[chainId];
  const { addresses } = JSON.parse(readFileSync(deploymentFile, "utf8")) as {
    addresses: { IntegraRecordV1: Address; MultiPartyTokenizerV1: Address };
  };
  const wallet = createWalletClient({ chain, transport: http(rpcUrl), account: DEMO_WORKFLOW_OWNER as Address });
  const hash = await wallet.writeContract({
    address: addresses.IntegraRecordV1,
    abi: integraRecordV1Abi,
    functionName: "register",
    args: [
      keccak256(stringToHex(`cli-watch-chains ${label} ${Date.now()}`)),
      "0x",
      addresses.MultiPartyTokenizerV1,
      zeroAddress,
      DEMO_PROCESS,
      [],
    ],
  });
  const receipt = await createPublicClient({ chain, transport: http(rpcUrl) }).waitForTransactionReceipt({ hash });
  const [registered] = parseEventLogs({ abi: integraRecordV1Abi, logs: receipt.logs, eventName: "RecordRegistered" });
  return registered.args.integraHash;
}

const parse = (line: string) => parseDocument<WatchLine>("watch-event", line);
const registeredOn = (chainId: number, integraHash: Hex) => (line: string) => {
  const parsed = parse(line);
  return parsed.event === "RecordRegistered" && parsed.chainId === chainId && parsed.integraHash === integraHash;
};

let dir: string;
let running: RunningIntegra[] = [];
test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "integra-watch-chains-"));
  running = [];
});
test.afterEach(async () => {
  await Promise.all(running.map((r) => r.stop("SIGKILL")));
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The packed CLI watching the demo workflow on chain A (the first --rpc: the default chain) and chain B, with `cursor`;
 * resolves once it has fixed each chain's first block, so every later transaction is after it.
 */
async function watchBothChains(cursor: string): Promise<RunningIntegra> {
  const args = ["watch", "--workflow", "closing/12-harbour-lane", "--workflow-owner", DEMO_WORKFLOW_OWNER, "--cursor", cursor];
  // The packed CLI knows no local chain by itself: each chain's deployment is given, as an integrator gives theirs.
  const deployments = Object.values(CHAINS).flatMap(({ deploymentFile }) => ["--deployment", deploymentFile]);
  // startIntegra adds `--rpc <rpc>` last: chain B's, after chain A's given here.
  const run = startIntegra([...args, ...deployments, "--interval", "200", "--rpc", RPC_URL], { rpc: RPC_URL_B });
  running.push(run);
  await run.waitForStderr("watching from block");
  return run;
}

test("watch --rpc A --rpc B delivers the workflow's events of both chains, each with its chain; restarted from its cursor, exactly the new ones", async () => {
  const cursor = path.join(dir, "closing.cursor");
  const first = await watchBothChains(cursor);
  expect(first.stderr()).toContain(`on chain ${CHAIN_A_ID} (Local chain (anvil)), block`);
  expect(first.stderr()).toContain(`on chain ${CHAIN_B_ID} (Local chain B (anvil))`);

  // The lender's second letter on chain B, then an addendum on chain A.
  const onB = await registerInWorkflow(CHAIN_B_ID, "letter");
  const onA = await registerInWorkflow(CHAIN_A_ID, "addendum");
  const lineB = parse(await first.waitForLine(registeredOn(CHAIN_B_ID, onB)));
  const lineA = parse(await first.waitForLine(registeredOn(CHAIN_A_ID, onA)));
  expect(lineB).toMatchObject({ chainId: CHAIN_B_ID, chainName: "Local chain B (anvil)" });
  expect(lineA).toMatchObject({ chainId: CHAIN_A_ID, chainName: "Local chain (anvil)" });
  // One stream in time order: no line comes before one of an earlier time.
  const times = first.lines.map((line) => BigInt(parse(line).timestamp));
  expect(times).toEqual([...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  expect(await first.stop("SIGTERM")).toBe(0);

  const saved = JSON.parse(readFileSync(cursor, "utf8")) as SavedCursor;
  expect(saved.version).toBe(2);
  expect(Object.keys(saved.chains).sort()).toEqual([String(CHAIN_A_ID), String(CHAIN_B_ID)]);

  // While it is down: one more record on each chain.
  const laterB = await registerInWorkflow(CHAIN_B_ID, "letter, amended");
  const laterA = await registerInWorkflow(CHAIN_A_ID, "addendum, amended");

  const second = await watchBothChains(cursor);
  expect(second.stderr()).toContain(`resumed from ${cursor}`);
  await second.waitForLine(registeredOn(CHAIN_B_ID, laterB));
  await second.waitForLine(registeredOn(CHAIN_A_ID, laterA));
  // A few polls more: nothing delivered before the restart comes again.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const records = second.lines.map(parse).map((line) => `${line.chainId} ${line.integraHash}`);
  expect(new Set(records)).toEqual(new Set([`${CHAIN_B_ID} ${laterB}`, `${CHAIN_A_ID} ${laterA}`]));
  expect(second.lines.map(parse).filter((line) => line.event === "RecordRegistered")).toHaveLength(2);
  expect(await second.stop("SIGTERM")).toBe(0);
});
