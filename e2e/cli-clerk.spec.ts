// Every party's role from the command line, against the e2e chain and the app's relayer (scripts/e2e.ts starts both):
// the clerk registers and makes deeds claimable in one run, each party claims all of its tokens in one gasless
// forwarded batch, registering again is a no-op or a refusal, a revoked attestation stops a claim, a record's tokens
// are managed one by one and it changes hands, and a payment request is paid and another cancelled.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Address, type Hex, keccak256, stringToHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { ANVIL_KEYS } from "@/scripts/stack/chains";
import { ACCOUNTS } from "./anvil";
import { balanceOf, nonceOf, openWorkflow, registerAgreement } from "./chain";
import { expect, test } from "./fixtures";
import type { JsonKind } from "../cli/schemaVersions";
import { type Run, integra } from "./integra";
import { parseDocument } from "./jsonSchema";

const CLERK_KEY = ANVIL_KEYS[1];
const RELAYER = "http://localhost:3000";

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "integra-clerk-"));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file with content no other test registers. */
function document(name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${name}\n${Date.now()} ${Math.random()}\n`);
  return file;
}

/** A party's ephemeral wallet: a fresh key holding no ether. */
function freshParty() {
  const key = generatePrivateKey();
  return { key, address: privateKeyToAccount(key).address };
}

/** Runs integra, expecting exit code 0, and parses its --json document, checked against its published schema. */
async function json<T>(kind: JsonKind, args: string[], env: Record<string, string> = {}): Promise<T> {
  const run = await integra([...args, "--json"], { env });
  expect(run.code, `integra ${args.join(" ")}\n${run.stderr}`).toBe(0);
  return parseDocument<T>(kind, run.stdout);
}

/** The --json error of a refused command (its exit code is not 0). */
function errorOf(run: Run): { code: string; message: string; retry: boolean } {
  expect(run.code, run.stderr).not.toBe(0);
  expect(run.stdout, `exit ${run.code}, stderr: ${run.stderr}`).not.toBe("");
  return parseDocument<{ error: { code: string; message: string; retry: boolean } }>("error", run.stdout).error;
}

interface Registered {
  records: {
    file: string;
    status: string;
    integraHash: Hex;
    tokens: { tokenId: string; role: string; recipient: string; status: string }[];
    attestations?: { tokenId: string; recipient: string; uid: Hex }[];
  }[];
}

interface Pending {
  tokens: { integraHash: Hex; tokenId: string; claimable: boolean; state: string; reason: string }[];
}

interface ClaimedAll {
  paidBy: string;
  batched: boolean;
  transactions: Hex[];
  claimed: { integraHash: Hex; tokenId: string; transactionHash: Hex }[];
  failed: { integraHash: Hex; tokenId: string; reason: string }[];
  skipped: { integraHash: Hex; tokenId: string; reason: string }[];
}

interface Status {
  record: { owner: string; pendingOwner: string };
  tokens: {
    total: number;
    claimed: number;
    sealed: boolean;
    complete: boolean;
    items: { tokenId: string; role: string; status: string; holder: string }[];
  };
  capabilities: { uid: Hex; tokenId: string; state: string }[];
  payments: { paymentId: string; status: string }[];
}

const status = (integraHash: Hex) => json<Status>("status", ["status", integraHash]);

test("a clerk makes two deeds claimable in one run; each party claims both gaslessly in one batch; running it again changes nothing", async () => {
  // Each command is a process of its own (a few seconds each on a busy machine).
  test.setTimeout(240_000);
  const [buyer, seller] = [freshParty(), freshParty()];
  const clerk = { INTEGRA_PRIVATE_KEY: CLERK_KEY };
  const files = [document("deed-1-quay-street.txt"), document("deed-2-quay-street.txt")];
  const parties = ["--party", `Buyer=${buyer.address}`, "--party", `Seller=${seller.address}`];
  const args = ["register", ...files, ...parties, "--workflow", "cli/quay-street", "--attest"];

  // A dry run first: the calls decoded, nothing signed or sent.
  const clerkNonce = await nonceOf(ACCOUNTS.clerk);
  const plan = await integra([...args, "--dry-run"], { env: clerk });
  expect(plan.code, plan.stderr).toBe(0);
  expect(plan.stdout).toContain("Dry run: nothing is signed or sent.");
  expect(plan.stdout).toContain("IntegraRecordV1.multicall(…)");
  expect(plan.stdout).toMatch(new RegExp(`registerWithParties\\(.*role: "Buyer".*role: "Seller"`));
  expect(plan.stdout).toContain(`grants CLAIM on token #2 of`);
  const planned = await json<{ dryRun: boolean; records: { status: string; integraHash: Hex; calls: { functionName: string }[] }[] }>(
    "register-dry-run",
    [...args, "--dry-run"],
    clerk,
  );
  expect(planned.records.map((r) => [r.status, r.calls.map((c) => c.functionName)])).toEqual([
    ["would register", ["multicall", "multiAttest"]],
    ["would register", ["registerWithParties", "multiAttest"]],
  ]);
  expect(await nonceOf(ACCOUNTS.clerk)).toBe(clerkNonce);

  const registered = await json<Registered>("register", args, clerk);
  // The dry run named the records the registry would make.
  expect(registered.records.map((r) => r.integraHash)).toEqual(planned.records.map((r) => r.integraHash));
  for (const record of registered.records) {
    expect(record.status).toBe("registered");
    expect(record.tokens.map((t) => [t.tokenId, t.role, t.recipient])).toEqual([
      ["1", "Buyer", buyer.address],
      ["2", "Seller", seller.address],
    ]);
    expect(record.attestations?.map((a) => [a.tokenId, a.recipient])).toEqual([
      ["1", buyer.address],
      ["2", seller.address],
    ]);
  }
  const hashes = registered.records.map((r) => r.integraHash);

  // The seller's software claims only this workflow's tokens (--workflow), the buyer's all of them.
  const thisWorkflow = ["--workflow", "cli/quay-street", "--workflow-owner", ACCOUNTS.clerk];
  for (const [party, only] of [
    [buyer, []],
    [seller, thisWorkflow],
  ] as const) {
    const pending = await json<Pending>("pending", ["pending", party.address]);
    expect(pending.tokens.map((t) => [t.integraHash, t.claimable])).toEqual(expect.arrayContaining(hashes.map((h) => [h, true])));
    const claimed = await json<ClaimedAll>("claim-all", ["claim", "--all", ...only, "--relayer", RELAYER, "--wait"], {
      INTEGRA_PRIVATE_KEY: party.key,
    });
    // Both of the party's tokens, in one forwarded batch: one transaction, paid by the relayer.
    expect(claimed).toMatchObject({ paidBy: "relayer", batched: true, failed: [], skipped: [] });
    expect(claimed.transactions).toHaveLength(1);
    expect(claimed.claimed.map((c) => c.integraHash).sort()).toEqual([...hashes].sort());
    expect(await balanceOf(party.address as Address)).toBe(0n);
  }
  for (const integraHash of hashes) {
    expect((await status(integraHash)).tokens).toMatchObject({ total: 2, claimed: 2, sealed: true, complete: true });
  }

  // The same files and parties again: nothing is sent, and the tokens are listed as they are now.
  const again = await json<Registered>("register", args, clerk);
  expect(again.records.map((r) => [r.status, r.integraHash])).toEqual(hashes.map((h) => ["already registered", h]));
  expect(again.records[0].tokens.map((t) => [t.tokenId, t.role, t.status])).toEqual([
    ["1", "Buyer", "claimed"],
    ["2", "Seller", "claimed"],
  ]);
  expect(again.records[0].attestations).toEqual([]);
  const nonceAfter = await nonceOf(ACCOUNTS.clerk);

  // Other parties for the same files: refused, saying what differs, before anything is sent.
  const lender = freshParty();
  const differs = await integra(
    [
      "register",
      ...files,
      "--party",
      `Buyer=${buyer.address}`,
      "--party",
      `Lender=${lender.address}`,
      "--workflow",
      "cli/quay-street",
      "--json",
    ],
    { env: clerk },
  );
  const error = errorOf(differs);
  expect(error).toMatchObject({ code: "PartiesDiffer", retry: false });
  expect(error.message).toContain(`token #2: asked for Lender=${lender.address}, the record has Seller=${seller.address}`);
  expect(differs.stderr).toContain("Nothing was sent.");
  expect(await nonceOf(ACCOUNTS.clerk)).toBe(nonceAfter);
});

