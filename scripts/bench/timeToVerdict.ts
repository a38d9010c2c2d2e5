// Section: time to verdict on a phone. Chromium with a mid-range phone's profile (Lighthouse's: a 412 px wide
// screen, 4x CPU slowdown; 1.6 Mbps down, 750 kbps up, 150 ms round trip, for the app's server and the chain's RPC
// alike, since the page reads the chain from the browser; a cold cache), from navigation until the record page shows
// its status ("n of m reserved tokens claimed") and until /verify shows its verdict for a 1 MiB file given right
// after the page can take it. Each as a ratio to a floor measured in the same run: /status, a page under the same
// layout whose only work once hydrated is one eth_blockNumber and showing its answer. Issue's goal: at most 1.3x.
// Beside the times, what was requested before the verdict (the page's JS, the chunks it fetched on mount, the RPC
// calls and the order they came in), to show where the time goes.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, CDPSession, Page, Request } from "@playwright/test";
import { type AbiFunction, type Hex, toFunctionSelector } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { eas, integraAbis } from "@/lib/contracts.ts";
import { createIntegraClient } from "@/lib/sdk/index.ts";
import { register } from "@/lib/sdk/writes.ts";
import { ANVIL_KEYS } from "../stack/chains.ts";
import { launchChromium } from "./browser.ts";
import { MIB, formatTable, kib } from "./table.ts";
import type { BenchContext, BenchSection } from "./types.ts";

/** Lighthouse's mobile device (a Moto G Power): its screen; the throttling is set per page over CDP below. */
const PHONE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
};
const CPU_SLOWDOWN = 4;
/** The issue's figures, as DevTools applies them: a latency added to every request, bandwidth in bytes per second. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const GOAL_RATIO = 1.3;
const ROUNDS = Number(process.env.BENCH_VERDICT_ROUNDS ?? 5);
const FILE_BYTES = MIB;
/** Far beyond any verdict here: a page that never shows one is broken, not slow. */
const VISIT_TIMEOUT_MS = 120_000;

type PageKey = "floor" | "record" | "verify";

interface PageUnderTest {
  key: PageKey;
  label: string;
  path: string;
  /** What the page shows once it has its answer, and what it shows instead when it has a wrong one. */
  shown: RegExp;
  failed: RegExp;
  /** Steps on the way, each timed when its text first appears in <main>. */
  marks: { name: string; shown: RegExp }[];
  /** /verify: the file (its path on disk) given once the page can take it. */
  file?: string;
}

type RequestKind = "document" | "js" | "css" | "rsc" | "rpc" | "other";

interface SeenRequest {
  request: Request;
  kind: RequestKind;
  /**
   * ms since the navigation was asked for, from the browser's own timing of the request once it has ended: Node
   * receives the events late whenever the throttled renderer is busy.
   */
  startMs: number;
  endMs?: number;
  failed?: string;
  bytes?: number;
  /** Served without the network (the worker asking again for a chunk the page already has). */
  cached?: boolean;
  /** A chunk the document's HTML does not name: fetched by the page's code once it ran (an import() on mount). */
  lazy?: boolean;
  /** A lazy chunk that a route prefetched by a next/link names: the next page made ready, not this one's code. */
  prefetch?: boolean;
  /** JSON-RPC calls in the HTTP request (a batch has several). */
  calls?: number;
  label: string;
}

interface Visit {
  key: PageKey;
  /** Navigation asked for → the frame that shows the verdict. */
  ms: number;
  /** /verify: navigation → the file given (the page hydrated and its input listening). */
  dropMs?: number;
  text: string;
  longTaskMs: number;
  marks: { name: string; ms: number }[];
  /** First contentful paint, and when React had taken over <main> (hydration), in ms since navigation. */
  fcpMs?: number;
  hydratedMs?: number;
  /** Requests started before the verdict, in start order. */
  requests: SeenRequest[];
  /** CORS preflights of cross-origin requests (the RPC) before the verdict: each one more round trip. */
  preflights: number;
}

