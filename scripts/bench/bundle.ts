// Section 3: JavaScript a first visit downloads, per route. Next 16 with Turbopack no longer prints sizes, and its
// manifests do not list what a page lazy-loads on mount, so each route is loaded in a fresh Chromium context from
// the bench's `next start` and every .js response until the network is idle is counted (split as classify() says).
import { readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Response } from "@playwright/test";
import { ROOT } from "../stack/artifacts.ts";
import { launchChromium } from "./browser.ts";
import { type BenchRecord, registerRecord } from "./records.ts";
import { formatTable, kib } from "./table.ts";
import type { BenchContext, BenchSection } from "./types.ts";

const PAGE_FILE = /^page\.(tsx|ts|jsx|js|mdx)$/;

/**
 * First-load goals: what reading the chain in the browser allows on the pages a counterparty opens from a link (no
 * wallet code, the readers they need), and a looser bound for every other route.
 */
const READ_PAGE_GOALS_KB: Record<string, number> = {
  "/verify": 160,
  "/workflows/[processHash]": 190,
  "/records/[integraHash]": 225,
};
const ROUTE_GOAL_KB = 250;

export function goalFor(pattern: string): number {
  return READ_PAGE_GOALS_KB[pattern] ?? ROUTE_GOAL_KB;
}
const IDLE_TIMEOUT_MS = 30_000;

/** URL paths of every page in app/, read at run time so new routes are measured without editing this file. */
export function appRoutes(dir = path.join(ROOT, "app"), segments: string[] = []): string[][] {
  const routes: string[][] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && PAGE_FILE.test(entry.name)) routes.push(segments);
    // `_folder` is private (not routed); `(group)` and `@slot` do not appear in the URL.
    if (!entry.isDirectory() || entry.name.startsWith("_")) continue;
    const urlSegment = entry.name.startsWith("(") || entry.name.startsWith("@") ? [] : [entry.name];
    routes.push(...appRoutes(path.join(dir, entry.name), [...segments, ...urlSegment]));
  }
  return routes;
}

/** A concrete URL for a route pattern: dynamic segments get a real value where one exists on the bench chain. */
function sampleUrl(segments: string[], record: BenchRecord): string {
  const values: Record<string, string> = {
    integraHash: record.integraHash,
    processHash: record.processHash,
    contentHash: record.contentHash,
  };
  const concrete = segments.flatMap((segment) => {
    if (segment.startsWith("[[...")) return []; // optional catch-all: its bare route
    const name = segment.match(/^\[(?:\.\.\.)?(\w+)\]$/)?.[1];
    if (!name) return [segment];
    return [values[name] ?? `0x${"ab".repeat(32)}`];
  });
  return `/${concrete.join("/")}`;
}

interface ScriptSize {
  url: string;
  raw: number;
  gzip: number;
  /** Bytes on the wire (after the server's own compression, if any). */
  sent: number;
}

interface RouteResult {
  pattern: string;
  url: string;
  scripts: ScriptSize[];
  /** Scripts the HTML names (script tags and the inline RSC payload): Next's own "first load JS". */
  inHtml: Set<string>;
  note: string;
}

async function sizeOf(response: Response): Promise<ScriptSize | undefined> {
  try {
    const body = await response.body();
    const sizes = await response.request().sizes();
    // Level 9, as Next's old build output (gzip-size) reported it.
    return { url: response.url(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length, sent: sizes.responseBodySize };
  } catch {
    return undefined; // a response without a body (redirect, aborted): nothing was downloaded
  }
}

function isScript(response: Response): boolean {
  return response.request().resourceType() === "script" || new URL(response.url()).pathname.endsWith(".js");
}

async function measureRoute(browser: Browser, appUrl: string, pattern: string, url: string): Promise<RouteResult> {
  // A fresh context per route: an empty cache, so shared chunks count for every route, as for a first visit.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const sizes: Promise<ScriptSize | undefined>[] = [];
    page.on("response", (response) => {
      if (isScript(response)) sizes.push(sizeOf(response));
    });
    let note = "";
    let html = "";
    try {
      const document = await page.goto(`${appUrl}${url}`, { waitUntil: "networkidle", timeout: IDLE_TIMEOUT_MS });
      html = (await document?.text()) ?? "";
      if (document && !document.ok()) note = `HTTP ${document.status()}`;
    } catch {
      note = `network not idle within ${IDLE_TIMEOUT_MS / 1000} s; counted what had loaded`;
    }
    const scripts = (await Promise.all(sizes)).filter((s): s is ScriptSize => s !== undefined);
    const inHtml = new Set(scripts.filter((s) => html.includes(new URL(s.url).pathname)).map((s) => s.url));
    return { pattern, url, scripts, inHtml, note };
  } finally {
    await context.close();
  }
}

