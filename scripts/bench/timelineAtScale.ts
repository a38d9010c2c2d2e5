// Section: a record's full timeline on a long, busy chain. The app's readTimeline (one eth_getLogs per block window
// over all Integra addresses, topics [selectors, integraHash], from the record's block) against the common naive
// read: one eth_getLogs per contract and event type, in 500-block windows from the deploy block. Then the same
// behind a provider that refuses eth_getLogs spans above 1,000 blocks, and for a record registered late.
import { type AbiEvent, type Address, type Chain, type Hex, type PublicClient, numberToHex, toEventSelector } from "viem";
import {
  deployBlock,
  integraAddresses,
  multiPartyTokenizer,
  ownershipTokenizer,
  registry,
  capabilityResolver,
  signal,
  allowlistResolver,
} from "@/lib/contracts.ts";
import { classifyLogError } from "@/lib/chain/logRangeErrors.ts";
import { type RpcLog, type TimelineEntry, decodeEntry } from "@/lib/timeline/decodeEntry.ts";
import { integraTimelineEvents } from "@/lib/timeline/integraEvents.ts";
import { readTimeline } from "@/lib/timeline/readTimeline.ts";
import { chainAt } from "../stack/clients.ts";
import { type Measured, measureReads, ratio } from "./countingRpc.ts";
import { type ScaleChain, type SeededRecord, describeScaleChain, scaleChain } from "./scaleChain.ts";
import { formatTable } from "./table.ts";
import type { BenchSection } from "./types.ts";

const NAIVE_WINDOW = 500n;
const PROVIDER_CAP = 1_000n;

/** Every (contract, Integra event) pair: what a dapp without a shared topic layout queries one by one. */
function naiveEventTypes(): { address: Address; name: string; selector: Hex }[] {
  const timelineNames = new Set<string>(integraTimelineEvents.map((e) => e.name));
  const contracts = [registry, ownershipTokenizer, multiPartyTokenizer, capabilityResolver, signal, allowlistResolver];
  return contracts.flatMap(({ address, abi }) =>
    (abi as readonly { type: string; name?: string }[])
      .filter((item): item is AbiEvent => item.type === "event" && timelineNames.has(item.name ?? ""))
      .map((event) => ({ address, name: event.name, selector: toEventSelector(event) })),
  );
}

/** The naive read: event types in parallel, each walking 500-block windows from the deploy block to the head. */
async function naiveTimeline(client: PublicClient, integraHash: Hex): Promise<TimelineEntry[]> {
  const latest = await client.getBlockNumber();
  const perType = await Promise.all(
    naiveEventTypes().map(async ({ address, selector }) => {
      const logs: RpcLog[] = [];
      for (let from = deployBlock; from <= latest; from += NAIVE_WINDOW) {
        const to = from + NAIVE_WINDOW - 1n < latest ? from + NAIVE_WINDOW - 1n : latest;
        const page = await client.request({
          method: "eth_getLogs",
          params: [{ address, topics: [selector, integraHash], fromBlock: numberToHex(from), toBlock: numberToHex(to) }],
        });
        logs.push(...page);
      }
      return logs;
    }),
  );
  return perType
    .flat()
    .map(decodeEntry)
    .filter((e): e is TimelineEntry => e !== undefined);
}

async function appTimeline(client: PublicClient, record: SeededRecord, maxRange: bigint): Promise<TimelineEntry[]> {
  const data = await readTimeline(
    client,
    { addresses: integraAddresses, integraHash: record.integraHash, fromBlock: record.registeredBlock },
    maxRange,
  );
  return data.entries;
}

const key = (e: TimelineEntry) => `${e.blockNumber}:${e.logIndex}:${e.transactionHash}:${e.eventName}`;

/** Both readers must return exactly the record's events, the same ones. */
function checkSame(label: string, app: TimelineEntry[], naive: TimelineEntry[], expected: number): void {
  const a = app.map(key).sort();
  const n = naive.map(key).sort();
  if (a.length !== expected || n.length !== expected || a.join("|") !== n.join("|")) {
    throw new Error(`${label}: the app read ${a.length} events, the naive read ${n.length}, expected the same ${expected}`);
  }
  const wrong = app.find((e) => e.removed);
  if (wrong) throw new Error(`${label}: unexpected removed log ${key(wrong)}`);
}

