// The `integra` command line against the e2e chain (seeded with the demo): no browser, only child processes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ACCOUNTS } from "./anvil";
import { DEMO_ESCROW_AGENT, DEMO_PROCESS, DEMO_WORKFLOW_OWNER } from "./demo";
import { demo, expect, test } from "./fixtures";
import { ROOT, integra as run } from "./integra";
import { parseDocument } from "./jsonSchema";

const DEED_FILE = path.join(ROOT, "public", "demo", "deed-12-harbour-lane.txt");

/** `integra <args…>` against the e2e chain. */
const integra = (...args: string[]) => run(args);

const lower = (s: string) => s.toLowerCase();

test("status --json of the demo agreement: 2 of 3 tokens claimed, the lender's reserved, a pending payment, the escrow last", async () => {
  const run = await integra("status", demo.agreement, "--json");
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const status = parseDocument<{
    schemaVersion: number;
    integraHash: string;
    record: { tokenizerKind: string; owner: string };
    tokens: {
      claimed: number;
      total: number;
      sealed: boolean;
      complete: boolean;
      items: { tokenId: string; status: string; holder: string }[];
    };
    capabilities: { tokenId: string; recipient: string; capabilities: string[]; state: string }[];
    payments: { paymentId: string; status: string; payer: string; requestor: string }[];
    events: { event: string }[];
  }>("status", run.stdout);
  expect(status.schemaVersion).toBe(1);
  expect(lower(status.integraHash)).toBe(lower(demo.agreement));
  expect(status.record).toMatchObject({ tokenizerKind: "multiParty", owner: ACCOUNTS.clerk });
  expect(status.tokens).toMatchObject({ claimed: 2, total: 3, sealed: true, complete: false });
  expect(status.tokens.items.map((t) => [t.tokenId, t.status, t.holder])).toEqual([
    ["1", "claimed", ACCOUNTS.buyer],
    ["2", "claimed", ACCOUNTS.seller],
    ["3", "reserved", ACCOUNTS.lender],
  ]);
  expect(status.capabilities).toHaveLength(3);
  expect(status.capabilities.every((c) => c.state === "valid" && c.capabilities.includes("CLAIM"))).toBe(true);
  expect(status.payments).toEqual([
    expect.objectContaining({ paymentId: demo.paymentId.toString(), status: "pending", payer: ACCOUNTS.buyer, requestor: ACCOUNTS.seller }),
  ]);
  // The newest five: the demo escrow's opening and deposit came after the payment request.
  expect(status.events.map((e) => e.event).slice(0, 3)).toEqual(["EscrowFunded", "EscrowOpened", "PaymentRequested"]);
  expect(status.events).toHaveLength(5);
});

test("status in words says n of m claimed and names each holder by role", async () => {
  const run = await integra("status", demo.agreement);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("Tokens: 2 of 3 claimed");
  expect(run.stdout).toMatch(new RegExp(`#3 Lender\\s+reserved\\s+${ACCOUNTS.lender}`));
});

test("pending for the lender shows token 3 of the agreement claimable now", async () => {
  const run = await integra("pending", ACCOUNTS.lender, "--json");
  expect(run.code).toBe(0);
  const pending = parseDocument<{
    tokens: { integraHash: string; tokenId: string; status: string; claimable: boolean; reason: string }[];
  }>("pending", run.stdout);
  expect(pending.tokens).toHaveLength(1);
  expect(lower(pending.tokens[0].integraHash)).toBe(lower(demo.agreement));
  expect(pending.tokens[0]).toMatchObject({ tokenId: "3", status: "reserved", claimable: true });

  const words = await integra("pending", ACCOUNTS.lender);
  expect(words.code).toBe(0);
  expect(words.stdout).toContain("1 claimable now");
});

test("pending for the buyer: the deed is claimable, the agreement's token already claimed", async () => {
  const run = await integra("pending", ACCOUNTS.buyer, "--json");
  expect(run.code).toBe(0);
  const { tokens } = parseDocument<{ tokens: { integraHash: string; state: string; claimable: boolean }[] }>("pending", run.stdout);
  const byRecord = new Map(tokens.map((t) => [lower(t.integraHash), t]));
  expect(byRecord.get(lower(demo.deed))).toMatchObject({ state: "claimable", claimable: true });
  expect(byRecord.get(lower(demo.agreement))).toMatchObject({ state: "claimed", claimable: false });
});