/** What the init script leaves on the page's window. */
type VerdictWindow = Window & {
  verdict?: Promise<{ text: string; ok: boolean; foundAt: number; shownAt: number }>;
  longTasks?: [number, number][];
  /** Each mark's name and the time (ms since the epoch) its text first appeared. */
  marks?: [string, number][];
  /** When React had attached itself to <main> (ms since the epoch): hydration has reached the page's content. */
  hydratedAt?: number;
};

/**
 * Runs in the page before its own scripts: resolves window.verdict when the page's <main> first shows `shown` (or
 * `failed`), with the time of the next frame, which is when it is painted. A mutation observer, not polling: no
 * work on the throttled main thread between changes, and no polling interval added to the time. Long tasks are
 * kept to tell the main thread's share of the wait from the network's.
 */
function watchForVerdict(watch: { shown: string; failed: string; marks: [string, string][] }): void {
  // No named inner functions: tsx would wrap them in a helper that does not exist in the page.
  if (window.top !== window) return;
  const w = window as VerdictWindow;
  const shown = new RegExp(watch.shown);
  const failed = new RegExp(watch.failed);
  const pending = watch.marks.map(([name, source]) => [name, new RegExp(source)] as const);
  const longTasks: [number, number][] = [];
  const marks: [string, number][] = [];
  w.longTasks = longTasks;
  w.marks = marks;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch {
    // No long task timing in this browser: the column stays empty.
  }
  // Hydration changes no DOM, so it is looked for: React marks each element it has taken over with its own keys.
  const hydration = setInterval(() => {
    const main = document.querySelector("main");
    if (!main || !Object.keys(main).some((key) => key.startsWith("__reactFiber"))) return;
    w.hydratedAt = performance.timeOrigin + performance.now();
    clearInterval(hydration);
  }, 25);
  w.verdict = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      // <main> only: Next's inline scripts (the server's payload) sit outside it and may carry the same words.
      const text = document.querySelector("main")?.textContent ?? "";
      for (const [name, mark] of pending) {
        if (!marks.some(([seen]) => seen === name) && mark.test(text)) marks.push([name, performance.timeOrigin + performance.now()]);
      }
      const match = shown.exec(text) ?? failed.exec(text);
      if (!match) return;
      observer.disconnect();
      const foundAt = performance.now();
      requestAnimationFrame(() =>
        resolve({ text: match[0], ok: shown.test(match[0]), foundAt, shownAt: performance.timeOrigin + performance.now() }),
      );
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
}

/** Runs in the page: whether /verify's file input exists and React listens to it (before, a change is lost). */
function fileInputListening(): boolean {
  const input = document.querySelector("main input[type=file]");
  return input !== null && Object.keys(input).some((key) => key.startsWith("__reactProps"));
}

/**
 * The 1 MiB file /verify is given: fixed bytes, so its hash is known before the run and registered. On disk, so that
 * Playwright hands Chromium its path as a file picker does, rather than its bytes through the page's JavaScript,
 * which would cost the throttled main thread what a user's file never does.
 */
function benchFile(dir: string): { file: string; contentHash: Hex } {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < FILE_BYTES; i++) blocks.push(createHash("sha256").update(`integra verdict ${i}`).digest());
  const bytes = Buffer.concat(blocks).subarray(0, FILE_BYTES);
  const file = path.join(dir, "agreement.pdf");
  writeFileSync(file, bytes);
  return { file, contentHash: `0x${createHash("sha256").update(bytes).digest("hex")}` };
}

/**
 * A record as a counterparty opens it: two parties' role tokens reserved and the party set sealed (register does
 * both in one transaction) in the registrant's workflow, with the bench file's SHA-256 as content, so /verify finds it.
 */
async function registerVerdictRecord(ctx: BenchContext, contentHash: Hex): Promise<Hex> {
  const client = createIntegraClient(ctx.rpcUrl);
  const signer = { client, account: privateKeyToAccount(ANVIL_KEYS[1]) };
  const registered = await register(signer, {
    contentHash,
    tokenizer: "multiParty",
    parties: [
      { address: privateKeyToAccount(ANVIL_KEYS[2]).address, role: "Buyer" },
      { address: privateKeyToAccount(ANVIL_KEYS[3]).address, role: "Seller" },
    ],
    workflow: { name: `bench/verdict/${Date.now()}` },
  });
  return registered.integraHash;
}

