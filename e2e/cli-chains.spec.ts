// `integra status`, `verify`, `pending`, `proof` and `check-proof` over the demo's two chains: the lender's commitment
// letter is on chain B only (scripts/stack/seed.ts seedSecondChain), the purchase agreement on chain A.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ACCOUNTS, CHAIN_B_ID, RPC_URL, RPC_URL_B } from "./anvil";
import { demo, expect, test } from "./fixtures";
import { ROOT, integra } from "./integra";
import { parseDocument } from "./jsonSchema";

const CHAIN_A_ID = 31337;
const CHAIN_B_NAME = "Local chain B (anvil)";
const COMMITMENT_FILE = path.join(ROOT, "public", "demo", "commitment-letter-12-harbour-lane.txt");
/** An RPC nothing listens on: a chain that does not answer. */
const DOWN_RPC = "http://127.0.0.1:9";

// The packed CLI knows no local chain by itself: each chain's deployment is given, as an integrator gives theirs.
const DEPLOYMENTS = [CHAIN_A_ID, CHAIN_B_ID].flatMap((chainId) => [
  "--deployment",
  path.join(ROOT, "contracts", "deployments", `${chainId}.json`),
]);

/** `integra <args…>` with --rpc A then --rpc B (integra() adds the last --rpc), and both chains' deployments. */
const onBothChains = (...args: string[]) => integra([...args, ...DEPLOYMENTS, "--rpc", RPC_URL], { rpc: RPC_URL_B });
/** The same on chain A alone. */
const onChainA = (...args: string[]) => integra([...args, ...DEPLOYMENTS], { rpc: RPC_URL });

const lower = (s: string) => s.toLowerCase();

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "integra-cli-chains-"));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("status of chain B's record with --rpc A --rpc B: found on chain 31338, named in JSON and in words; on chain A alone, no such record", async () => {
  const run = await onBothChains("status", demo.secondChain.commitment, "--json");
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const status = parseDocument<{ integraHash: string; chainId: number; chainName: string; tokens: { items: { holder: string }[] } }>(
    "status",
    run.stdout,
  );
  expect(lower(status.integraHash)).toBe(lower(demo.secondChain.commitment));
  expect(status).toMatchObject({ chainId: CHAIN_B_ID, chainName: CHAIN_B_NAME });
  expect(status.tokens.items.map((t) => t.holder)).toEqual([ACCOUNTS.lender]);

  const words = await onBothChains("status", demo.secondChain.commitment);
  expect(words.code).toBe(0);
  expect(words.stdout).toMatch(/chain:\s+31338 \(Local chain B \(anvil\)\)/);

  const onA = await onChainA("status", demo.secondChain.commitment);
  expect(onA.code).toBe(3);
  expect(onA.stderr).toContain("No such record on this chain");
});

test("status with chain A down still answers from chain B and names the chain that did not answer; not found anywhere with one down is try later", async () => {
  const run = await integra(["status", demo.secondChain.commitment, ...DEPLOYMENTS, "--rpc", DOWN_RPC], { rpc: RPC_URL_B });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`Record ${demo.secondChain.commitment}`);
  expect(run.stderr).toContain(`not searched: Cannot reach the RPC at ${DOWN_RPC}`);

  const unknown = await integra(["status", `0x${"ab".repeat(32)}`, "--json", ...DEPLOYMENTS, "--rpc", DOWN_RPC], { rpc: RPC_URL_B });
  expect(unknown.code).toBe(4);
  expect(parseDocument("error", unknown.stdout)).toMatchObject({ error: { code: "RpcUnreachable", retry: true } });
});

