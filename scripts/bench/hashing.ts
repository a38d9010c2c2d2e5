// Section 2: the app's browser hasher (the SIMD SHA-256 module of lib/hash/ in the app's own module worker, driven
// through the /verify page exactly as a user does) against `sha256sum` on the same 512 MiB file, with the JS heap
// and the renderer's memory sampled meanwhile; then a 2 GiB file once, for the memory it costs the tab; and the
// hasher's stream reader (lib/hash/hashStream.ts) and its SHA-256 cores in Node on the same bytes.
import { spawnSync } from "node:child_process";
import { randomFillSync } from "node:crypto";
import { closeSync, openAsBlob, openSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, CDPSession, Page } from "@playwright/test";
import { sha256OfStream } from "../../lib/hash/hashStream.ts";
import { createSha256 } from "../../lib/hash/sha256Wasm.ts";
import { launchChromium } from "./browser.ts";
import { RendererMemoryProbe } from "./rendererMemory.ts";
import { MIB, formatTable, mib } from "./table.ts";
import type { BenchSection } from "./types.ts";

const FILE_BYTES = 512 * MIB;
const LARGE_FILE_BYTES = 2048 * MIB;
/** Small enough that reading and hashing take ~3 ms: what remains is the per-hash cost (worker start, page). */
const TINY_FILE_BYTES = 1 * MIB;
/** Issue 13's goals. */
const GOAL_RATIO = 1.0;
const GOAL_LARGE_FILE_GROWTH = 16 * MIB;
const SAMPLE_EVERY_MS = 100;
const ROUNDS = 3;
const HASH_TIMEOUT_MS = 10 * 60_000;

/** Written in 8 MiB chunks so the bench itself never holds the file. Random bytes: nothing compresses or dedups. */
function writeRandomFile(file: string, bytes: number): void {
  const chunk = Buffer.allocUnsafe(8 * MIB);
  const fd = openSync(file, "w");
  try {
    for (let written = 0; written < bytes; written += chunk.length) {
      randomFillSync(chunk);
      writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - written));
    }
  } finally {
    closeSync(fd);
  }
}

function sha256sum(file: string): { hash: string; seconds: number } {
  const started = performance.now();
  const result = spawnSync("sha256sum", [file], { encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`sha256sum failed: ${result.stderr}`);
  return { hash: `0x${result.stdout.split(/\s+/)[0]}`, seconds };
}

/** The app's stream hasher in Node, on a Blob of the file (read as a byte stream, as the browser reads a File). */
async function hashStreamInNode(file: string): Promise<{ hash: string; seconds: number }> {
  const blob = await openAsBlob(file);
  let bytesRead = 0;
  const started = performance.now();
  // Node's Blob stream type comes from node:stream/web; it is the same WHATWG stream at runtime.
  const hash = await sha256OfStream(blob.stream() as ReadableStream<Uint8Array>, (n) => (bytesRead = n));
  const seconds = (performance.now() - started) / 1000;
  if (bytesRead !== blob.size) throw new Error(`sha256OfStream reported ${bytesRead} of ${blob.size} bytes read`);
  return { hash, seconds };
}

/**
 * A SHA-256 core alone on bytes already in memory (the 512 MiB fed from one 2 MiB buffer): no reading, no stream,
 * so it shows whether the hashing itself keeps up with `sha256sum`. `portable` is hash-wasm, the app's hasher before.
 */
async function hashCoreInNode(portable: boolean): Promise<{ seconds: number }> {
  const chunk = new Uint8Array(2 * MIB).map((_, i) => (i * 31 + (i >>> 8)) & 0xff);
  const hasher = await createSha256({ portable });
  const started = performance.now();
  for (let fed = 0; fed < FILE_BYTES; fed += chunk.length) hasher.update(chunk);
  hasher.digest();
  return { seconds: (performance.now() - started) / 1000 };
}

interface HeapUsage {
  usedSize: number;
  /** ArrayBuffer backing stores (the read buffer, WASM memory), outside the JS heap proper. */
  backingStorageSize: number;
}

/**
 * Reads the JS heap of the page's dedicated workers. Playwright exposes no CDP session for a worker, so the
 * page's session auto-attaches to them in the (older) non-flattened mode and talks to each through
 * Target.sendMessageToTarget; Playwright's own flattened sessions are not disturbed.
 * (`performance.memory` does not exist in workers, so worker.evaluate cannot do it.)
 */
class WorkerHeapProbe {
  private readonly workers = new Set<string>();
  private readonly pending = new Map<number, (usage: HeapUsage | undefined) => void>();
  private nextId = 1;
  attachedCount = 0;

  constructor(private readonly cdp: CDPSession) {
    cdp.on("Target.attachedToTarget", (event) => {
      if (event.targetInfo.type !== "worker") return;
      this.workers.add(event.sessionId);
      this.attachedCount += 1;
    });
    cdp.on("Target.detachedFromTarget", (event) => {
      if (event.sessionId) this.workers.delete(event.sessionId);
    });
    cdp.on("Target.receivedMessageFromTarget", (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: HeapUsage };
      if (message.id === undefined) return;
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    });
  }

  async start(): Promise<void> {
    await this.cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  }

  /** Summed over the live workers; undefined when none is running (or it ended while asked). */
  async sample(): Promise<HeapUsage | undefined> {
    const usages = await Promise.all([...this.workers].map((sessionId) => this.heapOf(sessionId)));
    const known = usages.filter((u): u is HeapUsage => u !== undefined);
    if (known.length === 0) return undefined;
    return {
      usedSize: known.reduce((sum, u) => sum + u.usedSize, 0),
      backingStorageSize: known.reduce((sum, u) => sum + u.backingStorageSize, 0),
    };
  }

  private heapOf(sessionId: string): Promise<HeapUsage | undefined> {
    const id = this.nextId++;
    // A worker terminated between the request and its answer never answers: give up after a second.
    const answer = new Promise<HeapUsage | undefined>((resolve) => {
      this.pending.set(id, resolve);
      setTimeout(() => {
        this.pending.delete(id);
        resolve(undefined);
      }, 1_000);
    });
    this.cdp
      .send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method: "Runtime.getHeapUsage" }) })
      .catch(() => this.pending.get(id)?.(undefined));
    return answer;
  }
}