test("a revoked attestation makes a pending claim unclaimable, with the reason; a new one makes it claimable again", async () => {
  test.setTimeout(180_000);
  const party = freshParty();
  const clerk = { INTEGRA_PRIVATE_KEY: CLERK_KEY };
  const registered = await json<Registered>(
    "register",
    ["register", document("deed-revoked.txt"), "--party", `Buyer=${party.address}`, "--workflow", "cli/revocations", "--attest"],
    clerk,
  );
  const [{ integraHash, attestations }] = registered.records;
  const uid = attestations?.[0].uid as Hex;

  const revoked = await json<{ uid: Hex; integraHash: Hex; tokenId: string; capabilities: string[] }>("revoke", ["revoke", uid], clerk);
  expect(revoked).toMatchObject({ uid, integraHash, tokenId: "1", capabilities: ["CLAIM"] });
  const pending = await json<Pending>("pending", ["pending", party.address]);
  expect(pending.tokens.find((t) => t.integraHash === integraHash)).toMatchObject({
    claimable: false,
    reason: expect.stringMatching(/^Revoked on /),
  });

  const partyEnv = { INTEGRA_PRIVATE_KEY: party.key };
  const none = await json<ClaimedAll>("claim-all", ["claim", "--all", "--relayer", RELAYER], partyEnv);
  expect(none).toMatchObject({ paidBy: "nobody", claimed: [], transactions: [] });
  expect(none.skipped).toEqual([expect.objectContaining({ integraHash, tokenId: "1", reason: expect.stringMatching(/^Revoked on /) })]);
  const one = errorOf(await integra(["claim", "--record", integraHash, "--token", "1", "--relayer", RELAYER, "--json"], { env: partyEnv }));
  expect(one).toMatchObject({ code: "CannotClaim", retry: false });

  // Only its attester revokes; twice is refused in words.
  const twice = errorOf(await integra(["revoke", uid, "--json"], { env: clerk }));
  expect(twice.code).toBe("AlreadyRevoked");

  const reissued = await json<{ attestations: { tokenId: string; recipient: string }[] }>(
    "attest",
    ["attest", integraHash, "--all"],
    clerk,
  );
  expect(reissued.attestations).toEqual([expect.objectContaining({ tokenId: "1", recipient: party.address, capabilities: ["CLAIM"] })]);
  const claimed = await json<ClaimedAll>("claim-all", ["claim", "--all", "--relayer", RELAYER], partyEnv);
  expect(claimed.claimed).toEqual([expect.objectContaining({ integraHash, tokenId: "1" })]);
});

