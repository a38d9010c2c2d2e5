// Section: one workflow followed on two chains, read as the workflow page reads it (hooks/useWorkflowAcrossChains.ts):
// one readTimeline per chain, in parallel, on that chain's deployment, merged by mergeChainEntries. Its first read and a
// refresh with nothing new are counted against the same reads of the workflow on chain A alone. Chain A is the bench
// chain; chain B is a second anvil (31338) started here, its contracts deployed at other addresses than chain A's,
// made known in-process with addDeployment (nothing generated is written), and stopped at the end.
import { type Chain, type Hex, type PublicClient, createPublicClient, keccak256, stringToHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain.ts";
import { addDeployment, factsOn } from "@/lib/deployment.ts";
import { type ChainEntry, chainEntryId, mergeChainEntries } from "@/lib/timeline/chainTimeline.ts";
import { type TimelineData, type TimelineFilter, readTimeline } from "@/lib/timeline/readTimeline.ts";
import { processHashOf, workflowIdOf } from "@/lib/workflow.ts";
import { type ContractCall, integraCallsOn } from "@/lib/writes/index.ts";
import { type RunningAnvil, startAnvil } from "../stack/anvil.ts";
import { ANVIL_KEYS, SECOND_LOCAL_CHAIN_ID } from "../stack/chains.ts";
import { type Clients, chainAt, clientsFor } from "../stack/clients.ts";
import type { Deployment } from "../stack/deploy.ts";
import { deploySecondChain } from "../stack/localChain.ts";
import { type RpcCounts, newCounts } from "../stack/rpcProxy.ts";
import { sendAndWait } from "../stack/write.ts";
import { countingTransport, ratio } from "./countingRpc.ts";
import { formatTable } from "./table.ts";
import type { BenchSection } from "./types.ts";

/** Not 8555/8556: the dev stack's and e2e's chain B use those, and the bench may run beside them. */
const SECOND_CHAIN_PORT = 8557;
const RECORDS_PER_CHAIN = 20;
const RUNS = 5;
const WORKFLOW_NAME = "bench/workflow-across-chains";
/** The workflow's owner on both chains (the demo's title company): the same owner and name give the same processHash. */
const OWNER_KEY = ANVIL_KEYS[2];
/** Each record's one party. */
const PARTY = privateKeyToAccount(ANVIL_KEYS[3]).address;
/** The goals: a first read across two chains costs at most this many times the one-chain read, in requests and in time. */
const GOAL_FACTOR = 2;

interface ChainUnderTest {
  chain: Chain;
  rpcUrl: string;
}

/** Starts chain B's anvil and deploys EAS and Integra on it from a deployer nonce chain A never had. */
async function startSecondChain(): Promise<{ anvil: RunningAnvil; deployment: Deployment }> {
  const anvil = await startAnvil(SECOND_CHAIN_PORT, ["--chain-id", String(SECOND_LOCAL_CHAIN_ID)]);
  try {
    return { anvil, deployment: await deploySecondChain(anvil.rpcUrl) };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** Sends one of the product's encoded calls, refusing one built for another chain than the client's. */
async function send(clients: Clients, call: ContractCall): Promise<void> {
  const chainId = clients.walletClient.chain.id;
  if (call.chainId !== chainId) throw new Error(`a call for chain ${call.chainId} was about to be sent on chain ${chainId}`);
  await sendAndWait(clients, call);
}

/**
 * The owner opens the workflow on the chain and registers RECORDS_PER_CHAIN records into it, each with one party on
 * the multi-party tokenizer; the calls are the product's own (integraCallsOn), addressed by the chain's deployment.
 */
async function seedWorkflow(rpcUrl: string, processHash: Hex): Promise<void> {
  const clients = await clientsFor(rpcUrl, OWNER_KEY);
  const chainId = clients.walletClient.chain.id;
  const calls = integraCallsOn(chainId);
  await send(clients, calls.openWorkflow({ workflowId: workflowIdOf(WORKFLOW_NAME) }));
  for (let i = 0; i < RECORDS_PER_CHAIN; i += 1) {
    await send(
      clients,
      calls.registerWithParties({
        contentHash: keccak256(stringToHex(`${WORKFLOW_NAME}: chain ${chainId}, record ${i}`)),
        encryptedRef: "0x",
        tokenizer: factsOn(chainId).address("MultiPartyTokenizerV1"),
        executor: privateKeyToAccount(OWNER_KEY).address,
        processHash,
        parties: [{ recipient: PARTY, amount: 1n, role: "Party" }],
      }),
    );
  }
}

/** What one read cost on one chain. */
interface Cost {
  blockNumber: number;
  getLogs: number;
  calls: number;
  http: number;
}

const costOf = (counts: RpcCounts): Cost => ({
  blockNumber: counts.byMethod.get("eth_blockNumber") ?? 0,
  getLogs: counts.byMethod.get("eth_getLogs") ?? 0,
  calls: counts.calls,
  http: counts.http,
});

const minus = (after: Cost, before: Cost): Cost => ({
  blockNumber: after.blockNumber - before.blockNumber,
  getLogs: after.getLogs - before.getLogs,
  calls: after.calls - before.calls,
  http: after.http - before.http,
});

/** What a read cost on every chain together. */
const sum = (costs: readonly Cost[]): Cost =>
  costs.reduce(
    (total, cost) => ({
      blockNumber: total.blockNumber + cost.blockNumber,
      getLogs: total.getLogs + cost.getLogs,
      calls: total.calls + cost.calls,
      http: total.http + cost.http,
    }),
    { blockNumber: 0, getLogs: 0, calls: 0, http: 0 },
  );

/** One run: the first read of the workflow on the chains, then a refresh, each chain's cost apart. */
interface Run {
  first: { perChain: Cost[]; ms: number; entries: ChainEntry[] };
  refresh: { perChain: Cost[]; ms: number; entries: ChainEntry[] };
}

/**
 * The workflow page's reads on `chains`: each chain's readTimeline on its deployment's contracts from its deploy block
 * (hooks/queries.ts workflowTimelineQuery), in parallel, merged; then the refresh, given each chain's first data.
 * Each chain reads through a fresh counting client. Its block-number cache is off: the page refreshes every 4 s, after
 * viem's cache of the same length has expired, so every refresh sends its eth_blockNumber; here it follows at once.
 */
async function readWorkflow(chains: readonly ChainUnderTest[], processHash: Hex): Promise<Run> {
  const readers = chains.map(({ chain, rpcUrl }) => {
    const counts = newCounts();
    const client: PublicClient = createPublicClient({ chain, transport: countingTransport(rpcUrl, counts), cacheTime: 0 });
    const facts = factsOn(chain.id);
    const filter: TimelineFilter = { addresses: facts.integraAddresses, processHash, fromBlock: facts.deployBlock };
    return { chainId: chain.id, client, counts, filter };
  });
  const merged = (data: readonly TimelineData[]) =>
    mergeChainEntries(data.map(({ entries }, i) => ({ chainId: readers[i].chainId, entries })));

  let started = performance.now();
  const firstData = await Promise.all(readers.map((r) => readTimeline(r.client, r.filter, LOG_BLOCK_RANGE)));
  const firstEntries = merged(firstData);
  const firstMs = performance.now() - started;
  const afterFirst = readers.map((r) => costOf(r.counts));

  started = performance.now();
  const refreshData = await Promise.all(readers.map((r, i) => readTimeline(r.client, r.filter, LOG_BLOCK_RANGE, firstData[i])));
  const refreshEntries = merged(refreshData);
  const refreshMs = performance.now() - started;

  return {
    first: { perChain: afterFirst, ms: firstMs, entries: firstEntries },
    refresh: { perChain: readers.map((r, i) => minus(costOf(r.counts), afterFirst[i])), ms: refreshMs, entries: refreshEntries },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sameCosts = (a: readonly Cost[], b: readonly Cost[]) => JSON.stringify(a) === JSON.stringify(b);

/** The workflow's reads on `chains`, RUNS times: the request counts (the same every run) and the median times. */
interface Measured {
  label: string;
  first: Cost[];
  refresh: Cost[];
  firstMs: number;
  refreshMs: number;
  entries: ChainEntry[];
}

async function measure(label: string, chains: readonly ChainUnderTest[], processHash: Hex): Promise<Measured> {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await readWorkflow(chains, processHash));
  const [firstRun] = runs;
  for (const run of runs) {
    if (!sameCosts(run.first.perChain, firstRun.first.perChain) || !sameCosts(run.refresh.perChain, firstRun.refresh.perChain)) {
      throw new Error(`${label}: the request counts changed between runs`);
    }
    // Nothing new was written: the refresh must find the same entries, in the same order.
    const ids = (entries: readonly ChainEntry[]) => entries.map(chainEntryId).join("|");
    if (ids(run.refresh.entries) !== ids(run.first.entries)) throw new Error(`${label}: the refresh changed the merged timeline`);
  }
  return {
    label,
    first: firstRun.first.perChain,
    refresh: firstRun.refresh.perChain,
    firstMs: median(runs.map((run) => run.first.ms)),
    refreshMs: median(runs.map((run) => run.refresh.ms)),
    entries: firstRun.first.entries,
  };
}

/** Each chain's timeline holds its workflow's opening and every record registered into it, and nothing of another workflow. */
function checkEntries(measured: Measured, chainIds: readonly number[], processHash: Hex): void {
  for (const chainId of chainIds) {
    const entries = measured.entries.filter((e) => e.chainId === chainId).map((e) => e.entry);
    const opened = entries.filter((e) => e.eventName === "WorkflowOpened").length;
    const registered = entries.filter((e) => e.eventName === "RecordRegistered").length;
    if (opened !== 1 || registered !== RECORDS_PER_CHAIN) {
      throw new Error(
        `${measured.label}: chain ${chainId} read ${opened} WorkflowOpened and ${registered} RecordRegistered, expected 1 and ${RECORDS_PER_CHAIN}`,
      );
    }
  }
  const stray = measured.entries.find((e) => !chainIds.includes(e.chainId) || e.entry.processHash !== processHash);
  if (stray) throw new Error(`${measured.label}: an entry of another chain or workflow: ${chainEntryId(stray)}`);
}

const yesNo = (met: boolean) => (met ? "yes" : "NO");

function format(one: Measured, two: Measured, chainIds: readonly number[]): string {
  const oneFirst = sum(one.first);
  const twoFirst = sum(two.first);
  const row = (read: string, m: Measured, costs: Cost[], ms: number, vs?: { costs: Cost[]; ms: number }): string[] => {
    const total = sum(costs);
    return [
      read,
      m.label,
      String(total.blockNumber),
      String(total.getLogs),
      String(total.calls),
      String(total.http),
      String(m.entries.length),
      ms.toFixed(1),
      vs ? ratio(total.calls, sum(vs.costs).calls) : "",
      vs ? ratio(ms, vs.ms) : "",
    ];
  };
  const table = formatTable(
    ["read", "chains", "eth_blockNumber", "eth_getLogs", "requests", "HTTP", "entries", "ms", "requests vs one", "ms vs one"],
    [
      row("first read", one, one.first, one.firstMs),
      row("first read", two, two.first, two.firstMs, { costs: one.first, ms: one.firstMs }),
      row("refresh, nothing new", one, one.refresh, one.refreshMs),
      row("refresh, nothing new", two, two.refresh, two.refreshMs, { costs: one.refresh, ms: one.refreshMs }),
    ],
    ["left", "left", "right", "right", "right", "right", "right", "right", "right", "right"],
  );
  const onePollPerChain = two.refresh.every((cost) => cost.blockNumber === 1 && cost.getLogs === 1 && cost.calls === 2);
  const goals = formatTable(
    ["goal", "measured", "met"],
    [
      [
        `first read: requests <= ${GOAL_FACTOR}x one chain's (O(chains))`,
        `${twoFirst.calls} vs ${oneFirst.calls} (${ratio(twoFirst.calls, oneFirst.calls)})`,
        yesNo(twoFirst.calls <= GOAL_FACTOR * oneFirst.calls),
      ],
      [
        "refresh: one poll per chain (1 eth_blockNumber + 1 eth_getLogs)",
        two.refresh.map((cost, i) => `chain ${chainIds[i]}: ${cost.blockNumber} + ${cost.getLogs}`).join(", "),
        yesNo(onePollPerChain),
      ],
      [
        `first read: time <= ${GOAL_FACTOR}x one chain's`,
        `${two.firstMs.toFixed(1)} vs ${one.firstMs.toFixed(1)} ms (${ratio(two.firstMs, one.firstMs)})`,
        yesNo(two.firstMs <= GOAL_FACTOR * one.firstMs),
      ],
    ],
    ["left", "left", "left"],
  );
  return [
    `One workflow (same owner and name on both chains, so one processHash), ${RECORDS_PER_CHAIN} records on each chain, one party each.`,
    `Read as the workflow page reads it: readTimeline per chain from its deploy block (log range ${LOG_BLOCK_RANGE === 0n ? "uncapped" : LOG_BLOCK_RANGE}),`,
    `chains in parallel, merged newest first (mergeChainEntries). requests = every JSON-RPC call; HTTP = POSTs after the`,
    `16 ms JSON-RPC batching; ms = median of ${RUNS}; "vs one" = two chains against chain ${chainIds[0]} alone.`,
    "",
    table,
    "",
    goals,
  ].join("\n");
}

export const workflowAcrossChainsSection: BenchSection = {
  name: "Workflow across chains",
  async run(ctx) {
    addDeployment(ctx.deployment);
    const second = await startSecondChain();
    // If the bench is stopped (Ctrl-C, a kill) while this section runs, the runner stops chain A only: take B along.
    const killSecondChain = () => second.anvil.process.kill("SIGTERM");
    process.once("exit", killSecondChain);
    try {
      addDeployment(second.deployment);
      const chainA: ChainUnderTest = { chain: await chainAt(ctx.rpcUrl), rpcUrl: ctx.rpcUrl };
      const chainB: ChainUnderTest = { chain: await chainAt(second.anvil.rpcUrl), rpcUrl: second.anvil.rpcUrl };
      const chainIds = [chainA.chain.id, chainB.chain.id];
      if (chainIds[0] === chainIds[1]) throw new Error(`both chains have the id ${chainIds[0]}`);
      if (ctx.deployment.addresses.IntegraRecordV1 === second.deployment.addresses.IntegraRecordV1) {
        throw new Error("chain B's registry is at chain A's address: a reader using the wrong chain's addresses would go unnoticed");
      }

      const processHash = processHashOf(privateKeyToAccount(OWNER_KEY).address, WORKFLOW_NAME);
      await Promise.all([seedWorkflow(chainA.rpcUrl, processHash), seedWorkflow(chainB.rpcUrl, processHash)]);

      const one = await measure(`${chainIds[0]}`, [chainA], processHash);
      const two = await measure(`${chainIds[0]} + ${chainIds[1]}`, [chainA, chainB], processHash);
      checkEntries(one, [chainIds[0]], processHash);
      checkEntries(two, chainIds, processHash);
      const oneIds = new Set(one.entries.map(chainEntryId));
      if (two.entries.filter((e) => e.chainId === chainIds[0]).some((e) => !oneIds.has(chainEntryId(e)))) {
        throw new Error("the two-chain read of chain A differs from the one-chain read");
      }
      return format(one, two, chainIds);
    } finally {
      process.off("exit", killSecondChain);
      await second.anvil.stop();
    }
  },
};
