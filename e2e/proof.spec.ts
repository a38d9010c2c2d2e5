// Portable proofs: `integra proof` / `integra check-proof` as child processes, and the app's "Download proof" and
// /verify proof check in the browser, all against the seeded e2e chain (the demo agreement).
import { PROOF_CHECK_IDS } from "@/lib/proof/checkOutcome";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RPC_URL } from "./anvil";
import { demo, expect, test } from "./fixtures";
import { ROOT, integraOffline } from "./integra";
import { parseDocument } from "./jsonSchema";

// The demo agreement (the record these tests prove) registers this file; the deed is another record's.
const AGREEMENT_FILE = path.join(ROOT, "public", "demo", "purchase-agreement-12-harbour-lane.txt");
const DEED_FILE = path.join(ROOT, "public", "demo", "deed-12-harbour-lane.txt");
const CHECK_COUNT = 8;
const ONLINE_CHECK_COUNT = 4;

/** Runs `integra <args…>` (offline unless the arguments say --rpc) and collects exit code and output. */
const integra = (...args: string[]) => integraOffline(args);

interface Bundle {
  chainId: number;
  integraHash: string;
  logs: { data: string; transactionHash: string; logIndex: number }[];
  receipts: { transactionHash: string; logs: { logIndex: number; data: string }[] }[];
}

/** A different last hex digit: the smallest edit of a field. */
const flip = (hex: string) => `${hex.slice(0, -1)}${hex.endsWith("0") ? "1" : "0"}`;

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "integra-proof-"));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `integra proof` of the demo agreement into the test's directory; returns the bundle's path. */
async function proveAgreement(): Promise<string> {
  const file = path.join(dir, "bundle.json");
  const run = await integra("proof", demo.agreement, "-o", file, "--rpc", RPC_URL);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`to ${file}`);
  return file;
}

/** A copy of the bundle at `file`, edited, written next to it. */
function tamper(file: string, edit: (bundle: Bundle) => void): string {
  const bundle = JSON.parse(readFileSync(file, "utf8")) as Bundle;
  edit(bundle);
  const out = path.join(dir, "tampered.json");
  writeFileSync(out, JSON.stringify(bundle, null, 2));
  return out;
}

test("proof of the demo agreement passes check-proof offline, online and with its document", async () => {
  const file = await proveAgreement();
  const bundle = JSON.parse(readFileSync(file, "utf8")) as Bundle;
  expect(bundle.integraHash.toLowerCase()).toBe(demo.agreement.toLowerCase());
  expect(bundle.logs.length).toBeGreaterThanOrEqual(10);

  const offline = await integra("check-proof", file);
  expect(offline.stderr).toBe("");
  expect(offline.code).toBe(0);
  expect(offline.stdout.match(/^✓ /gm)).toHaveLength(CHECK_COUNT);
  expect(offline.stdout).not.toContain("✗");
  expect(offline.stdout).toContain("offline: consistency only");

  const online = await integra("check-proof", file, "--rpc", RPC_URL, "--json");
  expect(online.code).toBe(0);
  const result = parseDocument<{ ok: boolean; online: boolean; checks: { id: string; ok: boolean }[] }>("check-proof", online.stdout);
  expect(result).toMatchObject({ ok: true, online: true });
  // Every check but the document's (no --file), in the order they are reported.
  expect(result.checks.map((c) => c.id)).toEqual(PROOF_CHECK_IDS.filter((id) => id !== "file"));
  expect(result.checks.every((c) => c.ok)).toBe(true);

  const withFile = await integra("check-proof", file, "--file", AGREEMENT_FILE, "--rpc", RPC_URL);
  expect(withFile.code).toBe(0);
  expect(withFile.stdout).toContain("✓ The document is the registered one");
  expect(withFile.stdout.match(/^✓ /gm)).toHaveLength(CHECK_COUNT + 1 + ONLINE_CHECK_COUNT);

  // With --json, what was written: the block it was read at, and how many events, receipts and attestations.
  const again = path.join(dir, "again.json");
  const summary = await integra("proof", demo.agreement, "-o", again, "--rpc", RPC_URL, "--json");
  expect(summary.code).toBe(0);
  expect(parseDocument("proof", summary.stdout)).toMatchObject({ file: again, chainId: bundle.chainId, events: bundle.logs.length });
});