/** Contract function names by selector, to name each eth_call in the waterfall. */
function functionNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const abi of [...integraAbis, eas.abi]) {
    for (const item of abi as readonly { type: string }[]) {
      if (item.type === "function") names.set(toFunctionSelector(item as AbiFunction), (item as AbiFunction).name);
    }
  }
  return names;
}

/** "getRecord, pendingOwnerOf, eth_getLogs": each JSON-RPC call of a request body, eth_call by its function. */
function describeRpc(body: string | null, names: Map<string, string>): { label: string; calls: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? "null");
  } catch {
    return { label: "(unreadable body)", calls: 0 };
  }
  const calls = (Array.isArray(parsed) ? parsed : [parsed]) as { method?: string; params?: { data?: string; input?: string }[] }[];
  const words = calls.map((call) => {
    if (call.method !== "eth_call") return call.method ?? "?";
    const data = call.params?.[0]?.data ?? call.params?.[0]?.input ?? "";
    return names.get(data.slice(0, 10)) ?? `eth_call ${data.slice(0, 10)}`;
  });
  const label = calls.length > 1 ? `batch of ${calls.length}: ${words.join(", ")}` : words.join("");
  return { label, calls: calls.length };
}

function kindOf(request: Request, rpcOrigin: string): RequestKind {
  const url = new URL(request.url());
  if (url.origin === rpcOrigin) return "rpc";
  if (request.isNavigationRequest() && request.frame().parentFrame() === null) return "document";
  if (url.searchParams.has("_rsc") || request.headers()["rsc"] === "1") return "rsc";
  if (url.pathname.endsWith(".js")) return "js";
  if (url.pathname.endsWith(".css")) return "css";
  return "other";
}

/** Phone profile, cold cache and throttling on one fresh context and page. */
async function phonePage(browser: Browser): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext(PHONE);
  context.setDefaultTimeout(VISIT_TIMEOUT_MS);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  return { context, page, cdp };
}