test("the clerk reserves, cancels, reserves again, seals and attests a record token by token, then hands the record on", async () => {
  test.setTimeout(180_000);
  const clerk = { INTEGRA_PRIVATE_KEY: CLERK_KEY };
  const processHash = await openWorkflow("clerk", "cli/one-by-one");
  const integraHash = await registerAgreement("clerk", keccak256(stringToHex(`cli/one-by-one/${Date.now()}`)), processHash);

  expect(await json("reserve", ["reserve", integraHash, "--party", `Buyer=${ACCOUNTS.buyer}`], clerk)).toMatchObject({
    tokenId: "1",
    role: "Buyer",
  });
  expect(await json("reserve", ["reserve", integraHash, "--party", `Seller=${ACCOUNTS.seller}`], clerk)).toMatchObject({ tokenId: "2" });
  expect(await json("cancel", ["cancel", integraHash, "--token", "2"], clerk)).toMatchObject({ tokenId: "2" });
  expect(await json("reserve", ["reserve", integraHash, "--token", "2", "--party", `Lender=${ACCOUNTS.lender}`], clerk)).toMatchObject({
    tokenId: "2",
    recipient: ACCOUNTS.lender,
  });
  expect(await json("seal", ["seal", integraHash], clerk)).toMatchObject({ parties: 2 });
  // Sealed: no new party, said in the contract's words.
  const sealed = errorOf(await integra(["reserve", integraHash, "--party", `Extra=${ACCOUNTS.partyA}`, "--json"], { env: clerk }));
  expect(sealed.code).toBe("PartiesAlreadySealed");
  // Only the owner or executor attests.
  const stranger = errorOf(
    await integra(["attest", integraHash, "--token", "1", "--json"], { env: { INTEGRA_PRIVATE_KEY: ANVIL_KEYS[9] } }),
  );
  expect(stranger.code).toBe("AttesterNotOwnerOrExecutor");
  const attested = await json<{ attestations: { tokenId: string; recipient: string }[] }>(
    "attest",
    ["attest", integraHash, "--token", "2", "--expires", "30d"],
    clerk,
  );
  expect(attested.attestations).toEqual([expect.objectContaining({ tokenId: "2", recipient: ACCOUNTS.lender })]);
  const rest = await json<{ attestations: { tokenId: string }[] }>("attest", ["attest", integraHash, "--all"], clerk);
  expect(rest.attestations.map((a) => a.tokenId)).toEqual(["1"]);
  expect((await status(integraHash)).tokens.items.map((t) => [t.tokenId, t.role, t.holder])).toEqual([
    ["1", "Buyer", ACCOUNTS.buyer],
    ["2", "Lender", ACCOUNTS.lender],
  ]);

  expect(
    await json(
      "offer-ownership",
      ["offer-ownership", integraHash, ACCOUNTS.titleCompany, "--reason", "closing handed to the title company"],
      clerk,
    ),
  ).toMatchObject({
    newOwner: ACCOUNTS.titleCompany,
  });
  expect((await status(integraHash)).record.pendingOwner).toBe(ACCOUNTS.titleCompany);
  const accepted = await json("accept", ["accept-ownership", integraHash], { INTEGRA_PRIVATE_KEY: ANVIL_KEYS[2] });
  expect(accepted).toMatchObject({ integraHash, owner: ACCOUNTS.titleCompany });
  expect((await status(integraHash)).record.owner).toBe(ACCOUNTS.titleCompany);
  // The clerk's attestations died with its ownership: the new owner issues its own.
  expect((await json<Pending>("pending", ["pending", ACCOUNTS.lender])).tokens.find((t) => t.integraHash === integraHash)).toMatchObject({
    claimable: false,
  });
});

