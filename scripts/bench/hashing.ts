// Section 2: the app's browser hasher (the SIMD SHA-256 module of lib/hash/ in the app's own module worker, driven
// through the /verify page exactly as a user does) against `sha256sum` on the same 512 MiB file, then on a 2 GiB
// file. Speed is judged on rounds with nothing attached to the page, as users run it; memory is measured in rounds
// of its own (the renderer's from /proc with nothing attached to the page; the JS heaps through DevTools), which are
// timed too, so any cost of watching shows. All of them alternate with `sha256sum` so load noise hits them alike.
// Then the hasher's stream reader (lib/hash/hashStream.ts) and its SHA-256 cores in Node on the same bytes.
import { spawnSync } from "node:child_process";
import { randomFillSync } from "node:crypto";
import { closeSync, openAsBlob, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, CDPSession, Page } from "@playwright/test";
import { sha256ModuleBase64 } from "@/lib/generated/sha256Module.ts";
import { sha256OfStream } from "@/lib/hash/hashStream.ts";
import { INPUT_OFFSET, WINDOW_BYTES } from "@/lib/hash/sha256Layout.ts";
import { createSha256 } from "@/lib/hash/sha256Wasm.ts";
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
/**
 * The pointer rests on the drop zone this long before the file is given. The app starts its hashing worker when the
 * pointer enters the zone (a user must pass over it to click it or drop on it); picking a file in the chooser, or
 * dragging one in and letting go, takes at least this long. The cold rows give the file with no pointer at all.
 */
const POINTER_BEFORE_FILE_MS = 500;

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

/** CPU seconds this process's finished children have used (Linux; undefined elsewhere). */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // cutime and cstime, in the kernel's fixed 100 ticks a second.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

