// `integra watch` against the e2e chain: new events, reorgs, restarts from a cursor, an RPC outage, --exec and --webhook.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { ANVIL_KEYS } from "@/scripts/stack/chains";
import { startRpcProxy } from "@/scripts/stack/rpcProxy.ts";
import { ACCOUNTS, RPC_URL, testChain } from "./anvil";
import { DEMO_PROCESS, DEMO_WORKFLOW_OWNER } from "./demo";
import { arrangeAgreement, claim } from "./chain";
import { expect, test } from "./fixtures";
import { type RunningIntegra, integra, startIntegra } from "./integra";

interface WatchLine {
  type: "event" | "retracted";
  event: string;
  integraHash: string;
  blockNumber: string;
  transactionHash: string;
  logIndex: number;
  args: Record<string, string>;
}

const parse = (line: string) => JSON.parse(line) as WatchLine;
const isEvent =
  (name: string, type: WatchLine["type"] = "event") =>
  (line: string) => {
    const parsed = parse(line);
    return parsed.event === name && parsed.type === type;
  };

let dir: string;
let running: RunningIntegra[] = [];
test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "integra-watch-"));
  running = [];
});
test.afterEach(async () => {
  await Promise.all(running.map((r) => r.stop("SIGKILL")));
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a watch and waits until it has fixed its first block, so every later transaction is after it. */
async function watch(args: string[], rpc?: string): Promise<RunningIntegra> {
  const run = startIntegra(["watch", "--interval", "200", ...args], { rpc });
  running.push(run);
  await run.waitForStderr("watching from block");
  return run;
}

test("watch --record prints a claim and the completion it causes, in the block they were mined in", async () => {
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-new", ["buyer", "seller"]);
  const run = await watch(["--record", integraHash]);
  await claim("buyer", integraHash, 1n, uids[0], processHash);
  const minedIn = await testChain.getBlockNumber();

  const claimed = parse(await run.waitForLine(isEvent("TokenClaimed")));
  // Seen before the chain moved on: within the block that carried it.
  expect(await testChain.getBlockNumber()).toBe(minedIn);
  expect(claimed).toMatchObject({ type: "event", integraHash, blockNumber: minedIn.toString() });
  expect(claimed.args).toMatchObject({ tokenId: "1", claimant: "0x90F79bf6EB2c4f870365E785982E1f101E93b906" });

  await claim("seller", integraHash, 2n, uids[1], processHash);
  await run.waitForLine(isEvent("DocumentComplete"));
  expect(run.lines.map((l) => parse(l).event)).toEqual(["TokenClaimed", "TokenClaimed", "DocumentComplete"]);
  expect(await run.stop()).toBe(0);
});

test("a reorg that removes a printed event prints it again as retracted, once", async () => {
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-reorg", ["buyer", "seller"]);
  const run = await watch(["--record", integraHash]);
  await claim("buyer", integraHash, 1n, uids[0], processHash);
  const claimed = parse(await run.waitForLine(isEvent("TokenClaimed")));

  await testChain.request({ method: "anvil_reorg", params: [1, []] } as never);
  const retracted = parse(await run.waitForLine(isEvent("TokenClaimed", "retracted")));
  expect(retracted.transactionHash).toBe(claimed.transactionHash);
  expect(retracted.blockNumber).toBe(claimed.blockNumber);

  // Polls go on after the reorg; nothing is printed twice.
  await new Promise((r) => setTimeout(r, 1000));
  expect(run.lines.map((l) => `${parse(l).type} ${parse(l).event}`)).toEqual(["event TokenClaimed", "retracted TokenClaimed"]);
});

test("stopped and restarted with --cursor, watch prints what happened meanwhile: no duplicate, no gap", async () => {
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-cursor", ["buyer", "seller", "lender"]);
  const cursor = path.join(dir, "cursor.json");
  const first = await watch(["--record", integraHash, "--cursor", cursor]);
  await claim("buyer", integraHash, 1n, uids[0], processHash);
  await first.waitForLine(isEvent("TokenClaimed"));
  expect(await first.stop("SIGINT")).toBe(0);

  // While it is down: two claims, the second completing the agreement.
  await claim("seller", integraHash, 2n, uids[1], processHash);
  await claim("lender", integraHash, 3n, uids[2], processHash);

  const second = await watch(["--record", integraHash, "--cursor", cursor]);
  expect(second.stderr()).toContain(`resumed from ${cursor}`);
  await second.waitForLine(isEvent("DocumentComplete"));
  await new Promise((r) => setTimeout(r, 800));
  const seen = second.lines.map(parse).map((l) => `${l.event} ${l.args.tokenId ?? ""}`.trim());
  expect(seen).toEqual(["TokenClaimed 2", "TokenClaimed 3", "DocumentComplete"]);
  expect(await second.stop("SIGTERM")).toBe(0);
});

test("an RPC outage is waited out: retries on stderr, then the events of the outage", async () => {
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-outage", ["buyer", "seller"]);
  // A proxy of its own (not the app's), so the outage is this watcher's alone.
  const proxy = await startRpcProxy({ target: RPC_URL });
  try {
    const run = await watch(["--record", integraHash], proxy.url);
    proxy.setFaults({ mode: "down" });
    await claim("buyer", integraHash, 1n, uids[0], processHash);
    await run.waitForStderr("retrying in");
    expect(run.lines).toEqual([]);
    proxy.setFaults({ mode: "pass" });
    const claimed = parse(await run.waitForLine(isEvent("TokenClaimed"), 40_000));
    expect(claimed.args.tokenId).toBe("1");
  } finally {
    await proxy.stop();
  }
});

test("--exec runs a command for each event: a court system acts when the agreement completes", async () => {
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-court", ["buyer", "seller"]);
  const log = path.join(dir, "completed.txt");
  // The workflow by its name and owner, as the court's system knows it (arrangeAgreement's: the clerk's "e2e/<label>").
  const run = await watch([
    "--workflow",
    "e2e/watch-court",
    "--workflow-owner",
    ACCOUNTS.clerk,
    "--exec",
    `if [ "$INTEGRA_EVENT_NAME" = DocumentComplete ]; then echo "$INTEGRA_HASH $INTEGRA_BLOCK" >> ${log}; fi`,
  ]);
  await claim("buyer", integraHash, 1n, uids[0], processHash);
  await claim("seller", integraHash, 2n, uids[1], processHash);
  const complete = parse(await run.waitForLine(isEvent("DocumentComplete")));
  // The command runs after the event line is printed, so the file may not exist yet on the first look.
  await expect
    .poll(() => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []))
    .toEqual([`${integraHash} ${complete.blockNumber}`]);
});

test("--webhook POSTs each event and retries with backoff until the receiver accepts it", async () => {
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-webhook", ["buyer", "seller"]);
  const received: string[] = [];
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (c: Buffer) => (body += c.toString()));
    request.on("end", () => {
      received.push(body);
      // The first two deliveries fail, as a receiver that is restarting would.
      response.writeHead(received.length <= 2 ? 503 : 204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/integra`;
    const run = await watch(["--record", integraHash, "--webhook", url]);
    await claim("buyer", integraHash, 1n, uids[0], processHash);
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(3);
    expect(new Set(received).size).toBe(1);
    expect(parse(received[0])).toMatchObject({ event: "TokenClaimed", integraHash });
    expect(run.stderr()).toContain("answered 503; retry 2");
    expect(run.lines).toHaveLength(1);
  } finally {
    receiver.close();
  }
});

test("watch --workflow prints the workflow's membership events and its new member's record, and no record outside it", async () => {
  const run = await watch(["--workflow", "closing/12-harbour-lane", "--workflow-owner", DEMO_WORKFLOW_OWNER]);
  const owner = { INTEGRA_PRIVATE_KEY: ANVIL_KEYS[2] };
  const member = { INTEGRA_PRIVATE_KEY: ANVIL_KEYS[9] };
  expect((await integra(["workflow", "admit", DEMO_PROCESS, ACCOUNTS.stranger], { env: owner })).code).toBe(0);
  const file = path.join(dir, "escrow-addendum.txt");
  writeFileSync(file, `escrow addendum ${Date.now()}\n`);
  // Outside the workflow first: the clerk's own workflow, which this watch does not see.
  const elsewhere = await integra(["register", file, "--party", `Buyer=${ACCOUNTS.buyer}`, "--workflow", "clerk/other"], {
    env: { INTEGRA_PRIVATE_KEY: ANVIL_KEYS[1] },
  });
  expect(elsewhere.code).toBe(0);
  const registered = await integra(
    [
      "register",
      file,
      "--party",
      `Buyer=${ACCOUNTS.buyer}`,
      "--workflow",
      "closing/12-harbour-lane",
      "--workflow-owner",
      DEMO_WORKFLOW_OWNER,
      "--json",
    ],
    { env: member },
  );
  expect(registered.code).toBe(0);
  const [{ integraHash }] = (JSON.parse(registered.stdout) as { records: { integraHash: string }[] }).records;
  await run.waitForLine(isEvent("PartiesSealed"));

  const lines = run.lines.map(parse);
  expect(lines.map((l) => l.event)).toEqual([
    "WorkflowMemberAdmitted",
    "RecordRegistered",
    "OwnershipTransferred",
    "TokenReserved",
    "PartiesSealed",
  ]);
  expect(lines[0]).toMatchObject({ integraHash: `0x${"00".repeat(32)}`, args: { member: ACCOUNTS.stranger } });
  expect(lines.slice(1).every((l) => l.integraHash === integraHash)).toBe(true);
  expect(lines[1].args).toMatchObject({ owner: ACCOUNTS.stranger });
  expect(await run.stop()).toBe(0);
});

test("watch refuses bad input with one line and exit code 2", async () => {
  const cases: [string[], string][] = [
    [["--record", "0x12"], 'Not a record hash: "0x12"'],
    [["--record", `0x${"cd".repeat(32)}`], "No such record on this chain"],
    [["--recipient", "0xnope"], 'Not an address: "0xnope"'],
    [["--record", `0x${"cd".repeat(32)}`, "--workflow", "w"], "Give exactly one of --record H, --workflow W, --recipient A"],
    [["--workflow", "w", "--from-block", "soon"], '--from-block must be a block number; got "soon"'],
    [["--workflow", "closing/12-harbour-lane"], 'Name the owner of workflow "closing/12-harbour-lane" with --workflow-owner ADDRESS'],
    [["--workflow", `0x${"00".repeat(32)}`], "The zero processHash is not a workflow"],
    [["--record", `0x${"cd".repeat(32)}`, "--workflow-owner", ACCOUNTS.clerk], "--workflow-owner goes with --workflow NAME"],
  ];
  for (const [args, message] of cases) {
    const run = await integra(["watch", ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  }
});