async function visit(browser: Browser, appUrl: string, rpcUrl: string, target: PageUnderTest, names: Map<string, string>): Promise<Visit> {
  const { context, page, cdp } = await phonePage(browser);
  try {
    const rpcOrigin = new URL(rpcUrl).origin;
    const seen = new Map<Request, SeenRequest>();
    // Wall-clock ms (the browser's request timing and the page's clock are both on it) of the navigation's start.
    let startedAt = performance.timeOrigin + performance.now();
    const since = () => performance.timeOrigin + performance.now() - startedAt;
    // The context's events, not the page's: a worker's requests (the file hasher's code) count too.
    context.on("request", (request) => {
      const kind = kindOf(request, rpcOrigin);
      // Node's time of the event until the response brings the browser's own (a request that never ends keeps it).
      const entry: SeenRequest = { request, kind, startMs: since(), label: new URL(request.url()).pathname };
      if (kind === "rpc") Object.assign(entry, describeRpc(request.postData(), names));
      if (kind === "rsc") entry.label = `${request.headers()["next-router-prefetch"] ? "prefetch " : ""}${entry.label}`;
      seen.set(request, entry);
    });
    const ended = (request: Request, failure?: string) => {
      const entry = seen.get(request);
      if (!entry) return;
      const { startTime, responseEnd } = request.timing();
      if (startTime > 0) entry.startMs = startTime - startedAt;
      entry.endMs = responseEnd >= 0 ? entry.startMs + responseEnd : since();
      entry.failed = failure;
    };
    context.on("requestfinished", (request) => ended(request));
    context.on("requestfailed", (request) => ended(request, request.failure()?.errorText ?? "failed"));
    const preflightsAt: number[] = [];
    cdp.on("Network.requestWillBeSent", (event) => {
      if (event.type === "Preflight" || event.initiator.type === "preflight") preflightsAt.push(event.wallTime * 1000 - startedAt);
    });
    await context.addInitScript(watchForVerdict, {
      shown: target.shown.source,
      failed: target.failed.source,
      marks: target.marks.map((m): [string, string] => [m.name, m.shown.source]),
    });

    startedAt = performance.timeOrigin + performance.now();
    let dropMs: number | undefined;
    if (target.file) {
      // "Dropped right after load": once the load event has fired and the page's input listens, the earliest a user's
      // file would be taken.
      await page.goto(`${appUrl}${target.path}`, { waitUntil: "load" });
      await page.waitForFunction(fileInputListening, undefined, { polling: 50 });
      dropMs = since();
      await page.locator("main input[type=file]").first().setInputFiles(target.file);
    } else {
      await page.goto(`${appUrl}${target.path}`, { waitUntil: "commit" });
    }
    const verdict = await page.evaluate(
      () => (window as VerdictWindow).verdict ?? Promise.reject(new Error("verdict watch not installed")),
    );
    if (!verdict.ok) throw new Error(`${target.label}: the page showed "${verdict.text}" instead of its verdict`);
    const ms = verdict.shownAt - startedAt;
    const marks = (await page.evaluate(() => (window as VerdictWindow).marks ?? [])).map(([name, at]) => ({ name, ms: at - startedAt }));
    const painted = await page.evaluate(() => {
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      return { fcpAt: fcp ? performance.timeOrigin + fcp.startTime : undefined, hydratedAt: (window as VerdictWindow).hydratedAt };
    });
    const longTaskMs = await page.evaluate(
      (before) => ((window as VerdictWindow).longTasks ?? []).filter(([start]) => start < before).reduce((sum, [, d]) => sum + d, 0),
      verdict.foundAt,
    );

    const before = [...seen.values()].filter((r) => r.startMs <= ms).sort((a, b) => a.startMs - b.startMs);
    const bodyOf = async (r: SeenRequest) => (await (await r.request.response().catch(() => null))?.text().catch(() => "")) ?? "";
    const html = await Promise.all(before.filter((r) => r.kind === "document").map(bodyOf));
    const prefetched = await Promise.all(before.filter((r) => r.kind === "rsc" && r.label.startsWith("prefetch") && r.endMs).map(bodyOf));
    await Promise.all(
      before.map(async (r) => {
        const chunk = new URL(r.request.url()).pathname;
        if (r.kind === "js") r.lazy = !html.some((body) => body.includes(chunk));
        if (r.lazy) r.prefetch = prefetched.some((body) => body.includes(chunk));
        if (r.endMs === undefined || r.failed) return;
        const bytes = (await r.request.sizes().catch(() => undefined))?.responseBodySize;
        // Chromium reports no wire size (or a negative one) for what it served from its own memory.
        if (bytes !== undefined && bytes > 0) r.bytes = bytes;
        else r.cached = true;
      }),
    );
    return {
      key: target.key,
      ms,
      dropMs,
      text: verdict.text,
      longTaskMs,
      marks,
      fcpMs: painted.fcpAt === undefined ? undefined : painted.fcpAt - startedAt,
      hydratedMs: painted.hydratedAt === undefined ? undefined : painted.hydratedAt - startedAt,
      requests: before,
      preflights: preflightsAt.filter((at) => at <= ms).length,
    };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The round whose time is the median's (the lower middle one for an even count): its waterfall is shown. */
function medianVisit(visits: Visit[]): Visit {
  const sorted = [...visits].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

const secs = (ms: number) => (ms / 1000).toFixed(2);

function requestFacts(v: Visit) {
  const js = v.requests.filter((r) => r.kind === "js");
  const rpc = v.requests.filter((r) => r.kind === "rpc");
  const rpcDurations = rpc.filter((r) => r.endMs !== undefined).map((r) => (r.endMs as number) - r.startMs);
  return {
    requests: v.requests.length,
    jsInHtml: js.filter((r) => !r.lazy).length,
    jsLazy: js.filter((r) => r.lazy && !r.prefetch).length,
    jsPrefetch: js.filter((r) => r.prefetch).length,
    jsBytes: js.reduce((sum, r) => sum + (r.bytes ?? 0), 0),
    rpcHttp: rpc.length,
    rpcCalls: rpc.reduce((sum, r) => sum + (r.calls ?? 0), 0),
    rsc: v.requests.filter((r) => r.kind === "rsc").length,
    minRpcMs: rpcDurations.length > 0 ? Math.min(...rpcDurations) : undefined,
  };
}

function waterfall(v: Visit): string {
  const rows = v.requests.map((r) => [
    r.startMs.toFixed(0),
    r.endMs === undefined ? "…" : r.endMs.toFixed(0),
    r.kind === "js" ? (r.prefetch ? "js prefetch" : r.lazy ? "js lazy" : "js html") : r.kind,
    r.bytes === undefined ? "" : kib(r.bytes),
    `${r.label}${r.failed ? ` (${r.failed})` : ""}${r.cached ? " (from memory, no network)" : ""}`,
  ]);
  for (const mark of v.marks) rows.push([mark.ms.toFixed(0), "", "shown", "", mark.name]);
  if (v.fcpMs !== undefined) rows.push([v.fcpMs.toFixed(0), "", "paint", "", "first contentful paint"]);
  if (v.hydratedMs !== undefined) rows.push([v.hydratedMs.toFixed(0), "", "hydrated", "", "React has taken over <main>"]);
  if (v.dropMs !== undefined) rows.push([v.dropMs.toFixed(0), "", "drop", "", "the file is given to the page's input"]);
  rows.push([v.ms.toFixed(0), "", "VERDICT", "", `"${v.text}" painted; long tasks before it: ${v.longTaskMs.toFixed(0)} ms`]);
  rows.sort((a, b) => Number(a[0]) - Number(b[0]));
  return formatTable(["start ms", "end ms", "kind", "KiB", "what"], rows, ["right", "right", "left", "right", "left"]);
}

function format(pages: PageUnderTest[], visits: Map<PageKey, Visit[]>, rpcUrl: string): string {
  const floor = median((visits.get("floor") ?? []).map((v) => v.ms));
  const timeRows = pages.map((p) => {
    const list = visits.get(p.key) ?? [];
    const m = median(list.map((v) => v.ms));
    const ratio = m / floor;
    const drop = list.every((v) => v.dropMs !== undefined) ? median(list.map((v) => v.dropMs as number)) : undefined;
    const medianOf = (values: (number | undefined)[]) => (values.every((x) => x !== undefined) ? secs(median(values as number[])) : "");
    return [
      p.label,
      medianOf(list.map((v) => v.fcpMs)),
      medianOf(list.map((v) => v.hydratedMs)),
      secs(m),
      list.map((v) => secs(v.ms)).join(" "),
      drop === undefined ? "" : `${secs(drop)} / ${secs(m - drop)}`,
      `${ratio.toFixed(2)}x`,
      p.key === "floor" ? "" : `≤ ${GOAL_RATIO}x`,
      p.key === "floor" ? "" : ratio <= GOAL_RATIO ? "ok" : "over",
    ];
  });
  const times = formatTable(
    ["page (until)", "FCP s", "hydrated s", "median s", "rounds s", "verify: drop / after s", "ratio to floor", "goal", ""],
    timeRows,
    ["left", "right", "right", "right", "left", "right", "right", "left", "left"],
  );

  const requestRows = pages.map((p) => {
    const v = medianVisit(visits.get(p.key) ?? []);
    const f = requestFacts(v);
    return [
      p.key,
      String(f.requests),
      `${f.jsInHtml} + ${f.jsLazy} + ${f.jsPrefetch}`,
      kib(f.jsBytes, 0),
      String(f.rsc),
      `${f.rpcHttp} (${f.rpcCalls})`,
      String(v.preflights),
      f.minRpcMs === undefined ? "" : f.minRpcMs.toFixed(0),
      v.longTaskMs.toFixed(0),
    ];
  });
  const requests = formatTable(
    ["page", "requests", "JS html + lazy + prefetch", "JS KiB", "RSC", "RPC HTTP (calls)", "preflights", "min RPC ms", "long tasks ms"],
    requestRows,
    ["left", "right", "right", "right", "right", "right", "right", "right", "right"],
  );

  // The emulation must hold for the chain's RPC too: every RPC request goes through the page (seen by the browser)
  // and none can come back faster than the emulated round trip.
  const allRpc = [...visits.values()].flat().map(requestFacts);
  const fastest = Math.min(...allRpc.map((f) => f.minRpcMs ?? Infinity));
  const throttled =
    allRpc.every((f) => f.rpcHttp > 0) && fastest >= NETWORK.latency
      ? `every page's RPC requests went through the browser and took ≥ ${fastest.toFixed(0)} ms (emulated round trip ${NETWORK.latency} ms): throttled.`
      : `WARNING: RPC requests not throttled as asked (fastest ${fastest.toFixed(0)} ms, emulated round trip ${NETWORK.latency} ms).`;

  return [
    `Phone: ${PHONE.viewport.width}x${PHONE.viewport.height} @${PHONE.deviceScaleFactor}, ${CPU_SLOWDOWN}x CPU slowdown, ` +
      `${(NETWORK.downloadThroughput * 8) / 1e6} Mbps down / ${(NETWORK.uploadThroughput * 8) / 1e3} kbps up / ${NETWORK.latency} ms latency ` +
      `(DevTools emulation, per request), cache disabled, a fresh context per visit. ${ROUNDS} rounds after one warm-up, ` +
      "pages in rotating order within each round.",
    `Time: from page.goto until the frame after the text appears in <main>; FCP and hydration (React on <main>) medians beside it. /verify: a ${FILE_BYTES / MIB} MiB file given to its input ` +
      "once loaded and hydrated (drop = navigation → file given; after = file given → verdict). Floor: /status (one eth_blockNumber).",
    `RPC ${rpcUrl}: ${throttled}`,
    "",
    times,
    "",
    "Requests started before the verdict (median round). JS html: chunks the document names; lazy: fetched by the page's code",
    "after it ran; prefetch: lazy chunks a next/link prefetch (RSC) named, for the next page. RPC HTTP: POSTs to the chain",
    "(JSON-RPC calls in them); preflights: CORS OPTIONS before them (Chromium's DevTools throttling does not delay these).",
    "",
    requests,
    ...pages.flatMap((p) => [
      "",
      `Waterfall, ${p.label}, median round (ms since navigation; KiB on the wire):`,
      "",
      waterfall(medianVisit(visits.get(p.key) ?? [])),
    ]),
  ].join("\n");
}

export const timeToVerdictSection: BenchSection = {
  name: "Time to verdict on a phone",
  async run(ctx) {
    const dir = mkdtempSync(path.join(tmpdir(), "integra-verdict-"));
    try {
      return await measure(ctx, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function measure(ctx: BenchContext, dir: string): Promise<string> {
  const { file, contentHash } = benchFile(dir);
  const integraHash = await registerVerdictRecord(ctx, contentHash);
  const pages: PageUnderTest[] = [
    {
      key: "floor",
      label: "floor: /status (latest block)",
      path: "/status",
      shown: /Latest block \d+ on/,
      failed: /Can't reach/,
      marks: [],
    },
    {
      key: "record",
      label: "record page (its status)",
      path: `/records/${integraHash}`,
      shown: /\d+ of \d+ reserved tokens claimed/,
      failed: /No such record|This record link is broken/,
      marks: [{ name: "record read: the page's cards, tokens pending", shown: /Reading tokens/ }],
    },
    {
      key: "verify",
      label: `/verify (verdict, ${FILE_BYTES / MIB} MiB file)`,
      path: "/verify",
      shown: /Registered: \d+ records? of this content/,
      failed: /Not registered|Could not hash/,
      marks: [
        { name: "the file input (rendered on the client)", shown: /Choose or drop the document/ },
        { name: "hashing", shown: /Hashing agreement\.pdf/ },
        { name: "hash shown", shown: /SHA-256 of agreement\.pdf/ },
        { name: "lookup shown (URL has the hash)", shown: /Looking for records of this content/ },
      ],
      file,
    },
  ];
  const names = functionNames();
  const visits = new Map<PageKey, Visit[]>(pages.map((p) => [p.key, []]));
  const browser = await launchChromium();
  try {
    // Round 0 warms the server (its first render of each route) and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      for (let i = 0; i < pages.length; i++) {
        const target = pages[(i + round) % pages.length];
        const v = await visit(browser, ctx.appUrl, ctx.rpcUrl, target, names);
        if (round > 0) visits.get(target.key)?.push(v);
      }
    }
  } finally {
    await browser.close();
  }
  return format(pages, visits, ctx.rpcUrl);
}