test("verify of the commitment letter: registered on chain 31338 with both RPCs (exit 0), not registered on chain A alone (exit 1)", async () => {
  const run = await onBothChains("verify", COMMITMENT_FILE, "--json");
  expect(run.code).toBe(0);
  const result = parseDocument<{
    registered: boolean;
    records: { integraHash: string; chainId: number; chainName: string; registrant: string }[];
    chains: { chainId: number; registered: boolean }[];
  }>("verify", run.stdout);
  expect(result.registered).toBe(true);
  expect(result.records.map((r) => [lower(r.integraHash), r.chainId, r.chainName, r.registrant])).toEqual([
    [lower(demo.secondChain.commitment), CHAIN_B_ID, CHAIN_B_NAME, ACCOUNTS.titleCompany],
  ]);
  expect(result.chains.map((c) => [c.chainId, c.registered])).toEqual([
    [CHAIN_A_ID, false],
    [CHAIN_B_ID, true],
  ]);

  const words = await onBothChains("verify", COMMITMENT_FILE);
  expect(words.code).toBe(0);
  expect(words.stdout).toContain(`on chain ${CHAIN_B_ID} (${CHAIN_B_NAME}); none on chain ${CHAIN_A_ID}`);

  const onA = await onChainA("verify", COMMITMENT_FILE);
  expect(onA.code).toBe(1);
  expect(onA.stdout).toContain("Not registered");
});

test("pending for the lender with both RPCs: the agreement's token on chain A and the commitment letter's on chain B, each with its chain", async () => {
  const run = await onBothChains("pending", ACCOUNTS.lender, "--json");
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const { tokens } = parseDocument<{
    tokens: { integraHash: string; chainId: number; chainName: string; tokenId: string; tokenizerKind: string; claimable: boolean }[];
  }>("pending", run.stdout);
  expect(tokens.map((t) => [t.chainId, lower(t.integraHash), t.tokenId])).toEqual([
    [CHAIN_A_ID, lower(demo.agreement), "3"],
    [CHAIN_B_ID, lower(demo.secondChain.commitment), "1"],
  ]);
  // Chain B's tokenizer is at another address than chain A's: known as the multi-party one by chain B's deployment.
  expect(tokens[1]).toMatchObject({ chainName: CHAIN_B_NAME, tokenizerKind: "multiParty", claimable: true });

  const words = await onBothChains("pending", ACCOUNTS.lender);
  expect(words.code).toBe(0);
  expect(words.stdout).toContain("2 claimable now");
});

test("proof of chain B's record with both RPCs names chain 31338; check-proof re-reads it through the RPC of its own chain", async () => {
  const file = path.join(dir, "commitment-proof.json");
  const made = await onBothChains("proof", demo.secondChain.commitment, "-o", file, "--json");
  expect(made.code).toBe(0);
  expect(parseDocument("proof", made.stdout)).toMatchObject({ chainId: CHAIN_B_ID, chainName: CHAIN_B_NAME });
  expect((JSON.parse(readFileSync(file, "utf8")) as { chainId: number }).chainId).toBe(CHAIN_B_ID);

  // Chain A's RPC first: check-proof picks chain B's, the one the proof names.
  const checked = await onBothChains("check-proof", file, "--json");
  expect(checked.code).toBe(0);
  const report = parseDocument<{ ok: boolean; online: boolean; chainId: number; checks: { id: string; ok: boolean }[] }>(
    "check-proof",
    checked.stdout,
  );
  expect(report).toMatchObject({ ok: true, online: true, chainId: CHAIN_B_ID });
  expect(report.checks.find((c) => c.id === "events-online")?.ok).toBe(true);

  // Chain A's RPC and one that does not answer (it may be chain B's): try later, naming the proof's chain and each RPC's.
  const wrong = await integra(["check-proof", file, ...DEPLOYMENTS, "--rpc", RPC_URL], { rpc: DOWN_RPC });
  expect(wrong.code).toBe(4);
  expect(wrong.stderr).toContain(`The proof is of chain ${CHAIN_B_ID} (${CHAIN_B_NAME}), but no --rpc serves it`);
  expect(wrong.stderr).toContain(`${RPC_URL} serves chain ${CHAIN_A_ID}`);
});
