import { describe, expect, it } from "vitest";
import type { BlockWindow } from "@/lib/chain/adaptiveLogs";
import { LogWindowRefusedError, PARALLEL_WINDOWS, readLogsAdaptively } from "./adaptiveLogs";
import { learnedLogRange, logEndpointOf } from "./logRangeMemory";
import type { RetryPolicy } from "./retryTransient";
import { otherErrors, rangeRefusals, transientRefusals } from "./viemErrorShapes.testing";

/** One log per listed block: what a node holds. */
const LOG_BLOCKS = [0n, 1n, 999n, 1_000n, 4_321n, 10_000n, 10_001n, 25_000n, 49_999n, 50_000n];
const HEAD = 50_000n;

/**
 * A scripted provider: answers eth_getLogs for a window with the logs (block numbers) in it, refuses any window
 * wider than `cap` blocks with `refusal()`, and fails the first `failFirst` requests with `transient()`.
 */
function scriptedProvider(options: { cap?: bigint; refusal?: () => Error; failFirst?: number; transient?: () => Error }) {
  const sent: BlockWindow[] = [];
  const accepted: BlockWindow[] = [];
  let failuresLeft = options.failFirst ?? 0;
  const fetchWindow = async (window: BlockWindow): Promise<bigint[]> => {
    sent.push(window);
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw options.transient!();
    }
    if (options.cap !== undefined && window.toBlock - window.fromBlock + 1n > options.cap) throw options.refusal!();
    accepted.push(window);
    return LOG_BLOCKS.filter((block) => block >= window.fromBlock && block <= window.toBlock);
  };
  return { fetchWindow, sent, accepted };
}

/** Retries without waiting, recording the waits asked for; jitter fixed at its middle. */
function instantRetry(retries = 3): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return { retries, baseDelayMs: 400, maxDelayMs: 5_000, random: () => 0.5, sleep: async (ms) => void waits.push(ms), waits };
}

/** Every window's span in blocks. */
const spans = (windows: BlockWindow[]) => windows.map((w) => w.toBlock - w.fromBlock + 1n);

/** The windows tile [from, to] exactly: contiguous, in order, no gap, no overlap. */
function expectTiling(windows: BlockWindow[], from: bigint, to: bigint) {
  expect(windows[0].fromBlock).toBe(from);
  expect(windows.at(-1)!.toBlock).toBe(to);
  for (let i = 1; i < windows.length; i++) expect(windows[i].fromBlock).toBe(windows[i - 1].toBlock + 1n);
}