test("payments: a party requests one gaslessly (amount encrypted), the payer marks it paid; another is cancelled", async () => {
  test.setTimeout(180_000);
  const [requestor, payer] = [freshParty(), freshParty()];
  const registered = await json<Registered>(
    "register",
    [
      "register",
      document("escrow-instructions.txt"),
      "--party",
      `Seller=${requestor.address}`,
      "--party",
      `Buyer=${payer.address}`,
      "--workflow",
      "cli/payments",
      "--attest",
    ],
    { INTEGRA_PRIVATE_KEY: CLERK_KEY },
  );
  const [{ integraHash }] = registered.records;
  for (const party of [requestor, payer])
    await json("claim-all", ["claim", "--all", "--relayer", RELAYER], { INTEGRA_PRIVATE_KEY: party.key });

  const asRequestor = { INTEGRA_PRIVATE_KEY: requestor.key, INTEGRA_PAYMENT_PASSPHRASE: "quay-escrow" };
  const request = ["payment", "request", integraHash, "--token", "1", "--payer-token", "2", "--amount", "25,000 USD", "--relayer", RELAYER];
  const first = await json<{ paymentId: string; payer: string; gasless: boolean }>(
    "payment",
    [...request, "--memo", "Earnest money"],
    asRequestor,
  );
  expect(first).toMatchObject({ payer: payer.address, gasless: true });
  const paid = await json("payment", ["payment", "mark-paid", first.paymentId, "--relayer", RELAYER], { INTEGRA_PRIVATE_KEY: payer.key });
  expect(paid).toMatchObject({ action: "mark-paid", paymentId: first.paymentId });
  const twice = errorOf(await integra(["payment", "mark-paid", first.paymentId, "--json"], { env: { INTEGRA_PRIVATE_KEY: payer.key } }));
  expect(twice.code).toBe("PaymentNotPending");

  const second = await json<{ paymentId: string }>("payment", [...request, "--deadline", "2d"], asRequestor);
  // Only the payer marks paid, only the requestor cancels: in the contract's words.
  const notPayer = errorOf(
    await integra(["payment", "mark-paid", second.paymentId, "--json"], { env: { INTEGRA_PRIVATE_KEY: CLERK_KEY } }),
  );
  expect(notPayer.code).toBe("NotPayer");
  expect(await json("payment", ["payment", "cancel", second.paymentId, "--relayer", RELAYER], asRequestor)).toMatchObject({
    action: "cancel",
  });
  const payments = (await status(integraHash)).payments;
  expect(Object.fromEntries(payments.map((p) => [p.paymentId, p.status]))).toEqual({
    [first.paymentId]: "paid",
    [second.paymentId]: "cancelled",
  });
  for (const party of [requestor, payer]) expect(await balanceOf(party.address)).toBe(0n);
});