function sha256sum(file: string): { hash: string; seconds: number; cpuSeconds?: number } {
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  const result = spawnSync("sha256sum", [file], { encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = childrenCpuSeconds();
  if (result.status !== 0) throw new Error(`sha256sum failed: ${result.stderr}`);
  const cpuSeconds = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { hash: `0x${result.stdout.split(/\s+/)[0]}`, seconds, cpuSeconds };
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

/**
 * The two halves of the app's hash, each alone in a worker of its own on a blank page: "core" runs the SIMD module
 * the app ships on bytes already in the worker's memory (the app's update() loop: copy a window in, compress it),
 * "read" reads the file through File.stream() into one reused buffer as lib/hash/hashStream.ts does, hashing nothing.
 * In the app they overlap (the browser process reads ahead into the stream's pipe while the worker hashes), so the
 * slower half bounds it; together they also share this machine's two cores. Timed inside the worker, from the
 * first byte to the last. Plain JavaScript in a string: the page runs it as it is, with nothing bundled.
 */
const HALF_WORKER_SOURCE = `
onmessage = async ({ data }) => {
  if (data.half === "core") {
    const moduleBytes = Uint8Array.from(atob(data.moduleBase64), (c) => c.charCodeAt(0));
    const { instance } = await WebAssembly.instantiate(moduleBytes);
    const heap = new Uint8Array(instance.exports.memory.buffer);
    const compress = instance.exports.compress;
    const blocks = data.windowBytes / 64;
    // As the app's worker: warmed, then given time for V8's optimizing compile to land.
    for (let i = 0; i < 2; i++) compress(data.inputOffset, blocks);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const chunk = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 31 + (i >>> 8)) & 0xff);
    const started = performance.now();
    for (let fed = 0; fed < data.size; fed += chunk.length) {
      for (let offset = 0; offset < chunk.length; offset += data.windowBytes) {
        heap.set(chunk.subarray(offset, offset + data.windowBytes), data.inputOffset);
        compress(data.inputOffset, blocks);
      }
    }
    postMessage({ seconds: (performance.now() - started) / 1000, bytes: data.size });
    return;
  }
  const reader = data.file.stream().getReader({ mode: "byob" });
  let buffer = new ArrayBuffer(2 * 1024 * 1024);
  let bytes = 0;
  const started = performance.now();
  for (;;) {
    const { done, value } = await reader.read(new Uint8Array(buffer));
    if (done) break;
    bytes += value.byteLength;
    buffer = value.buffer;
  }
  postMessage({ seconds: (performance.now() - started) / 1000, bytes });
};
`;

type Half = "core" | "read";

async function browserHalf(browser: Browser, half: Half, file: string, size: number): Promise<{ seconds: number }> {
  const page = await browser.newPage();
  try {
    await page.setContent('<input type="file">');
    const result = page.evaluate(
      ({ source, half, size, moduleBase64, inputOffset, windowBytes }) =>
        new Promise<{ seconds: number; bytes: number }>((resolve, reject) => {
          const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
          worker.onerror = (event) => reject(new Error(event.message));
          worker.onmessage = (event) => {
            worker.terminate();
            resolve(event.data);
          };
          const base = { half, size, moduleBase64, inputOffset, windowBytes };
          if (half === "core") {
            worker.postMessage(base);
            return;
          }
          const input = document.querySelector("input");
          if (!input) throw new Error("no file input");
          input.onchange = () => worker.postMessage({ ...base, file: input.files?.[0] });
        }),
      {
        source: HALF_WORKER_SOURCE,
        half,
        size,
        moduleBase64: sha256ModuleBase64,
        inputOffset: INPUT_OFFSET,
        windowBytes: WINDOW_BYTES,
      },
    );
    if (half === "read") await page.locator("input").setInputFiles(file);
    const { seconds, bytes } = await result;
    if (bytes !== size) throw new Error(`the ${half} worker went through ${bytes} of ${size} bytes`);
    return { seconds };
  } finally {
    await page.close();
  }
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

/** What a round of the app's hasher measured. Timing rounds carry only the hash and the time. */
interface BrowserResult {
  hash: string;
  seconds: number;
  memory?: MemoryResult;
}

interface MemoryResult {
  /** Renderer processes' anonymous + shared memory before hashing and at its peak; undefined off Linux. */
  rendererBaseline: number | undefined;
  rendererPeak: number | undefined;
  samples: number;
  /** CPU seconds the browser's processes used from the file given to the hash shown, by process type. */
  cpu?: Record<string, number>;
  /** Heap rounds only: DevTools attached to the page and its worker. */
  heap?: {
    pageHeapBaseline: number;
    pageHeapPeak: number;
    workerHeapPeak: number | undefined;
    workerBackingPeak: number | undefined;
    workersAttached: number;
  };
}

/**
 * How a round watches the hash. "timing": nothing but the clock, as a user runs it (Playwright's own page
 * session is all that is attached). "renderer": /proc read every SAMPLE_EVERY_MS through a browser-level CDP
 * session, nothing attached to the page. "heap": that plus DevTools on the page and, auto-attached, its worker
 * (JS heaps read every SAMPLE_EVERY_MS), the bench's only mode before the timing rounds were split out.
 */
type Probe = "timing" | "renderer" | "heap";

/** "pointer": as a user, over the drop zone before the file (POINTER_BEFORE_FILE_MS); "cold": the file straight away. */
type Approach = "pointer" | "cold";

type WatchedWindow = Window & { hashShown?: Promise<string> };

/**
 * Runs in the page: window.hashShown resolves with the hash the moment the page shows it. Playwright's
 * locator.waitFor polls instead, backing off to one look every 500 ms, which added up to half a second to a
 * hash's time (the bench's figures before this watch were late by that much).
 */
function watchForHash(timeoutMs: number): void {
  // No named inner functions: tsx would wrap them in a helper that does not exist in the page.
  (window as WatchedWindow).hashShown = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`No hash shown within ${timeoutMs} ms`));
    }, timeoutMs);
    // Mutation observers run right after the DOM change, before the next frame.
    const observer = new MutationObserver(() => {
      for (const code of document.querySelectorAll("code")) {
        const text = code.textContent?.trim() ?? "";
        if (!/^0x[0-9a-f]{64}$/.test(text)) continue;
        observer.disconnect();
        clearTimeout(timer);
        resolve(text);
        return;
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** One hash through /verify on a fresh page (the hasher's first run each time, as for a user). */
async function hashInApp(
  browser: Browser,
  appUrl: string,
  file: string,
  probe: Probe,
  approach: Approach = "pointer",
): Promise<BrowserResult> {
  const page = await browser.newPage();
  try {
    return await hashOnPage(browser, page, appUrl, file, probe, approach);
  } finally {
    await page.close();
  }
}

async function hashOnPage(
  browser: Browser,
  page: Page,
  appUrl: string,
  file: string,
  probe: Probe,
  approach: Approach,
): Promise<BrowserResult> {
  const renderer = probe === "timing" ? undefined : await RendererMemoryProbe.open(browser);
  const cdp = probe === "timing" ? undefined : await page.context().newCDPSession(page);
  const workers = probe === "heap" && cdp ? new WorkerHeapProbe(cdp) : undefined;
  if (probe === "heap") {
    await cdp?.send("Performance.enable");
    await workers?.start();
  }

  // networkidle: the page must be hydrated, or the input's change event is lost before React listens.
  await page.goto(`${appUrl}/verify`, { waitUntil: "networkidle" });
  // A clean baseline: what the page holds before hashing, without garbage from loading it.
  await cdp?.send("HeapProfiler.collectGarbage");
  const pageHeapBaseline = probe === "heap" && cdp ? await pageHeapUsed(cdp) : 0;
  // The renderer round leaves the page without DevTools (their agents cost the renderer memory too).
  if (probe === "renderer") await cdp?.detach();
  const rendererBaseline = await renderer?.sample();

  let sampling = true;
  let pageHeapPeak = pageHeapBaseline;
  let workerHeapPeak: number | undefined;
  let workerBackingPeak: number | undefined;
  let rendererPeak = rendererBaseline;
  let samples = 0;
  const sampler = (async () => {
    if (!renderer) return;
    while (sampling) {
      const tick = performance.now();
      const [pageHeap, workerHeap, rendererMemory] = await Promise.all([
        workers && cdp ? pageHeapUsed(cdp) : 0,
        workers?.sample(),
        renderer.sample(),
      ]);
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

  // Memory is sampled from before the pointer comes: the worker it starts counts as hashing's growth.
  if (approach === "pointer") {
    await page.locator("label").filter({ hasText: "Choose or drop the document to check" }).hover();
    await page.waitForTimeout(POINTER_BEFORE_FILE_MS);
  }
  await page.evaluate(watchForHash, HASH_TIMEOUT_MS);
  const cpuBefore = await renderer?.cpuSeconds();
  const started = performance.now();
  let hash: string;
  try {
    await page.getByLabel(/Choose or drop the document to check/).setInputFiles(file);
    hash = await page.evaluate(() => (window as WatchedWindow).hashShown ?? Promise.reject(new Error("hash watch not installed")));
  } finally {
    sampling = false;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = await renderer?.cpuSeconds();
  await sampler;
  const cpu =
    cpuBefore && cpuAfter
      ? Object.fromEntries(Object.entries(cpuAfter).map(([type, total]) => [type, total - (cpuBefore[type] ?? 0)]))
      : undefined;

  // The page then puts the hash in the URL (and queries the chain); check it got there too.
  await page.waitForURL(new RegExp(`[?&]hash=${hash}`), { timeout: 10_000 });
  await renderer?.close();
  if (probe === "timing") return { hash, seconds };
  return {
    hash,
    seconds,
    memory: {
      rendererBaseline,
      rendererPeak,
      samples,
      cpu,
      heap: workers
        ? { pageHeapBaseline, pageHeapPeak, workerHeapPeak, workerBackingPeak, workersAttached: workers.attachedCount }
        : undefined,
    },
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
  r.memory?.rendererPeak === undefined || r.memory.rendererBaseline === undefined
    ? undefined
    : r.memory.rendererPeak - r.memory.rendererBaseline;

/** Chromium's renderer threads as /proc names them (cut to 15 characters), in words. */
const THREAD_NAMES: Record<string, string> = {
  chromium: "page's main thread",
  Chrome_ChildIOT: "IPC",
  ThreadPoolForeg: "thread pool",
  Compositor: "compositor",
};

/**
 * CPU seconds of one hash, medians over rounds: sha256sum's, and the app's by process (the renderer holds the page
 * and its hashing worker; the browser process reads the file into the stream's pipe). Both of this machine's cores
 * serve the app's hash at once, so a total beyond sha256sum's costs time whenever anything else wants a core.
 */
function cpuLine(label: string, native: { cpuSeconds?: number }[], app: BrowserResult[]): string {
  const nativeCpu = native.flatMap((r) => r.cpuSeconds ?? []);
  const appCpu = app.flatMap((r): Record<string, number>[] => (r.memory?.cpu ? [r.memory.cpu] : []));
  if (nativeCpu.length === 0 || appCpu.length === 0) return `${label}: CPU not measured (no /proc)`;
  const of = (type: string) => median(appCpu.map((cpu) => cpu[type] ?? 0));
  // The renderer's threads by name but the hashing worker's: what the renderer used beyond them was the worker's,
  // whether its thread had ended by the last sample (terminated once the hash is in) or not.
  const threads = [
    ...new Set(
      appCpu.flatMap((cpu) => Object.keys(cpu).filter((key) => key.startsWith("renderer/") && !key.startsWith("renderer/DedicatedWorker"))),
    ),
  ];
  const named = threads
    .map((key) => [THREAD_NAMES[key.slice("renderer/".length)] ?? key.slice("renderer/".length), of(key)] as const)
    .filter(([, s]) => s >= 0.01);
  const worker = median(appCpu.map((cpu) => threads.reduce((rest, key) => rest - (cpu[key] ?? 0), cpu.renderer ?? 0)));
  const others = median(
    appCpu.map((cpu) =>
      Object.entries(cpu).reduce((sum, [type, s]) => (type.startsWith("renderer") || type === "browser" ? sum : sum + s), 0),
    ),
  );
  const rendererThreads = [`worker ${worker.toFixed(2)}`, ...named.map(([name, s]) => `${name} ${s.toFixed(2)}`)].join(", ");
  return `${label}: CPU seconds per hash (medians): sha256sum ${median(nativeCpu).toFixed(2)}; the app (/proc rounds) renderer ${of("renderer").toFixed(2)} (${rendererThreads}) + browser process ${of("browser").toFixed(2)} + others ${others.toFixed(2)}`;
}

const meets = (ok: boolean) => (ok ? "met" : "MISSED");
const seconds = (results: { seconds: number }[]) => results.map((r) => r.seconds);

export const hashingSection: BenchSection = {
  name: "Hashing",
  async run(ctx) {
    const file = path.join(os.tmpdir(), `integra-bench-${process.pid}.bin`);
    const largeFile = path.join(os.tmpdir(), `integra-bench-${process.pid}-2g.bin`);
    const tinyFile = path.join(os.tmpdir(), `integra-bench-${process.pid}-1m.bin`);
    try {
      writeRandomFile(file, FILE_BYTES);
      // Everything reads the file from the page cache it was just written to, so nothing pays for the disk. All
      // the measurements alternate within each round so background load on this small machine hits them alike;
      // medians are compared.
      const native: { hash: string; seconds: number; cpuSeconds?: number }[] = [];
      const inNode: { hash: string; seconds: number }[] = [];
      const coreBefore: { seconds: number }[] = [];
      const coreNow: { seconds: number }[] = [];
      const timed: BrowserResult[] = [];
      const withRenderer: BrowserResult[] = [];
      const withHeap: BrowserResult[] = [];
      const largeNative: { hash: string; seconds: number; cpuSeconds?: number }[] = [];
      const largeTimed: BrowserResult[] = [];
      const largeWithRenderer: BrowserResult[] = [];
      const tinyTimed: BrowserResult[] = [];
      const tinyCold: BrowserResult[] = [];
      const cold: BrowserResult[] = [];
      const coreInBrowser: { seconds: number }[] = [];
      const readInBrowser: { seconds: number }[] = [];
      const largeReadInBrowser: { seconds: number }[] = [];
      const browser = await launchChromium();
      try {
        for (let round = 0; round < ROUNDS; round++) {
          native.push(sha256sum(file));
          timed.push(await hashInApp(browser, ctx.appUrl, file, "timing"));
          inNode.push(await hashStreamInNode(file));
          coreBefore.push(await hashCoreInNode(true));
          coreNow.push(await hashCoreInNode(false));
          withRenderer.push(await hashInApp(browser, ctx.appUrl, file, "renderer"));
          withHeap.push(await hashInApp(browser, ctx.appUrl, file, "heap"));
          cold.push(await hashInApp(browser, ctx.appUrl, file, "timing", "cold"));
        }
        // After the app's rounds, so their pages and workers come and go outside the app's memory measurements.
        for (let round = 0; round < ROUNDS; round++) {
          coreInBrowser.push(await browserHalf(browser, "core", file, FILE_BYTES));
          readInBrowser.push(await browserHalf(browser, "read", file, FILE_BYTES));
        }
        rmSync(file, { force: true });
        // The fixed part of the browser's time: a file hashed in a few milliseconds, on fresh pages like the rounds.
        writeRandomFile(tinyFile, TINY_FILE_BYTES);
        for (let round = 0; round < ROUNDS; round++) {
          tinyTimed.push(await hashInApp(browser, ctx.appUrl, tinyFile, "timing"));
          tinyCold.push(await hashInApp(browser, ctx.appUrl, tinyFile, "timing", "cold"));
        }
        // A file four times larger: the same speed, and the memory hashing costs the tab must not grow with the file.
        writeRandomFile(largeFile, LARGE_FILE_BYTES);
        for (let round = 0; round < ROUNDS; round++) {
          largeNative.push(sha256sum(largeFile));
          largeTimed.push(await hashInApp(browser, ctx.appUrl, largeFile, "timing"));
          largeWithRenderer.push(await hashInApp(browser, ctx.appUrl, largeFile, "renderer"));
        }
        for (let round = 0; round < ROUNDS; round++) {
          largeReadInBrowser.push(await browserHalf(browser, "read", largeFile, LARGE_FILE_BYTES));
        }
      } finally {
        await browser.close();
      }

      const nativeSeconds = median(seconds(native));
      const rate = (bytes: number, s: number) => (bytes / MIB / s).toFixed(0);
      const ratioOf = (results: { seconds: number }[]) => nativeSeconds / median(seconds(results));
      const browserRatio = ratioOf(timed);
      const goalRatio = (ratio: number) => `>= ${GOAL_RATIO.toFixed(2)}: ${meets(ratio >= GOAL_RATIO)}`;
      const heaps = withHeap.flatMap((r) => r.memory?.heap ?? []);
      const pagePeak = Math.max(...heaps.map((h) => h.pageHeapPeak));
      const pageGrowth = Math.max(...heaps.map((h) => h.pageHeapPeak - h.pageHeapBaseline));
      const growths = withRenderer.flatMap((r) => rendererGrowth(r) ?? []);
      const growthsWithHeap = withHeap.flatMap((r) => rendererGrowth(r) ?? []);
      const row = (
        label: string,
        results: { seconds: number }[],
        bytes: number,
        vsNative: string,
        goal = "",
        peak = "",
        ofFileText = "",
      ) => [label, spread(seconds(results)), rate(bytes, median(seconds(results))), vsNative, goal, peak, ofFileText];
      const memoryRow = (label: string, bytes: number) => [label, "", "", "", "", mib(bytes), ofFile(bytes)];
      const rows: string[][] = [
        row("sha256sum", native, FILE_BYTES, "1.00"),
        row("browser (app worker), nothing attached", timed, FILE_BYTES, browserRatio.toFixed(2), goalRatio(browserRatio)),
        row("browser, /proc sampled", withRenderer, FILE_BYTES, ratioOf(withRenderer).toFixed(2)),
        row("browser, DevTools on page+worker, sampled", withHeap, FILE_BYTES, ratioOf(withHeap).toFixed(2)),
        row("sha256OfStream (Node, Blob stream)", inNode, FILE_BYTES, ratioOf(inNode).toFixed(2)),
        row("core: SIMD module (Node, in memory)", coreNow, FILE_BYTES, ratioOf(coreNow).toFixed(2)),
        row("core: hash-wasm, before (Node, in memory)", coreBefore, FILE_BYTES, ratioOf(coreBefore).toFixed(2)),
        row("browser worker, hashing alone: SIMD core, in memory", coreInBrowser, FILE_BYTES, ratioOf(coreInBrowser).toFixed(2)),
        row("browser worker, reading alone: File stream, no hash", readInBrowser, FILE_BYTES, ratioOf(readInBrowser).toFixed(2)),
        row("browser, cold: no pointer before the file", cold, FILE_BYTES, ratioOf(cold).toFixed(2)),
        [`browser, ${mib(TINY_FILE_BYTES, 0)} MiB file: per-hash cost`, spread(seconds(tinyTimed)), "", "", "", "", ""],
        [`browser, ${mib(TINY_FILE_BYTES, 0)} MiB file, cold: per-hash cost`, spread(seconds(tinyCold)), "", "", "", "", ""],
      ];
      if (growths.length > 0) rows.push(memoryRow("renderer memory growth (/proc rounds)", Math.max(...growths)));
      if (growthsWithHeap.length > 0) rows.push(memoryRow("renderer memory growth (DevTools rounds)", Math.max(...growthsWithHeap)));
      if (heaps.length > 0) {
        rows.push(memoryRow("page JS heap", pagePeak));
        rows.push(memoryRow("page JS heap growth", pageGrowth));
      }
      const workerHeaps = heaps.flatMap((h) => h.workerHeapPeak ?? []);
      const workerBacking = heaps.flatMap((h) => h.workerBackingPeak ?? []);
      if (workerHeaps.length > 0) {
        rows.push(memoryRow("worker JS heap", Math.max(...workerHeaps)));
        rows.push(memoryRow("worker ArrayBuffers+WASM", Math.max(...workerBacking)));
      }
      const columns = ["", "seconds: median (min-max)", "MiB/s", "vs sha256sum", "goal", "peak MiB", "of file"];
      const aligns = ["left", "right", "right", "right", "left", "right", "right"] as const;
      const table = formatTable(columns, rows, [...aligns]);

      const largeNativeSeconds = median(seconds(largeNative));
      const largeRatioOf = (results: { seconds: number }[]) => largeNativeSeconds / median(seconds(results));
      const largeRatio = largeRatioOf(largeTimed);
      const largeGrowths = largeWithRenderer.flatMap((r) => rendererGrowth(r) ?? []);
      const largeGrowth = largeGrowths.length > 0 ? Math.max(...largeGrowths) : undefined;
      const largeRow = (label: string, results: { seconds: number }[], vsNative: string, goal = "") => [
        label,
        spread(seconds(results)),
        rate(LARGE_FILE_BYTES, median(seconds(results))),
        vsNative,
        goal,
        "",
      ];
      const largeMiB = mib(LARGE_FILE_BYTES, 0);
      const largeRows: string[][] = [
        largeRow(`sha256sum, ${largeMiB} MiB`, largeNative, "1.00"),
        largeRow(`browser (app worker), ${largeMiB} MiB, nothing attached`, largeTimed, largeRatio.toFixed(2), goalRatio(largeRatio)),
        largeRow(`browser, ${largeMiB} MiB, /proc sampled`, largeWithRenderer, largeRatioOf(largeWithRenderer).toFixed(2)),
        largeRow(`browser worker, ${largeMiB} MiB, reading alone`, largeReadInBrowser, largeRatioOf(largeReadInBrowser).toFixed(2)),
        [
          "renderer memory growth (max over rounds)",
          "",
          "",
          "",
          largeGrowth === undefined
            ? "not measured (no /proc)"
            : `<= ${mib(GOAL_LARGE_FILE_GROWTH, 0)} MiB: ${meets(largeGrowth <= GOAL_LARGE_FILE_GROWTH)}`,
          largeGrowth === undefined ? "" : `${mib(largeGrowth)} (${largeGrowths.map((g) => mib(g)).join(", ")})`,
        ],
      ];
      const largeTable = formatTable(["", "seconds: median (min-max)", "MiB/s", "vs sha256sum", "goal", "peak MiB"], largeRows, [
        "left",
        "right",
        "right",
        "right",
        "left",
        "right",
      ]);

      const all = [...native, ...inNode, ...timed, ...withRenderer, ...withHeap, ...cold];
      const hashes = new Set(all.map((r) => r.hash));
      const match = hashes.size === 1 ? `all ${all.length} hashes equal` : `HASHES DIFFER: ${[...hashes].join(", ")}`;
      const largeAll = [...largeNative, ...largeTimed, ...largeWithRenderer];
      const largeHashes = new Set(largeAll.map((r) => r.hash));
      const largeMatch = largeHashes.size === 1 ? `all ${largeAll.length} hashes equal` : `HASHES DIFFER: ${[...largeHashes].join(", ")}`;
      const workerNote =
        workerHeaps.length === ROUNDS
          ? "worker heap read from the app's hashing worker via CDP."
          : `worker heap measured in ${workerHeaps.length} of ${ROUNDS} rounds (${heaps.map((h) => h.workersAttached).join("/")} worker(s) attached); the page heap always.`;
      const sampleCounts = (results: BrowserResult[]) => results.map((r) => r.memory?.samples ?? 0).join("/");
      return [
        `${mib(FILE_BYTES, 0)} MiB of random bytes, ${ROUNDS} rounds, each: sha256sum, the app nothing attached, the Node rows, the app with /proc`,
        "sampled, the app with DevTools, the app cold; browser: from setInputFiles on /verify (a fresh page each) until the hash is",
        "in the page (a MutationObserver; Playwright's locator polling, used before, saw it up to 500 ms late).",
        `Except in the cold rows the pointer rests on the drop zone ${POINTER_BEFORE_FILE_MS} ms before the file is given, as it must for a user to click`,
        "or drop: the app starts its hashing worker then (~60-90 ms of setup out of the timed span; memory is counted from before).",
        "The goal is judged on the rounds with nothing attached, as users run it. Shared 2-core machine: expect noise.",
        "Node: lib/hash/hashStream.ts on a Blob of the file (the same code as the browser's worker, without the page);",
        "core: the SHA-256 alone on bytes in memory (hash-wasm was the app's core before the SIMD module).",
        "browser worker rows: the app's two halves apart, each in a worker on a blank page, timed in the worker: its SIMD module on bytes in",
        "memory, and reading the file through File.stream() with nothing hashed; in rounds of their own after the app's. In the app the",
        "two overlap, so the slower half bounds it, and they share the machine's two cores (the CPU line under the table).",
        "",
        table,
        "",
        `${match}: ${native[0].hash}`,
        cpuLine(`${mib(FILE_BYTES, 0)} MiB`, native, withRenderer),
        `sampled every ~${SAMPLE_EVERY_MS} ms (/proc rounds ${sampleCounts(withRenderer)}, DevTools rounds ${sampleCounts(withHeap)} samples); peaks are the max over rounds; heap growth is over the page's heap after a GC before hashing; ${workerNote}`,
        "renderer memory: every renderer process's anonymous + shared memory (/proc RssAnon + RssShmem), peak during hashing minus before it;",
        "the /proc rounds attach nothing to the page (DevTools' agents cost the renderer memory of their own).",
        "",
        `${largeMiB} MiB, ${ROUNDS} rounds, each: sha256sum, the app nothing attached, the app with /proc sampled; then ${ROUNDS} of reading alone.`,
        largeTable,
        "",
        `${largeMatch}: ${largeNative[0].hash}`,
        cpuLine(`${largeMiB} MiB`, largeNative, largeWithRenderer),
      ].join("\n");
    } finally {
      rmSync(file, { force: true });
      rmSync(largeFile, { force: true });
      rmSync(tinyFile, { force: true });
    }
  },
};