describe("readLogsAdaptively", () => {
  it("makes exactly one request over the whole span when the provider has no cap and no hint is given", async () => {
    const provider = scriptedProvider({});
    const result = await readLogsAdaptively(0n, HEAD, provider.fetchWindow, { endpoint: {} });
    expect(provider.sent).toEqual([{ fromBlock: 0n, toBlock: HEAD }]);
    expect(result).toEqual({ items: LOG_BLOCKS, requests: 1 });
  });

  it("takes the hint as the first window's size, as the fixed windows did", async () => {
    const provider = scriptedProvider({});
    const result = await readLogsAdaptively(100n, 2_500n, provider.fetchWindow, { endpoint: {}, hint: 1_000n });
    expect(provider.sent).toEqual([
      { fromBlock: 100n, toBlock: 1_099n },
      { fromBlock: 1_100n, toBlock: 2_099n },
      { fromBlock: 2_100n, toBlock: 2_500n },
    ]);
    expect(result.items).toEqual([999n, 1_000n]);
    expect(result.requests).toBe(3);
  });

  it("reads windows of an accepted size four at a time, and still returns their logs in block order", async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const fetchWindow = async (window: BlockWindow) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      // Later windows answer first.
      await new Promise((resolve) => setTimeout(resolve, Number(HEAD - window.fromBlock) / 5_000));
      inFlight -= 1;
      return LOG_BLOCKS.filter((block) => block >= window.fromBlock && block <= window.toBlock);
    };
    const result = await readLogsAdaptively(0n, HEAD, fetchWindow, { endpoint: {}, hint: 5_000n });
    expect(result.items).toEqual(LOG_BLOCKS);
    expect(result.requests).toBe(11);
    expect(mostInFlight).toBe(PARALLEL_WINDOWS);
  });

  it("reads a window refused beside others again alone, then goes one window at a time, narrowing only on its own refusal", async () => {
    // Accepts windows of up to 10,000 blocks, except that block 25,000 is in a dense stretch: a window over it is
    // refused unless it spans at most 2,500 blocks.
    const sent: BlockWindow[] = [];
    const fetchWindow = async (window: BlockWindow) => {
      sent.push(window);
      const span = window.toBlock - window.fromBlock + 1n;
      const overDense = window.fromBlock <= 25_000n && window.toBlock >= 25_000n;
      if (span > 10_000n || (overDense && span > 2_500n)) throw rangeRefusals["HTTP 413 Request Entity Too Large"]();
      return LOG_BLOCKS.filter((block) => block >= window.fromBlock && block <= window.toBlock);
    };
    const result = await readLogsAdaptively(0n, HEAD, fetchWindow, { endpoint: {}, hint: 10_000n, retry: instantRetry() });
    expect(result.items).toEqual(LOG_BLOCKS);
    expect(result.requests).toBe(sent.length);
    // 20,000-29,999 failed beside others, then alone; only then it was halved.
    expect(sent.filter((w) => w.fromBlock === 20_000n).map((w) => w.toBlock - w.fromBlock + 1n)).toEqual([10_000n, 10_000n, 5_000n]);
    // The window from 30,000 went out beside it, then again (one at a time) at the size that read the dense stretch.
    expect(sent.filter((w) => w.fromBlock === 30_000n).map((w) => w.toBlock - w.fromBlock + 1n)).toEqual([10_000n, 2_500n]);
  });

  it("does not narrow when only the company was refused (a provider that refuses a batch of calls): it reads on one at a time", async () => {
    let inFlight = 0;
    const sent: BlockWindow[] = [];
    const fetchWindow = async (window: BlockWindow) => {
      sent.push(window);
      inFlight += 1;
      await Promise.resolve();
      const crowded = inFlight > 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      if (crowded) throw rangeRefusals["HTTP 413 Request Entity Too Large"]();
      return LOG_BLOCKS.filter((block) => block >= window.fromBlock && block <= window.toBlock);
    };
    const endpoint = {};
    const result = await readLogsAdaptively(0n, HEAD, fetchWindow, { endpoint, hint: 10_000n, retry: instantRetry() });
    expect(result.items).toEqual(LOG_BLOCKS);
    expect(new Set(sent.map((w) => w.toBlock - w.fromBlock + 1n))).toEqual(new Set([10_000n, 1n]));
    expect(learnedLogRange(endpoint)).toBeUndefined();
  });

  it("reads nothing, and sends nothing, over an empty span", async () => {
    const provider = scriptedProvider({});
    expect(await readLogsAdaptively(10n, 9n, provider.fetchWindow, { endpoint: {} })).toEqual({ items: [], requests: 0 });
    expect(provider.sent).toEqual([]);
  });

  describe.each(Object.entries(rangeRefusals))("a provider capped at 10,000 blocks that refuses with %s", (_, refusal) => {
    it("halves until accepted: complete, in order, no window over the cap; the next read starts at the learned size", async () => {
      const endpoint = {};
      const first = scriptedProvider({ cap: 10_000n, refusal });
      const read1 = await readLogsAdaptively(0n, HEAD, first.fetchWindow, { endpoint, retry: instantRetry() });
      expect(read1.items).toEqual(LOG_BLOCKS);
      expectTiling(first.accepted, 0n, HEAD);
      expect(spans(first.accepted).every((span) => span <= 10_000n)).toBe(true);
      // 50,001 -> 25,000 -> 12,500 -> 6,250 blocks: three refusals, then windows of 6,250.
      expect(spans(first.sent).slice(0, 4)).toEqual([50_001n, 25_000n, 12_500n, 6_250n]);
      expect(learnedLogRange(endpoint)).toBe(6_250n);
      expect(read1.requests).toBe(first.sent.length);

      const second = scriptedProvider({ cap: 10_000n, refusal });
      const read2 = await readLogsAdaptively(0n, HEAD, second.fetchWindow, { endpoint, retry: instantRetry() });
      expect(read2.items).toEqual(LOG_BLOCKS);
      expect(second.sent).toEqual(second.accepted);
      expect(read2.requests).toBe(9);
      expect(read2.requests).toBeLessThan(read1.requests);
    });
  });

  it("keeps narrowing within a read when a narrower window is refused too (a result cap in a dense stretch)", async () => {
    // Refuses any window holding more than one log: a cap on results, not on blocks.
    const sent: BlockWindow[] = [];
    const fetchWindow = async (window: BlockWindow) => {
      sent.push(window);
      const inside = LOG_BLOCKS.filter((block) => block >= window.fromBlock && block <= window.toBlock);
      if (inside.length > 1) throw rangeRefusals["Infura: -32005 query returned more than 10000 results"]();
      return inside;
    };
    const result = await readLogsAdaptively(0n, HEAD, fetchWindow, { endpoint: {}, retry: instantRetry() });
    expect(result.items).toEqual(LOG_BLOCKS);
    // Blocks 0 and 1 hold a log each: only a one-block window separates them.
    expect(sent.some((w) => w.fromBlock === 0n && w.toBlock === 0n)).toBe(true);
  });

  it("shares what it learned between clients of the same URL, not with another URL", async () => {
    const refusal = rangeRefusals["HTTP 413 Request Entity Too Large"];
    const clientA = { transport: { url: "https://capped.example/a" } };
    const clientB = { transport: { url: "https://capped.example/a" } };
    const clientC = { transport: { url: "https://other.example/" } };
    await readLogsAdaptively(0n, HEAD, scriptedProvider({ cap: 10_000n, refusal }).fetchWindow, {
      endpoint: logEndpointOf(clientA),
      retry: instantRetry(),
    });
    const viaB = scriptedProvider({ cap: 10_000n, refusal });
    await readLogsAdaptively(0n, HEAD, viaB.fetchWindow, { endpoint: logEndpointOf(clientB), retry: instantRetry() });
    expect(spans(viaB.sent)[0]).toBe(6_250n);
    const viaC = scriptedProvider({ cap: 10_000n, refusal });
    await readLogsAdaptively(0n, HEAD, viaC.fetchWindow, { endpoint: logEndpointOf(clientC), retry: instantRetry() });
    expect(spans(viaC.sent)[0]).toBe(50_001n);
  });

  it("starts from the smaller of the hint and the learned size", async () => {
    const endpoint = {};
    const refusal = rangeRefusals["Ankr: -32000 block range is too wide"];
    await readLogsAdaptively(0n, HEAD, scriptedProvider({ cap: 10_000n, refusal }).fetchWindow, { endpoint, retry: instantRetry() });
    const bigHint = scriptedProvider({ cap: 10_000n, refusal });
    await readLogsAdaptively(0n, HEAD, bigHint.fetchWindow, { endpoint, hint: 40_000n, retry: instantRetry() });
    expect(spans(bigHint.sent)[0]).toBe(6_250n);
    const smallHint = scriptedProvider({ cap: 10_000n, refusal });
    await readLogsAdaptively(0n, HEAD, smallHint.fetchWindow, { endpoint, hint: 2_000n, retry: instantRetry() });
    expect(spans(smallHint.sent)[0]).toBe(2_000n);
  });

  describe.each(Object.entries(transientRefusals))("%s", (_, transient) => {
    it("is retried with growing, jittered waits, then the data comes", async () => {
      const provider = scriptedProvider({ failFirst: 2, transient });
      const retry = instantRetry();
      const result = await readLogsAdaptively(0n, HEAD, provider.fetchWindow, { endpoint: {}, retry });
      expect(result).toEqual({ items: LOG_BLOCKS, requests: 3 });
      // Jitter at its middle: three quarters of 400 and 800 ms.
      expect(retry.waits).toEqual([300, 600]);
    });
  });

  it("surfaces a transient error after the bounded number of retries", async () => {
    const provider = scriptedProvider({ failFirst: 100, transient: transientRefusals["HTTP 503"] });
    const retry = instantRetry(3);
    await expect(readLogsAdaptively(0n, HEAD, provider.fetchWindow, { endpoint: {}, retry })).rejects.toMatchObject({ status: 503 });
    expect(provider.sent).toHaveLength(4);
    expect(retry.waits).toEqual([300, 600, 1_200]);
  });

  describe.each(Object.entries(otherErrors))("%s", (_, other) => {
    it("surfaces at once: one request, no halving, no retry", async () => {
      const error = other();
      const sent: BlockWindow[] = [];
      const retry = instantRetry();
      const read = readLogsAdaptively(
        0n,
        HEAD,
        async (window) => {
          sent.push(window);
          throw error;
        },
        { endpoint: {}, retry },
      );
      await expect(read).rejects.toBe(error);
      expect(sent).toHaveLength(1);
      expect(retry.waits).toEqual([]);
    });
  });

  it("stops halving at one block and says the provider refuses even that", async () => {
    const sent: BlockWindow[] = [];
    const refusal = rangeRefusals["geth fork: -32000 exceed maximum block range: 10000"];
    const read = readLogsAdaptively(
      7n,
      1_030n,
      async (window) => {
        sent.push(window);
        throw refusal();
      },
      { endpoint: {}, retry: instantRetry() },
    );
    await expect(read).rejects.toThrow(LogWindowRefusedError);
    await expect(read).rejects.toThrow(/single block 7\b.*exceed maximum block range/s);
    // 1,024 blocks: 1,024, 512, ..., 2, 1 is eleven windows.
    expect(spans(sent)).toEqual([1_024n, 512n, 256n, 128n, 64n, 32n, 16n, 8n, 4n, 2n, 1n]);
  });
});