test("more claims than the relayer takes from one wallet a minute: a batch at a time, the limit waited out with --wait", async () => {
  test.setTimeout(300_000);
  const party = freshParty();
  // Three deeds, the party holding two tokens of each: six claims.
  const files = ["six-a.txt", "six-b.txt", "six-c.txt"].map(document);
  const twice = ["--party", `Buyer=${party.address}`, "--party", `Guarantor=${party.address}`];
  const registered = await json<Registered>("register", ["register", ...files, ...twice, "--workflow", "cli/many-tokens", "--attest"], {
    INTEGRA_PRIVATE_KEY: CLERK_KEY,
  });
  const hashes = registered.records.map((r) => r.integraHash);
  const partyEnv = { INTEGRA_PRIVATE_KEY: party.key };

  // A batch holds one token of each record (a claim's gas depends on the record's other claims), so: token #1 of
  // the three deeds in one transaction; then the relayer, which takes 5 requests a minute from one wallet (its
  // default), refuses the next three for now, saying what was claimed, that it may pass later, and when.
  const limited = await integra(["claim", "--all", "--relayer", RELAYER, "--json"], { env: partyEnv });
  expect(limited.code, limited.stderr).not.toBe(0);
  const error = parseDocument<{ error: { code: string; message: string; retry: boolean; retryAfter?: number } }>(
    "error",
    limited.stdout,
  ).error;
  expect(error).toMatchObject({ code: "RelayRefused", retry: true });
  expect(error.message).toMatch(/^Claimed 3 of 6 tokens \(in 0x[0-9a-f]{64}\); the rest were not sent: This wallet has sent 5 requests/);
  expect(error.retryAfter).toBeGreaterThan(0);
  for (const integraHash of hashes) expect((await status(integraHash)).tokens).toMatchObject({ claimed: 1, complete: false });

  // --wait: the same command waits as long as the relayer asks, and claims the rest, in one batch again.
  const run = await integra(["claim", "--all", "--relayer", RELAYER, "--wait", "--json"], { env: partyEnv, timeoutMs: 180_000 });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toMatch(/The relayer asks to wait \d+ s/);
  const rest = parseDocument<ClaimedAll>("claim-all", run.stdout);
  expect(rest.transactions).toHaveLength(1);
  expect(rest.claimed.map((c) => c.tokenId)).toEqual(["2", "2", "2"]);
  for (const integraHash of hashes) expect((await status(integraHash)).tokens).toMatchObject({ claimed: 2, complete: true });
  expect(await balanceOf(party.address)).toBe(0n);
});

test("every new command has --help", async () => {
  test.setTimeout(120_000);
  for (const command of ["attest", "revoke", "reserve", "seal", "cancel", "offer-ownership", "accept-ownership", "payment"]) {
    const run = await integra([command, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: integra ${command}`);
  }
});
