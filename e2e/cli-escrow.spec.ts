// `integra escrow` and `integra condition` against the e2e chain, and the keeper recipe of cli/README.md: a watch of
// the workflow whose --exec hook releases each escrow the moment its conditions hold, restartable from its cursor
// without releasing twice.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Address, type Hex, erc20Abi, getAbiItem, parseEther } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { EXIT } from "@/cli/errors";
import { integraEscrowV1Abi } from "@/lib/generated/integra";
import { ANVIL_KEYS } from "@/scripts/stack/chains";
import { DEMO_INSPECTOR_KEY } from "@/scripts/stack/seed";
import { ACCOUNTS, RPC_URL, testChain } from "./anvil";
import { addresses, arrangeAgreement, claim } from "./chain";
import { DEMO_PROCESS } from "./demo";
import { demo, expect, test } from "./fixtures";
import { ROOT, type RunningIntegra, integra, startIntegra } from "./integra";
import { parseDocument } from "./jsonSchema";

const CLERK_KEY = ANVIL_KEYS[1];
const BUYER_KEY = ANVIL_KEYS[3];
/** The keeper: anyone may release, so a stranger's key serves. */
const KEEPER_KEY = ANVIL_KEYS[9];
const INSPECTOR = privateKeyToAccount(DEMO_INSPECTOR_KEY).address;
const AMOUNT = 25_000_000_000n;

const deployment = JSON.parse(readFileSync(path.join(ROOT, "contracts", "deployments", "31337.json"), "utf8")) as {
  local: { TestStablecoin: Address };
};
const TUSD = deployment.local.TestStablecoin;
const escrowReleased = getAbiItem({ abi: integraEscrowV1Abi, name: "EscrowReleased" });

interface WatchLine {
  type: string;
  event: string;
  blockHash: string;
  logIndex: number;
  args: Record<string, string>;
}

const parseLine = (line: string) => parseDocument<WatchLine>("watch-event", line);
const isEvent = (name: string) => (line: string) => parseLine(line).event === name;

const tusdOf = (account: Address) => testChain.readContract({ address: TUSD, abi: erc20Abi, functionName: "balanceOf", args: [account] });

/** Every EscrowReleased of escrow `escrowId` on the chain. */
const releasesOf = async (escrowId: bigint) =>
  testChain.getLogs({ address: addresses.IntegraEscrowV1, event: escrowReleased, args: { escrowId }, fromBlock: 0n });

/** Whether the cursor file says `line` was handed on (its log is in the cursor's tail of delivered logs). */
function cursorCovers(file: string, line: WatchLine): boolean {
  if (!existsSync(file)) return false;
  const cursor = JSON.parse(readFileSync(file, "utf8")) as { tail: { blockHash: string; logIndex: string }[] };
  return cursor.tail.some((log) => log.blockHash === line.blockHash && Number(log.logIndex) === line.logIndex);
}

let dir: string;
let running: RunningIntegra[] = [];
test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "integra-escrow-"));
  running = [];
});
test.afterEach(async () => {
  await Promise.all(running.map((r) => r.stop("SIGKILL")));
  rmSync(dir, { recursive: true, force: true });
});

