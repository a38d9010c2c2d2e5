// `integra register` and `integra claim` against the e2e chain: a dev key, an encrypted keystore, direct and gasless.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Address, keccak256, stringToHex, zeroAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ANVIL_KEYS } from "@/scripts/stack/chains";
import { foundryBinary } from "@/scripts/stack/foundry";
import { ACCOUNTS } from "./anvil";
import { arrangeAgreement, balanceOf, nonceOf, offerRecord, openWorkflow, registerAgreement, reserve, tokenStatus } from "./chain";
import { DEMO_PROCESS, DEMO_WORKFLOW_OWNER } from "./demo";
import { expect, test } from "./fixtures";
import { integra } from "./integra";

const CLERK_KEY = ANVIL_KEYS[1];
const TITLE_COMPANY_KEY = ANVIL_KEYS[2];
const STRANGER_KEY = ANVIL_KEYS[9];
const LENDER_KEY = ANVIL_KEYS[5];
const RELAYER = "http://localhost:3000";

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "integra-write-"));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file with content no other test registers. */
function document(name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${name}\n${Date.now()} ${Math.random()}\n`);
  return file;
}

/** A new encrypted keystore made by Foundry's cast (the format geth and MetaMask export too): its file and address. */
function newKeystore(password: string): { file: string; address: Address } {
  const keys = path.join(dir, "keys");
  mkdirSync(keys);
  const out = execFileSync(foundryBinary("cast"), ["wallet", "new", keys, "--unsafe-password", password], { encoding: "utf8" });
  const address = /Address:\s+(0x[0-9a-fA-F]{40})/.exec(out)?.[1] as Address;
  return { file: path.join(keys, readdirSync(keys)[0]), address };
}

interface Registration {
  registrant: string;
  openedWorkflow: boolean;
  workflow: { owner?: string; name?: string; processHash: string };
  records: { file: string; status: string; integraHash: `0x${string}`; tokens: { tokenId: string; role: string; recipient: string }[] }[];
}

test("register: a clerk registers two deeds in one run with roles; running it again registers nothing twice", async () => {
  const files = [document("deed-1-harbour-lane.txt"), document("deed-2-harbour-lane.txt")];
  const args = [
    "register",
    ...files,
    "--party",
    `Buyer=${ACCOUNTS.buyer}`,
    "--party",
    `Seller=${ACCOUNTS.seller}`,
    "--title",
    "Deed {file}",
  ];
  const env = { INTEGRA_PRIVATE_KEY: CLERK_KEY, INTEGRA_PASSPHRASE: "quay-street" };
  const run = await integra([...args, "--workflow", "cli/closings-2026", "--json"], { env });
  expect(run.stderr).toContain("2 of 2 files");
  expect(run.code).toBe(0);
  const registered = JSON.parse(run.stdout) as Registration;
  expect(registered.registrant).toBe(ACCOUNTS.clerk);
  // The clerk's own workflow of that name, opened by this first run in the same transaction as the first record.
  expect(registered).toMatchObject({ openedWorkflow: true, workflow: { owner: ACCOUNTS.clerk, name: "cli/closings-2026" } });
  expect(registered.records.map((r) => r.status)).toEqual(["registered", "registered"]);
  for (const record of registered.records) {
    expect(record.tokens).toEqual([
      { tokenId: "1", role: "Buyer", recipient: ACCOUNTS.buyer, status: "reserved" },
      { tokenId: "2", role: "Seller", recipient: ACCOUNTS.seller, status: "reserved" },
    ]);
    const status = JSON.parse((await integra(["status", record.integraHash, "--json"], { env })).stdout) as {
      details: { state: string; title: string };
      record: { owner: string };
      tokens: { total: number; sealed: boolean; items: { role: string }[] };
    };
    expect(status.record.owner).toBe(ACCOUNTS.clerk);
    expect(status.tokens).toMatchObject({ total: 2, sealed: true });
    expect(status.tokens.items.map((t) => t.role)).toEqual(["Buyer", "Seller"]);
    expect(status.details).toMatchObject({ state: "decrypted", title: `Deed ${path.basename(record.file)}` });
  }

  const again = await integra([...args, "--workflow", "cli/closings-2026", "--json"], { env });
  expect(again.code).toBe(0);
  const second = JSON.parse(again.stdout) as Registration;
  expect(second.openedWorkflow).toBe(false);
  expect(second.records.map((r) => [r.status, r.integraHash])).toEqual(
    registered.records.map((r) => ["already registered", r.integraHash]),
  );
  // Nothing sent, and the tokens listed as they are.
  expect(second.records.map((r) => r.tokens)).toEqual(registered.records.map((r) => r.tokens));
});

test("claim: the lender claims directly with a key, then cannot claim the same token again", async () => {
  const { integraHash } = await arrangeAgreement("cli-claim-direct", ["lender"]);
  const env = { INTEGRA_PRIVATE_KEY: LENDER_KEY };
  const run = await integra(["claim", "--record", integraHash, "--token", "1", "--json"], { env });
  expect(run.stderr).toContain("waiting for it to be mined");
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ tokenId: "1", claimant: ACCOUNTS.lender, gasless: false, amount: "1" });
  expect((await tokenStatus(integraHash, 1n)).status).toBe("claimed");

  const twice = await integra(["claim", "--record", integraHash, "--token", "1"], { env });
  expect(twice.code).toBe(3);
  expect(twice.stderr).toContain("Already claimed.");
});

test("claim --relayer: a party whose keystore account holds no ether claims gasless; directly it is told why not", async () => {
  const party = newKeystore("correct horse");
  const { integraHash } = await arrangeAgreement("cli-claim-gasless", [party.address]);
  const withKeystore = ["--keystore", party.file];

  const direct = await integra(["claim", "--record", integraHash, "--token", "1", ...withKeystore], {
    env: { INTEGRA_KEYSTORE_PASSWORD: "correct horse" },
  });
  expect(direct.code).toBe(3);
  expect(direct.stderr).toContain(`${party.address} holds no ether`);

  const wrong = await integra(["claim", "--record", integraHash, "--token", "1", ...withKeystore], {
    env: { INTEGRA_KEYSTORE_PASSWORD: "wrong" },
  });
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain("Wrong password for the keystore");

  const gasless = await integra(["claim", "--record", integraHash, "--token", "1", "--relayer", RELAYER, ...withKeystore, "--json"], {
    env: { INTEGRA_KEYSTORE_PASSWORD: "correct horse" },
  });
  expect(gasless.stderr).toContain("through the relayer");
  expect(gasless.code).toBe(0);
  expect(JSON.parse(gasless.stdout)).toMatchObject({ claimant: party.address, gasless: true });
  expect((await tokenStatus(integraHash, 1n)).status).toBe("claimed");
  expect(await balanceOf(party.address)).toBe(0n);
});

test("register and claim refuse bad input with one line and exit code 2, a token not reserved for the signer with 3", async () => {
  const file = document("deed.txt");
  const stranger = privateKeyToAccount(ANVIL_KEYS[9]);
  const { integraHash } = await arrangeAgreement("cli-claim-refused", ["buyer"]);
  const cases: [string[], Record<string, string>, string, number?][] = [
    [["register", file, "--party", `Buyer=${ACCOUNTS.buyer}`, "--workflow", "w"], {}, "No signer: set INTEGRA_PRIVATE_KEY"],
    [["register", file, "--party", `Buyer=${ACCOUNTS.buyer}`, "--workflow", "w"], { INTEGRA_PRIVATE_KEY: "0x1234" }, "not a private key"],
    [["register", file, "--party", "0xabc", "--workflow", "w"], { INTEGRA_PRIVATE_KEY: CLERK_KEY }, 'Not a party: "0xabc"'],
    [
      [
        "register",
        file,
        "--tokenizer",
        "ownership",
        "--party",
        `A=${ACCOUNTS.buyer}`,
        "--party",
        `B=${ACCOUNTS.seller}`,
        "--workflow",
        "w",
      ],
      { INTEGRA_PRIVATE_KEY: CLERK_KEY },
      "one deed token, so one party",
    ],
    [["register", path.join(dir, "missing.pdf"), "--party", `Buyer=${ACCOUNTS.buyer}`, "--workflow", "w"], {}, "No such file"],
    [["claim", "--record", integraHash, "--token", "one"], {}, 'Not a token id: --token "one"'],
    [
      ["claim", "--record", integraHash, "--token", "1"],
      { INTEGRA_PRIVATE_KEY: ANVIL_KEYS[9] },
      `Token #1 of this record is not reserved for ${stranger.address}`,
      3,
    ],
  ];
  for (const [args, env, message, exitCode = 2] of cases) {
    const run = await integra(args, { env: { INTEGRA_PRIVATE_KEY: "", ...env } });
    expect(run.code, args.join(" ")).toBe(exitCode);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  }
});