const sum = (scripts: ScriptSize[], key: "raw" | "gzip" | "sent") => scripts.reduce((total, s) => total + s[key], 0);

/**
 * After hydration a page also fetches chunks on its own (RainbowKit's wallet icons, dynamic imports) and the
 * chunks of the routes its <Link>s prefetch. A late chunk that another route's HTML names is taken for such a
 * prefetch and reported apart: it is not what this route needs, it is the next page made instant.
 */
function classify(result: RouteResult, all: RouteResult[]) {
  const namedElsewhere = new Set(all.filter((other) => other !== result).flatMap((other) => [...other.inHtml]));
  const inHtml = result.scripts.filter((s) => result.inHtml.has(s.url));
  const late = result.scripts.filter((s) => !result.inHtml.has(s.url));
  const prefetched = late.filter((s) => namedElsewhere.has(s.url));
  const onMount = late.filter((s) => !namedElsewhere.has(s.url));
  return { inHtml, onMount, prefetched, firstLoad: [...inHtml, ...onMount] };
}

export const bundleSection: BenchSection = {
  name: "Bundle",
  async run(ctx: BenchContext) {
    const record = await registerRecord(ctx, "bundle");
    const routes = appRoutes()
      .map((segments) => ({ pattern: `/${segments.join("/")}`, url: sampleUrl(segments, record) }))
      .sort((a, b) => a.pattern.localeCompare(b.pattern));

    const browser = await launchChromium();
    const results: RouteResult[] = [];
    try {
      for (const route of routes) results.push(await measureRoute(browser, ctx.appUrl, route.pattern, route.url));
    } finally {
      await browser.close();
    }

    const parts = results.map((r) => ({ result: r, ...classify(r, results) }));
    const smallest = Math.min(...parts.map((p) => sum(p.firstLoad, "gzip")));
    const rows = parts.map((p) => [
      p.result.pattern,
      String(p.firstLoad.length),
      kib(sum(p.firstLoad, "raw")),
      kib(sum(p.firstLoad, "gzip")),
      `<= ${goalFor(p.result.pattern)}`,
      sum(p.firstLoad, "gzip") / 1024 <= goalFor(p.result.pattern) ? "met" : "over",
      `${(sum(p.firstLoad, "gzip") / smallest).toFixed(2)}x`,
      kib(sum(p.inHtml, "gzip")),
      kib(sum(p.onMount, "gzip")),
      kib(sum(p.firstLoad, "sent")),
      kib(sum(p.prefetched, "gzip")),
      p.result.note,
    ]);
    const table = formatTable(
      ["route", "files", "KB raw", "KB gzip", "goal", "", "vs min", "gz HTML", "gz mount", "KB sent", "+prefetch gz", "note"],
      rows,
      ["left", "right", "right", "right", "right", "left", "right", "right", "right", "right", "right", "left"],
    );
    const dynamic = results.filter((r) => r.url !== r.pattern).map((r) => `${r.pattern} as ${r.url}`);
    return [
      "First-load JS per route: a fresh context (empty cache) until the network is idle. KB = 1024 B; gzip level 9.",
      "gz HTML: chunks the page's HTML names (Next's own \"first load JS\"); gz mount: fetched after hydration;",
      "KB sent: bytes on the wire from next start; +prefetch: other routes' chunks its links prefetch (not counted).",
      `Goal (KB gzip first-load): ${Object.entries(READ_PAGE_GOALS_KB)
        .map(([page, kb]) => `<= ${kb} for ${page}`)
        .join(", ")}; <= ${ROUTE_GOAL_KB} for every other route.`,
      "",
      table,
      ...(dynamic.length > 0 ? ["", `sampled: ${dynamic.join(", ")} (registered on the bench chain)`] : []),
    ].join("\n");
  },
};