test("verify of the demo deed exits 0 and lists the record and its registrant", async () => {
  const run = await integra("verify", DEED_FILE);
  expect(run.code).toBe(0);
  expect(run.stderr).toContain("100%");
  expect(run.stdout).toContain("Registered: 1 record");
  expect(lower(run.stdout)).toContain(lower(demo.deed));
  expect(run.stdout).toContain(ACCOUNTS.clerk);
  // The clerk registered it into the title company's workflow, as a member the title company admitted.
  expect(run.stdout).toMatch(/member of 0x3C44…93BC's workflow/);

  const json = await integra("verify", DEED_FILE, "--json");
  expect(json.code).toBe(0);
  const result = parseDocument<{
    registered: boolean;
    records: { integraHash: string; registrant: string; processHash: string; workflowOwner: string }[];
  }>("verify", json.stdout);
  expect(result.registered).toBe(true);
  expect(result.records.map((r) => [lower(r.integraHash), r.registrant, r.processHash, r.workflowOwner])).toEqual([
    [lower(demo.deed), ACCOUNTS.clerk, DEMO_PROCESS, DEMO_WORKFLOW_OWNER],
  ]);
});

test("verify of an unregistered file exits 1", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "integra-cli-"));
  try {
    const file = path.join(dir, "never-registered.txt");
    writeFileSync(file, `not registered ${Date.now()}\n`);
    const run = await integra("verify", file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Not registered");

    const json = await integra("verify", file, "--json");
    expect(json.code).toBe(1);
    expect(parseDocument("verify", json.stdout)).toMatchObject({ registered: false, records: [] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("bad input exits 2 and an unknown record 3, each with a specific message on stderr", async () => {
  const hash = await integra("status", "0x1234");
  expect(hash.code).toBe(2);
  expect(hash.stderr).toContain('Not a record hash: "0x1234"');
  expect(hash.stdout).toBe("");

  const unknown = await integra("status", `0x${"ab".repeat(32)}`);
  expect(unknown.code).toBe(3);
  expect(unknown.stderr).toContain("No such record on this chain");

  const address = await integra("pending", "0xnot-an-address");
  expect(address.code).toBe(2);
  expect(address.stderr).toContain("Not an address");

  const missing = await integra("verify", path.join(ROOT, "no-such-file.txt"));
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("No such file");

  // With --json, each is also the error document on stdout.
  const badJson = await integra("status", "0x1234", "--json");
  expect(badJson.code).toBe(2);
  expect(parseDocument("error", badJson.stdout)).toEqual({
    schemaVersion: 1,
    error: { code: "InvalidInput", message: expect.stringContaining('Not a record hash: "0x1234"'), retry: false },
  });
  const unknownJson = await integra("status", `0x${"ab".repeat(32)}`, "--json");
  expect(unknownJson.code).toBe(3);
  expect(parseDocument("error", unknownJson.stdout)).toMatchObject({ error: { code: "RecordNotFound", retry: false } });
});

test("an unreachable RPC exits 4 (try later) and says so", async () => {
  const unreachable = await run(["status", demo.agreement], { rpc: "http://127.0.0.1:9" });
  expect(unreachable.code).toBe(4);
  expect(unreachable.stderr).toContain("Cannot reach the RPC at http://127.0.0.1:9");

  const json = await run(["status", demo.agreement, "--json"], { rpc: "http://127.0.0.1:9" });
  expect(json.code).toBe(4);
  expect(parseDocument("error", json.stdout)).toMatchObject({ error: { code: "RpcUnreachable", retry: true } });
});

test("workflow shows the demo workflow's owner and its members, by name and owner or by hash", async () => {
  const run = await integra("workflow", "closing/12-harbour-lane", "--owner", DEMO_WORKFLOW_OWNER, "--json");
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(parseDocument("workflow", run.stdout)).toEqual({
    schemaVersion: 1,
    processHash: DEMO_PROCESS,
    name: "closing/12-harbour-lane",
    open: true,
    owner: DEMO_WORKFLOW_OWNER,
    members: [ACCOUNTS.clerk, DEMO_ESCROW_AGENT],
  });

  const words = await integra("workflow", DEMO_PROCESS);
  expect(words.code).toBe(0);
  expect(words.stdout).toMatch(new RegExp(`owner:\\s+${DEMO_WORKFLOW_OWNER}`));
  expect(words.stdout).toContain("members: 2");
  expect(words.stdout).toContain(ACCOUNTS.clerk);
  expect(words.stdout).toContain(DEMO_ESCROW_AGENT);

  // The same name under another owner is another workflow, and nobody opened it.
  const other = await integra("workflow", "closing/12-harbour-lane", "--owner", ACCOUNTS.stranger, "--json");
  expect(other.code).toBe(0);
  const unopened = parseDocument<{ processHash: string }>("workflow", other.stdout);
  expect(unopened).toMatchObject({ open: false, members: [] });
  expect(unopened.processHash).not.toBe(DEMO_PROCESS);

  // A name alone is not a workflow: workflows are namespaced by their owner.
  const nameless = await integra("workflow", "closing/12-harbour-lane", "--json");
  expect(nameless.code).toBe(2);
  expect(nameless.stderr).toContain('Name the owner of workflow "closing/12-harbour-lane" with --owner ADDRESS');
  expect(parseDocument("error", nameless.stdout)).toEqual({
    schemaVersion: 1,
    error: { code: "InvalidInput", message: expect.stringContaining("--owner ADDRESS"), retry: false },
  });
});