const JSON_ERROR = (code: string) => ({ schemaVersion: 1, error: { code, message: expect.any(String), retry: false } });

test("a stranger registering into the demo workflow is refused before sending, naming the owner; admitted, it registers", async () => {
  // Each command is a process of its own (a few seconds each on a busy machine).
  test.setTimeout(120_000);
  const file = document("stranger-deed.txt");
  const stranger = { INTEGRA_PRIVATE_KEY: STRANGER_KEY };
  const owner = { INTEGRA_PRIVATE_KEY: TITLE_COMPANY_KEY };
  const into = ["--workflow", "closing/12-harbour-lane", "--workflow-owner", DEMO_WORKFLOW_OWNER];
  const args = ["register", file, "--party", `Buyer=${ACCOUNTS.buyer}`, ...into];
  const nonce = await nonceOf(ACCOUNTS.stranger);

  const refused = await integra(args, { env: stranger });
  expect(refused.code).toBe(3);
  expect(refused.stdout).toBe("");
  expect(refused.stderr.trim().split("\n")).toHaveLength(1);
  expect(refused.stderr).toContain(
    `integra register: ${ACCOUNTS.stranger} may not register into workflow "closing/12-harbour-lane" (${DEMO_PROCESS.slice(0, 10)}…${DEMO_PROCESS.slice(-6)}): it belongs to ${DEMO_WORKFLOW_OWNER}, who must admit ${ACCOUNTS.stranger} as a member first`,
  );
  const json = await integra([...args, "--json"], { env: stranger });
  expect(json.code).toBe(3);
  expect(JSON.parse(json.stdout)).toEqual(JSON_ERROR("NotWorkflowMember"));
  expect(await nonceOf(ACCOUNTS.stranger)).toBe(nonce);

  // Only the owner admits: the clerk, a member, cannot; the title company can.
  const notOwner = await integra(["workflow", "admit", DEMO_PROCESS, ACCOUNTS.stranger, "--json"], {
    env: { INTEGRA_PRIVATE_KEY: CLERK_KEY },
  });
  expect(notOwner.code).toBe(3);
  expect(JSON.parse(notOwner.stdout)).toEqual(JSON_ERROR("NotWorkflowOwner"));
  expect(notOwner.stderr).toContain(`Only the owner of workflow ${DEMO_PROCESS}, ${DEMO_WORKFLOW_OWNER}, can admit or remove its members`);
  const admitted = await integra(["workflow", "admit", "closing/12-harbour-lane", ACCOUNTS.stranger], { env: owner });
  expect(admitted.code).toBe(0);
  expect(admitted.stdout).toContain(`Admitted ${ACCOUNTS.stranger} to workflow "closing/12-harbour-lane" (${DEMO_PROCESS})`);
  const twice = await integra(["workflow", "admit", "closing/12-harbour-lane", ACCOUNTS.stranger, "--json"], { env: owner });
  expect(twice.code).toBe(3);
  expect(JSON.parse(twice.stdout)).toEqual(JSON_ERROR("AlreadyMember"));

  const member = await integra([...args, "--json"], { env: stranger });
  expect(member.code).toBe(0);
  expect(JSON.parse(member.stdout)).toMatchObject({
    registrant: ACCOUNTS.stranger,
    openedWorkflow: false,
    workflow: { processHash: DEMO_PROCESS },
    records: [{ status: "registered" }],
  });

  const removed = await integra(["workflow", "remove", DEMO_PROCESS, ACCOUNTS.stranger, "--json"], { env: owner });
  expect(removed.code).toBe(0);
  expect(JSON.parse(removed.stdout)).toMatchObject({ action: "remove", processHash: DEMO_PROCESS, member: ACCOUNTS.stranger });
  const again = await integra(["register", document("stranger-deed-2.txt"), "--party", `Buyer=${ACCOUNTS.buyer}`, ...into, "--json"], {
    env: stranger,
  });
  expect(again.code).toBe(3);
  expect(JSON.parse(again.stdout)).toEqual(JSON_ERROR("NotWorkflowMember"));
});