async function pageHeapUsed(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0;
}

interface BrowserResult {
  hash: string;
  seconds: number;
  pageHeapBaseline: number;
  pageHeapPeak: number;
  workerHeapPeak: number | undefined;
  workerBackingPeak: number | undefined;
  workersAttached: number;
  samples: number;
  /** Renderer processes' anonymous + shared memory before hashing and at its peak; undefined off Linux. */
  rendererBaseline: number | undefined;
  rendererPeak: number | undefined;
}

async function hashInApp(browser: Browser, page: Page, appUrl: string, file: string): Promise<BrowserResult> {
  const renderer = await RendererMemoryProbe.open(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const workers = new WorkerHeapProbe(cdp);
  await workers.start();

  // networkidle: the page must be hydrated, or the input's change event is lost before React listens.
  await page.goto(`${appUrl}/verify`, { waitUntil: "networkidle" });
  // A clean baseline: what the page holds before hashing, without garbage from loading it.
  await cdp.send("HeapProfiler.collectGarbage");
  const pageHeapBaseline = await pageHeapUsed(cdp);
  const rendererBaseline = await renderer.sample();

  let sampling = true;
  let pageHeapPeak = pageHeapBaseline;
  let workerHeapPeak: number | undefined;
  let workerBackingPeak: number | undefined;
  let rendererPeak = rendererBaseline;
  let samples = 0;
  const sampler = (async () => {
    while (sampling) {
      const tick = performance.now();
      const [pageHeap, workerHeap, rendererMemory] = await Promise.all([pageHeapUsed(cdp), workers.sample(), renderer.sample()]);
      samples += 1;
      pageHeapPeak = Math.max(pageHeapPeak, pageHeap);
      if (rendererMemory !== undefined && rendererPeak !== undefined) rendererPeak = Math.max(rendererPeak, rendererMemory);
      if (workerHeap) {
        workerHeapPeak = Math.max(workerHeapPeak ?? 0, workerHeap.usedSize);
        workerBackingPeak = Math.max(workerBackingPeak ?? 0, workerHeap.backingStorageSize);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, SAMPLE_EVERY_MS - (performance.now() - tick))));
    }
  })();

  const shownHash = page.locator("code").filter({ hasText: /^0x[0-9a-f]{64}$/ });
  const started = performance.now();
  try {
    await page.getByLabel(/Choose or drop the document to check/).setInputFiles(file);
    await shownHash.waitFor({ timeout: HASH_TIMEOUT_MS });
  } finally {
    sampling = false;
  }
  const seconds = (performance.now() - started) / 1000;
  await sampler;

  const hash = (await shownHash.textContent())?.trim() ?? "";
  // The page then puts the hash in the URL (and queries the chain); check it got there too.
  await page.waitForURL(new RegExp(`[?&]hash=${hash}`), { timeout: 10_000 });
  await renderer.close();
  return {
    hash,
    seconds,
    pageHeapBaseline,
    pageHeapPeak,
    workerHeapPeak,
    workerBackingPeak,
    workersAttached: workers.attachedCount,
    samples,
    rendererBaseline,
    rendererPeak,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "median (min-max)" of durations in seconds. */
function spread(values: number[]): string {
  return `${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)})`;
}

const ofFile = (bytes: number) => `${((bytes / FILE_BYTES) * 100).toFixed(2)} %`;
const rendererGrowth = (r: BrowserResult) =>
  r.rendererPeak === undefined || r.rendererBaseline === undefined ? undefined : r.rendererPeak - r.rendererBaseline;
const meets = (ok: boolean) => (ok ? "met" : "MISSED");

export const hashingSection: BenchSection = {
  name: "Hashing",
  async run(ctx) {
    const file = path.join(os.tmpdir(), `integra-bench-${process.pid}.bin`);
    const largeFile = path.join(os.tmpdir(), `integra-bench-${process.pid}-2g.bin`);
    const tinyFile = path.join(os.tmpdir(), `integra-bench-${process.pid}-1m.bin`);
    try {
      writeRandomFile(file, FILE_BYTES);
      // Both read the file from the page cache it was just written to, so neither pays for the disk. The two
      // alternate for a few rounds so background load on this small machine hits both alike; medians are compared.
      const native: { hash: string; seconds: number }[] = [];
      const inNode: { hash: string; seconds: number }[] = [];
      const coreBefore: { seconds: number }[] = [];
      const coreNow: { seconds: number }[] = [];
      const inApp: BrowserResult[] = [];
      let largeNative: { hash: string; seconds: number };
      let largeInApp: BrowserResult;
      const tinyInApp: BrowserResult[] = [];
      const browser = await launchChromium();
      try {
        for (let round = 0; round < ROUNDS; round++) {
          native.push(sha256sum(file));
          inNode.push(await hashStreamInNode(file));
          coreBefore.push(await hashCoreInNode(true));
          coreNow.push(await hashCoreInNode(false));
          // A fresh page per round: the hasher's first run each time, as for a user.
          const page = await browser.newPage();
          inApp.push(await hashInApp(browser, page, ctx.appUrl, file));
          await page.close();
        }
        rmSync(file, { force: true });
        // The fixed part of the browser's time: a file hashed in a few milliseconds, on fresh pages like the rounds.
        writeRandomFile(tinyFile, TINY_FILE_BYTES);
        for (let round = 0; round < ROUNDS; round++) {
          const tinyPage = await browser.newPage();
          tinyInApp.push(await hashInApp(browser, tinyPage, ctx.appUrl, tinyFile));
          await tinyPage.close();
        }
        // Once: a file four times larger, for the memory hashing costs the tab (it must not grow with the file).
        writeRandomFile(largeFile, LARGE_FILE_BYTES);
        largeNative = sha256sum(largeFile);
        const page = await browser.newPage();
        largeInApp = await hashInApp(browser, page, ctx.appUrl, largeFile);
        await page.close();
      } finally {
        await browser.close();
      }

      const nativeSeconds = median(native.map((r) => r.seconds));
      const browserSeconds = median(inApp.map((r) => r.seconds));
      const nodeSeconds = median(inNode.map((r) => r.seconds));
      const rate = (bytes: number, seconds: number) => (bytes / MIB / seconds).toFixed(0);
      const ratio = (seconds: number) => (nativeSeconds / seconds).toFixed(2);
      const browserRatio = nativeSeconds / browserSeconds;
      const largeRatio = largeNative.seconds / largeInApp.seconds;
      const pagePeak = Math.max(...inApp.map((r) => r.pageHeapPeak));
      const pageGrowth = Math.max(...inApp.map((r) => r.pageHeapPeak - r.pageHeapBaseline));
      const growths = inApp.flatMap((r) => rendererGrowth(r) ?? []);
      const largeGrowth = rendererGrowth(largeInApp);
      const row = (label: string, seconds: number[], bytes: number, vsNative: string, goal = "", peak = "", ofFileText = "") => [
        label,
        spread(seconds),
        rate(bytes, median(seconds)),
        vsNative,
        goal,
        peak,
        ofFileText,
      ];
      const rows: string[][] = [
        row(
          "sha256sum",
          native.map((r) => r.seconds),
          FILE_BYTES,
          "1.00",
        ),
        row(
          "browser (app worker)",
          inApp.map((r) => r.seconds),
          FILE_BYTES,
          browserRatio.toFixed(2),
          `>= ${GOAL_RATIO.toFixed(2)}: ${meets(browserRatio >= GOAL_RATIO)}`,
        ),
        row(
          "sha256OfStream (Node, Blob stream)",
          inNode.map((r) => r.seconds),
          FILE_BYTES,
          ratio(nodeSeconds),
        ),
        row(
          "core: SIMD module (Node, in memory)",
          coreNow.map((r) => r.seconds),
          FILE_BYTES,
          ratio(median(coreNow.map((r) => r.seconds))),
        ),
        row(
          "core: hash-wasm, before (Node, in memory)",
          coreBefore.map((r) => r.seconds),
          FILE_BYTES,
          ratio(median(coreBefore.map((r) => r.seconds))),
        ),
        [`browser, ${mib(TINY_FILE_BYTES, 0)} MiB file: per-hash cost`, spread(tinyInApp.map((r) => r.seconds)), "", "", "", "", ""],
        ["page JS heap", "", "", "", "", mib(pagePeak), ofFile(pagePeak)],
        ["page JS heap growth", "", "", "", "", mib(pageGrowth), ofFile(pageGrowth)],
      ];
      if (growths.length > 0)
        rows.push(["renderer memory growth", "", "", "", "", mib(Math.max(...growths)), ofFile(Math.max(...growths))]);
      const workerHeaps = inApp.flatMap((r) => (r.workerHeapPeak === undefined ? [] : [r.workerHeapPeak]));
      const workerBacking = inApp.flatMap((r) => (r.workerBackingPeak === undefined ? [] : [r.workerBackingPeak]));
      if (workerHeaps.length > 0) {
        rows.push(["worker JS heap", "", "", "", "", mib(Math.max(...workerHeaps)), ofFile(Math.max(...workerHeaps))]);
        rows.push(["worker ArrayBuffers+WASM", "", "", "", "", mib(Math.max(...workerBacking)), ofFile(Math.max(...workerBacking))]);
      }
      const columns = ["", "seconds: median (min-max)", "MiB/s", "vs sha256sum", "goal", "peak MiB", "of file"];
      const aligns = ["left", "right", "right", "right", "left", "right", "right"] as const;
      const table = formatTable(columns, rows, [...aligns]);

      const largeRows: string[][] = [
        [
          `sha256sum, ${mib(LARGE_FILE_BYTES, 0)} MiB`,
          largeNative.seconds.toFixed(2),
          rate(LARGE_FILE_BYTES, largeNative.seconds),
          "1.00",
          "",
          "",
        ],
        [
          `browser (app worker), ${mib(LARGE_FILE_BYTES, 0)} MiB`,
          largeInApp.seconds.toFixed(2),
          rate(LARGE_FILE_BYTES, largeInApp.seconds),
          largeRatio.toFixed(2),
          `>= ${GOAL_RATIO.toFixed(2)}: ${meets(largeRatio >= GOAL_RATIO)}`,
          "",
        ],
        [
          "renderer memory growth",
          "",
          "",
          "",
          largeGrowth === undefined
            ? "not measured (no /proc)"
            : `<= ${mib(GOAL_LARGE_FILE_GROWTH, 0)} MiB: ${meets(largeGrowth <= GOAL_LARGE_FILE_GROWTH)}`,
          largeGrowth === undefined ? "" : mib(largeGrowth),
        ],
        ["page JS heap growth", "", "", "", "", mib(largeInApp.pageHeapPeak - largeInApp.pageHeapBaseline)],
      ];
      const largeTable = formatTable(["", "seconds", "MiB/s", "vs sha256sum", "goal", "peak MiB"], largeRows, [
        "left",
        "right",
        "right",
        "right",
        "left",
        "right",
      ]);

      const hashes = new Set([...native, ...inNode, ...inApp].map((r) => r.hash));
      const match = hashes.size === 1 ? `all ${3 * ROUNDS} hashes equal` : `HASHES DIFFER: ${[...hashes].join(", ")}`;
      const largeMatch =
        largeNative.hash === largeInApp.hash ? "the two hashes equal" : `HASHES DIFFER: ${largeNative.hash}, ${largeInApp.hash}`;
      const workerNote =
        workerHeaps.length === ROUNDS
          ? "worker heap read from the app's hashing worker via CDP."
          : `worker heap measured in ${workerHeaps.length} of ${ROUNDS} rounds (${inApp.map((r) => r.workersAttached).join("/")} worker(s) attached); the page heap always.`;
      return [
        `${mib(FILE_BYTES, 0)} MiB of random bytes, ${ROUNDS} alternating rounds; browser: from setInputFiles on /verify until the hash is shown;`,
        "Node: lib/hash/hashStream.ts on a Blob of the file (the same code as the browser's worker, without the page);",
        "core: the SHA-256 alone on bytes in memory (hash-wasm was the app's core before the SIMD module).",
        "",
        table,
        "",
        `${match}: ${native[0].hash}`,
        `heap sampled every ~${SAMPLE_EVERY_MS} ms (${inApp.map((r) => r.samples).join("/")} samples); peaks are the max over rounds; growth is over the page's heap after a GC before hashing; ${workerNote}`,
        "renderer memory: every renderer process's anonymous + shared memory (/proc RssAnon + RssShmem), peak during hashing minus before it.",
        "",
        largeTable,
        "",
        `${largeMatch}: ${largeNative.hash}`,
      ].join("\n");
    } finally {
      rmSync(file, { force: true });
      rmSync(largeFile, { force: true });
      rmSync(tinyFile, { force: true });
    }
  },
};