interface Row {
  record: string;
  provider: string;
  reader: string;
  m: Measured<TimelineEntry[]>;
  vs?: Measured<TimelineEntry[]>;
}

/** App uncapped and capped; naive uncapped (when `withUncappedNaive`) and capped (500-block windows fit the cap). */
async function measureRecord(
  rpcUrl: string,
  chain: Chain,
  head: bigint,
  label: string,
  record: SeededRecord,
  rows: Row[],
  withUncappedNaive: boolean,
): Promise<void> {
  const appUncapped = await measureReads(rpcUrl, chain, (c) => appTimeline(c, record, 0n));
  rows.push({ record: label, provider: "uncapped", reader: "app readTimeline (maxRange 0)", m: appUncapped });
  if (withUncappedNaive) {
    const naive = await measureReads(rpcUrl, chain, (c) => naiveTimeline(c, record.integraHash));
    checkSame(`${label}, uncapped`, appUncapped.result, naive.result, record.events);
    rows.push({ record: label, provider: "uncapped", reader: "naive: per event type, 500-block windows", m: naive, vs: appUncapped });
  }

  // The cap is real: one eth_getLogs over more than 1,000 blocks must be refused. (Asked directly: the app's reader
  // would halve its window on the refusal and succeed.)
  if (head - record.registeredBlock + 1n > PROVIDER_CAP) {
    const refused = await measureReads(
      rpcUrl,
      chain,
      (c) =>
        c.getLogs({ fromBlock: record.registeredBlock, toBlock: head }).then(
          () => false,
          (error: unknown) => classifyLogError(error) === "range",
        ),
      PROVIDER_CAP,
      1,
    );
    if (!refused.result) throw new Error("the capped provider accepted an eth_getLogs over more than 1,000 blocks");
  }
  const appCapped = await measureReads(rpcUrl, chain, (c) => appTimeline(c, record, PROVIDER_CAP), PROVIDER_CAP);
  const naiveCapped = await measureReads(rpcUrl, chain, (c) => naiveTimeline(c, record.integraHash), PROVIDER_CAP);
  checkSame(`${label}, capped`, appCapped.result, naiveCapped.result, record.events);
  rows.push({ record: label, provider: "cap 1,000 blocks", reader: "app readTimeline (maxRange 1000)", m: appCapped });
  rows.push({
    record: label,
    provider: "cap 1,000 blocks",
    reader: "naive: per event type, 500-block windows",
    m: naiveCapped,
    vs: appCapped,
  });
}

function format(chain: ScaleChain, rows: Row[]): string {
  const types = naiveEventTypes().length;
  const table = formatTable(
    ["record", "provider", "reader", "RPC calls", "HTTP", "logs", "ms", "calls naive/app", "ms naive/app"],
    rows.map((r) => [
      r.record,
      r.provider,
      r.reader,
      String(r.m.counts.calls),
      String(r.m.counts.http),
      String(r.m.counts.logs),
      r.m.ms.toFixed(1),
      r.vs ? ratio(r.m.counts.calls, r.vs.counts.calls) : "",
      r.vs ? ratio(r.m.ms, r.vs.ms) : "",
    ]),
    ["left", "left", "left", "right", "right", "right", "right", "right", "right"],
  );
  const target = chain.target;
  const late = chain.late;
  return [
    describeScaleChain(chain),
    `target: ${target.events} events of 6 contracts, registered at block ${target.registeredBlock}; late: ${late.events} events, registered at block ${late.registeredBlock} (head ${chain.head}).`,
    `naive = ${types} (contract, event) pairs x 500-block windows from the deploy block (${deployBlock}), pairs in parallel. ms = median of 3. RPC calls =`,
    "every JSON-RPC call (batch entries counted individually, eth_blockNumber included); HTTP = POSTs after the app's 16 ms JSON-RPC batching.",
    "",
    table,
  ].join("\n");
}

export const timelineAtScaleSection: BenchSection = {
  name: "Timeline at scale",
  async run(ctx) {
    const chainState = await scaleChain(ctx);
    const chain = await chainAt(ctx.rpcUrl);
    const rows: Row[] = [];
    await measureRecord(ctx.rpcUrl, chain, chainState.head, `target (${chainState.target.events} ev)`, chainState.target, rows, true);
    await measureRecord(ctx.rpcUrl, chain, chainState.head, `late (${chainState.late.events} ev)`, chainState.late, rows, false);
    return format(chainState, rows);
  },
};