test("workflow open: the signer's own workflow, once; a workflow nobody opened is refused by hash", async () => {
  const env = { INTEGRA_PRIVATE_KEY: STRANGER_KEY };
  const opened = await integra(["workflow", "open", "stranger/intake", "--json"], { env });
  expect(opened.code).toBe(0);
  const { processHash } = JSON.parse(opened.stdout) as { processHash: string };
  expect(JSON.parse(opened.stdout)).toMatchObject({ action: "open", name: "stranger/intake", owner: ACCOUNTS.stranger });
  const shown = await integra(["workflow", processHash, "--json"]);
  expect(JSON.parse(shown.stdout)).toMatchObject({ processHash, open: true, owner: ACCOUNTS.stranger, members: [] });

  const twice = await integra(["workflow", "open", "stranger/intake", "--json"], { env });
  expect(twice.code).toBe(3);
  expect(JSON.parse(twice.stdout)).toEqual(JSON_ERROR("WorkflowAlreadyOpen"));

  const unknown = await integra(
    ["register", document("nowhere.txt"), "--party", `Buyer=${ACCOUNTS.buyer}`, "--workflow", `0x${"42".repeat(32)}`, "--json"],
    { env },
  );
  expect(unknown.code).toBe(3);
  expect(JSON.parse(unknown.stdout)).toEqual(JSON_ERROR("UnknownWorkflow"));
});