test("the keeper recipe: a watch's --exec hook releases the escrow once the inspector attests, exactly once, also when restarted", async () => {
  const started = Date.now();
  const { integraHash, processHash, uids } = await arrangeAgreement("escrow-keeper", ["buyer", "seller"]);
  await claim("buyer", integraHash, 1n, uids[0], processHash);
  await claim("seller", integraHash, 2n, uids[1], processHash);
  await testChain.setBalance({ address: INSPECTOR, value: parseEther("1") });
  const clerk = { env: { INTEGRA_PRIVATE_KEY: CLERK_KEY } };
  const openArgs = ["escrow", "open", integraHash, "--asset", "tUSD", "--payer-token", "1", "--payee-token", "2", "--refund-after", "30d"];

  // Bad input is refused before anything is read or signed (exit 2), in JSON too.
  const tooFine = await integra([...openArgs, "--amount", "1.0000001", "--attester", INSPECTOR, "--json"], clerk);
  expect(tooFine.code).toBe(EXIT.badInput);
  expect(parseDocument<{ error: { code: string; message: string } }>("error", tooFine.stdout).error).toMatchObject({
    code: "InvalidInput",
    message: expect.stringContaining("6 decimals"),
  });

  // The clerk (the record's owner) opens it: told first, on stderr, that amounts are public and there is no dispute path.
  const opened = await integra([...openArgs, "--amount", "25,000", "--attester", INSPECTOR, "--json"], clerk);
  expect(opened.stderr).toContain("Escrow amounts are public");
  expect(opened.stderr).toContain("no dispute path");
  expect(opened.code).toBe(0);
  const open = parseDocument<{ escrowId: string; terms: { amount: string; amountText: string } }>("escrow-open", opened.stdout);
  expect(open.terms).toMatchObject({ amount: AMOUNT.toString(), amountText: "25,000 tUSD" });
  const escrowId = open.escrowId;

  // Not funded: a release is refused in the contract's words (exit 3); --if-ready makes it a note (exit 0).
  const early = await integra(["escrow", "release", escrowId, "--json"], { env: { INTEGRA_PRIVATE_KEY: KEEPER_KEY } });
  expect(early.code).toBe(EXIT.refused);
  expect(parseDocument<{ error: { code: string } }>("error", early.stdout).error.code).toBe("WrongStatus");

  // The keeper: a watch of the workflow, releasing every ready escrow of the record of each event.
  const cursor = path.join(dir, "keeper.cursor");
  const hook = `"${process.execPath}" "${path.join(ROOT, "cli", "dist", "integra.js")}" escrow release --if-ready --record "$INTEGRA_HASH" --rpc ${RPC_URL}`;
  const keeperArgs = [
    "watch",
    "--interval",
    "200",
    "--workflow",
    "e2e/escrow-keeper",
    "--workflow-owner",
    ACCOUNTS.clerk,
    "--cursor",
    cursor,
  ];
  const keeper = async () => {
    const run = startIntegra([...keeperArgs, "--exec", hook], { env: { INTEGRA_PRIVATE_KEY: KEEPER_KEY } });
    running.push(run);
    await run.waitForStderr("watching from block");
    return run;
  };
  const first = await keeper();

  // The buyer deposits with one permit signature.
  const deposited = await integra(["escrow", "deposit", escrowId, "--json"], { env: { INTEGRA_PRIVATE_KEY: BUYER_KEY } });
  expect(deposited.code).toBe(0);
  expect(parseDocument<{ method: string; amount: string }>("escrow", deposited.stdout)).toMatchObject({
    method: "permit",
    amount: AMOUNT.toString(),
  });

  // The hook heard the deposit and passed over it: the inspection is missing.
  const funded = parseLine(await first.waitForLine(isEvent("EscrowFunded")));
  expect(funded.args.escrowId).toBe(escrowId);
  await first.waitForStderr(`Escrow #${escrowId} waits on its conditions: no valid attestation by ${INSPECTOR} yet.`);
  await expect.poll(() => cursorCovers(cursor, funded)).toBe(true);
  const beforeInspection = path.join(dir, "before-inspection.cursor");
  copyFileSync(cursor, beforeInspection);

  const status = await integra(["escrow", "status", escrowId, "--json"]);
  expect(
    parseDocument<{ status: string; allHold: boolean; conditions: unknown; nextSteps: unknown[]; secondsToRefund: number }>(
      "escrow-status",
      status.stdout,
    ),
  ).toMatchObject({
    status: "funded",
    allHold: false,
    conditions: { attestation: { attester: INSPECTOR, fault: "unknown" } },
    nextSteps: [{ kind: "attest", actor: INSPECTOR }],
    secondsToRefund: expect.any(Number),
  });

  // The inspector attests; the keeper releases at once, to the holder of the payee token.
  const sellerBefore = await tusdOf(ACCOUNTS.seller);
  const attested = await integra(["condition", "attest", integraHash, "--condition", "inspection", "--statement", "passed", "--json"], {
    env: { INTEGRA_PRIVATE_KEY: DEMO_INSPECTOR_KEY },
  });
  expect(attested.code).toBe(0);
  const attestation = parseDocument<{ uid: Hex; escrows: string[] }>("condition", attested.stdout);
  expect(attestation.escrows).toEqual([escrowId]);
  const heard = parseLine(await first.waitForLine(isEvent("ConditionAttested")));
  expect(heard.args).toMatchObject({ uid: attestation.uid, attester: INSPECTOR, condition: "inspection", statement: "passed" });
  const released = parseLine(await first.waitForLine(isEvent("EscrowReleased")));
  expect(released.args).toMatchObject({ escrowId, payee: ACCOUNTS.seller, amount: AMOUNT.toString(), releasedBy: ACCOUNTS.stranger });
  expect(await tusdOf(ACCOUNTS.seller)).toBe(sellerBefore + AMOUNT);
  await expect.poll(() => cursorCovers(cursor, released)).toBe(true);
  expect(await first.stop("SIGINT")).toBe(0);

  // Restarted from a cursor of before the inspection: the attestation and the release are delivered again, and the
  // hook passes over them (exit 0 each time): no second release.
  copyFileSync(beforeInspection, cursor);
  const second = await keeper();
  const again = parseLine(await second.waitForLine(isEvent("EscrowReleased")));
  expect(again.blockHash).toBe(released.blockHash);
  await expect.poll(() => cursorCovers(cursor, again)).toBe(true);
  expect(second.stderr()).toContain(`Escrow #${escrowId} is released already: nothing to release.`);
  expect(second.lines.map((l) => parseLine(l).event)).toEqual(["ConditionAttested", "EscrowReleased"]);
  expect(await second.stop("SIGTERM")).toBe(0);

  // Restarted from its own cursor: nothing to deliver, nothing released.
  const third = await keeper();
  await new Promise((r) => setTimeout(r, 1_000));
  expect(third.lines).toEqual([]);
  expect(await third.stop("SIGINT")).toBe(0);

  for (const run of [first, second, third]) expect(run.stderr()).not.toMatch(/--exec (exited|was killed)/);
  expect(await releasesOf(BigInt(escrowId))).toHaveLength(1);
  expect(await tusdOf(ACCOUNTS.seller)).toBe(sellerBefore + AMOUNT);
  const settled = await integra(["escrow", "status", escrowId, "--json"]);
  expect(parseDocument<{ status: string; nextSteps: unknown[] }>("escrow-status", settled.stdout)).toMatchObject({
    status: "released",
    nextSteps: [],
  });
  console.log(`keeper recipe: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** The fenced block of `file` that contains `marker`. */
function codeBlock(file: string, marker: string): string {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const block = [...text.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes(marker));
  if (!block) throw new Error(`No code block with "${marker}" in ${file}`);
  return block;
}

test("the keeper recipe of cli/README.md and docs/sdk.md, run as written: the demo's earnest money released when the inspector attests", async () => {
  const examples = ["cli/README.md", "docs/sdk.md"].map((file) => {
    const block = codeBlock(file, "escrow release --if-ready");
    const start = block.lastIndexOf("npm run -s integra -- watch", block.indexOf("escrow release --if-ready"));
    return block.slice(start, block.indexOf("'\n", start) + 1).replace(/\\\n\s*/g, "");
  });
  expect(new Set(examples).size).toBe(1);
  // The shell splits the documented command line as it would when pasted; the hook's `npm run -s integra --` is the
  // package's built CLI here, as `node_modules/.bin/integra` is for an installed package.
  const argv = execFileSync("sh", ["-c", `set -- ${examples[0].replace("npm run -s integra -- watch", "")}; printf '%s\\0' "$@"`], {
    encoding: "utf8",
  })
    .split("\0")
    .slice(0, -1);
  expect(argv).toEqual(expect.arrayContaining(["--workflow", "closing/12-harbour-lane", "--cursor", "keeper.cursor", "--exec"]));
  const cli = `"${process.execPath}" "${path.join(ROOT, "cli", "dist", "integra.js")}"`;
  const args = argv.map((arg, i) =>
    argv[i - 1] === "--exec" ? arg.replace("npm run -s integra --", cli) : argv[i - 1] === "--cursor" ? path.join(dir, arg) : arg,
  );
  const keeper = startIntegra(["watch", "--interval", "200", ...args], {
    env: { INTEGRA_PRIVATE_KEY: KEEPER_KEY, INTEGRA_RPC_URL: RPC_URL },
  });
  running.push(keeper);
  await keeper.waitForStderr("watching from block");

  // The seeded escrow: the buyer's 25,000 tUSD held on the purchase agreement, waiting on the inspection.
  const escrowId = "1";
  const before = parseDocument<{ status: string; integraHash: string; conditions: { attestation: { attester: string } } }>(
    "escrow-status",
    (await integra(["escrow", "status", escrowId, "--json"])).stdout,
  );
  expect(before).toMatchObject({ status: "funded", integraHash: demo.agreement, conditions: { attestation: { attester: INSPECTOR } } });
  const sellerBefore = await tusdOf(ACCOUNTS.seller);
  await testChain.setBalance({ address: INSPECTOR, value: parseEther("1") });
  const attested = await integra(["condition", "attest", demo.agreement, "--condition", "inspection", "--statement", "passed"], {
    env: { INTEGRA_PRIVATE_KEY: DEMO_INSPECTOR_KEY },
  });
  expect(attested.code).toBe(0);

  const released = parseLine(await keeper.waitForLine(isEvent("EscrowReleased")));
  expect(released).toMatchObject({ args: { escrowId, payee: ACCOUNTS.seller, amount: AMOUNT.toString() } });
  expect(released.args.processHash).toBe(DEMO_PROCESS);
  expect(await tusdOf(ACCOUNTS.seller)).toBe(sellerBefore + AMOUNT);
  expect(keeper.stderr()).not.toMatch(/--exec (exited|was killed)/);
  expect(await keeper.stop("SIGINT")).toBe(0);
});