test("a tampered proof exits 3 and names the field and the check", async () => {
  const file = await proveAgreement();
  // An edit of a log alone: the proof contradicts itself (the receipt keeps the original).
  const edited = tamper(file, (b) => (b.logs[3].data = flip(b.logs[3].data)));
  const run = await integra("check-proof", edited);
  expect(run.code).toBe(3);
  expect(run.stdout).toContain("✗ Every event is in its transaction's receipt");
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).toContain("(events-in-receipts)");
  expect(run.stderr).toContain("logs[3].data differs from its transaction's receipt");
  // With --json the report is still the one document on stdout, the failed check in it.
  const json = await integra("check-proof", edited, "--json");
  expect(json.code).toBe(3);
  const report = parseDocument<{ ok: boolean; checks: { id: string; ok: boolean }[] }>("check-proof", json.stdout);
  expect(report.ok).toBe(false);
  expect(report.checks.find((c) => c.id === "events-in-receipts")?.ok).toBe(false);

  // The same edit made in the receipt too: consistent, so only the chain can tell.
  const forged = tamper(file, (b) => {
    const log = b.logs[3];
    log.data = flip(log.data);
    const receipt = b.receipts.find((r) => r.transactionHash === log.transactionHash)!;
    receipt.logs.find((l) => l.logIndex === log.logIndex)!.data = log.data;
  });
  expect((await integra("check-proof", forged)).code).toBe(0);
  const online = await integra("check-proof", forged, "--rpc", RPC_URL);
  expect(online.code).toBe(3);
  expect(online.stderr).toContain("(events-online)");
  expect(online.stderr).toContain("logs[3].data differs from the chain's copy");
});

test("check-proof: another document or chain exit 3, malformed JSON or a missing file exit 2, each with one line", async () => {
  const file = await proveAgreement();

  const wrongFile = await integra("check-proof", file, "--file", DEED_FILE);
  expect(wrongFile.code).toBe(3);
  expect(wrongFile.stderr).toContain("(file)");
  expect(wrongFile.stderr).toContain("this is not the registered document");

  const malformed = path.join(dir, "malformed.json");
  writeFileSync(malformed, readFileSync(file, "utf8").slice(0, 200));
  const notJson = await integra("check-proof", malformed);
  expect(notJson.code).toBe(2);
  expect(notJson.stdout).toBe("");
  expect(notJson.stderr).toMatch(/is not a valid Integra proof: not valid JSON/);

  const missingField = tamper(file, (b) => delete (b as Partial<Bundle>).logs);
  const noLogs = await integra("check-proof", missingField);
  expect(noLogs.code).toBe(2);
  expect(noLogs.stderr).toContain("is not a valid Integra proof: logs: expected a list");

  const otherChain = tamper(file, (b) => (b.chainId = 1));
  const chain = await integra("check-proof", otherChain);
  expect(chain.code).toBe(3);
  expect(chain.stderr).toContain("(chain): chainId is 1, but this checker reads chain 31337");

  const missing = await integra("check-proof", path.join(dir, "no-such-bundle.json"));
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("No such proof file");

  const unknown = await integra("proof", `0x${"ab".repeat(32)}`, "--rpc", RPC_URL);
  expect(unknown.code).toBe(3);
  expect(unknown.stderr).toContain("No such record on this chain");

  for (const command of ["proof", "check-proof"]) {
    const help = await integra(command, "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: integra ${command}`);
  }
});

test("Download proof on the record page, then /verify checks it in the browser; a tampered copy fails on its check", async ({ page }) => {
  await page.goto(`/records/${demo.agreement}`);
  const proofCard = page.getByRole("region", { name: "Proof", exact: true });
  const [download] = await Promise.all([page.waitForEvent("download"), proofCard.getByRole("button", { name: "Download proof" }).click()]);
  expect(download.suggestedFilename()).toBe(`proof-${demo.agreement.slice(0, 10)}.json`);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  await expect(proofCard.getByRole("status")).toContainText("Saved");

  await page.goto("/verify");
  await page.getByLabel(/Choose or drop a proof file/).setInputFiles(file);
  const result = page.getByRole("region", { name: "Proof check result" });
  await expect(result.getByText(`Genuine: all ${CHECK_COUNT + ONLINE_CHECK_COUNT} checks passed`)).toBeVisible();
  const checks = result.getByRole("list", { name: "Proof checks" }).getByRole("listitem");
  await expect(checks).toHaveCount(CHECK_COUNT + ONLINE_CHECK_COUNT);
  for (const item of await checks.all()) await expect(item).toContainText("Passed:");

  await result.getByLabel(/Choose or drop the document \(optional\)/).setInputFiles(AGREEMENT_FILE);
  await expect(result.getByText(`Genuine: all ${CHECK_COUNT + 1 + ONLINE_CHECK_COUNT} checks passed`)).toBeVisible();
  await expect(result.locator('[data-check="file"]')).toContainText("Passed: The document is the registered one");
  if (process.env.PROOF_SCREENSHOT) await page.screenshot({ path: process.env.PROOF_SCREENSHOT, fullPage: true });

  const edited = tamper(file, (b) => (b.logs[3].data = flip(b.logs[3].data)));
  await page.getByLabel(/Choose or drop a proof file/).setInputFiles(edited);
  await expect(result.getByText(/Not valid: \d+ of \d+ checks failed/)).toBeVisible();
  await expect(result.locator('[data-check="events-in-receipts"]')).toContainText("Failed: Every event is in its transaction's receipt");
  await expect(result.locator('[data-check="events-in-receipts"]')).toContainText("logs[3].data differs");
  await expect(result.locator('[data-check="attestation-uids"]')).toContainText("Passed:");
  if (process.env.PROOF_SCREENSHOT)
    await page.screenshot({ path: process.env.PROOF_SCREENSHOT.replace(/\.png$/, "-tampered.png"), fullPage: true });
});