/** `integra status <hash> --json`'s record section. */
async function recordStatus(integraHash: string): Promise<Record<string, string>> {
  return (JSON.parse((await integra(["status", integraHash, "--json"])).stdout) as { record: Record<string, string> }).record;
}

test("executor accept: the executor offered on registration takes the role; only it, and once", async () => {
  const registered = await integra(
    ["register", document("deed-executor.txt"), "--party", `Buyer=${ACCOUNTS.buyer}`, "--workflow", "cli/executors"].concat([
      "--executor",
      ACCOUNTS.lender,
      "--json",
    ]),
    { env: { INTEGRA_PRIVATE_KEY: CLERK_KEY } },
  );
  expect(registered.code).toBe(0);
  const [{ integraHash }] = (JSON.parse(registered.stdout) as Registration).records;
  expect(await recordStatus(integraHash)).toMatchObject({ executor: zeroAddress, pendingExecutor: ACCOUNTS.lender });

  // Only the one offered can accept it.
  const other = await integra(["executor", "accept", integraHash, "--json"], { env: { INTEGRA_PRIVATE_KEY: STRANGER_KEY } });
  expect(other.code).toBe(3);
  expect(JSON.parse(other.stdout)).toEqual(JSON_ERROR("NotPendingExecutor"));
  const accepted = await integra(["executor", "accept", integraHash], { env: { INTEGRA_PRIVATE_KEY: LENDER_KEY } });
  expect(accepted.code).toBe(0);
  expect(accepted.stdout).toContain(`${ACCOUNTS.lender} is now the executor of ${integraHash}`);
  expect(await recordStatus(integraHash)).toMatchObject({ executor: ACCOUNTS.lender, pendingExecutor: zeroAddress });
  const again = await integra(["executor", "accept", integraHash, "--json"], { env: { INTEGRA_PRIVATE_KEY: LENDER_KEY } });
  expect(again.code).toBe(3);
  expect(JSON.parse(again.stdout)).toEqual(JSON_ERROR("NoPendingExecutor"));
  expect(again.stderr).toContain("Nobody is offered the executor role of this record");
});

test("accept --version: refused when the record changed after the buyer looked at it, accepted as it is now", async () => {
  const processHash = await openWorkflow("clerk", "cli/sales");
  const integraHash = await registerAgreement("clerk", keccak256(stringToHex(`cli/sale/${Date.now()}`)), processHash);
  await offerRecord("clerk", integraHash, "buyer", "sale");
  const seen = (await recordStatus(integraHash)).version;
  // After the buyer looked: the clerk reserves a token (a change of the record's state).
  await reserve("clerk", integraHash, 1n, "lender", processHash);
  const buyer = { INTEGRA_PRIVATE_KEY: ANVIL_KEYS[3] };
  const stale = await integra(["accept", integraHash, "--version", seen, "--json"], { env: buyer });
  expect(stale.code).toBe(3);
  expect(JSON.parse(stale.stdout)).toEqual(JSON_ERROR("RecordChangedSinceOffer"));
  expect(stale.stderr).toContain(`The record changed after you looked at it (version ${seen}, now ${Number(seen) + 1})`);
  const fresh = (await recordStatus(integraHash)).version;
  const ok = await integra(["accept", integraHash, "--version", fresh, "--json"], { env: buyer });
  expect(ok.code).toBe(0);
  expect(JSON.parse(ok.stdout)).toMatchObject({ integraHash, owner: ACCOUNTS.buyer, version: fresh });
  expect((await recordStatus(integraHash)).owner).toBe(ACCOUNTS.buyer);
});

test("every subcommand has --help", async () => {
  // Each command is a process of its own (a few seconds each on a busy machine).
  test.setTimeout(120_000);
  for (const command of ["status", "pending", "watch", "verify", "register", "claim", "workflow", "executor", "accept"]) {
    const run = await integra([command, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: integra ${command}`);
  }
});
