// `integra watch` against the e2e chain: new events, reorgs, restarts from a cursor, an RPC outage, --exec and --webhook.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { type IncomingHttpHeaders, createServer } from "node:http";
import { type AddressInfo, createServer as createTcpServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { EXIT } from "@/cli/errors";
import { signWebhook, verifyWebhookSignature } from "@/lib/sdk/webhookSignature";
import { ANVIL_KEYS } from "@/scripts/stack/chains";
import { startRpcProxy } from "@/scripts/stack/rpcProxy.ts";
import { ACCOUNTS, RPC_URL, testChain } from "./anvil";
import { DEMO_PROCESS, DEMO_WORKFLOW_OWNER } from "./demo";
import { arrangeAgreement, attestClaim, claim } from "./chain";
import { demo, expect, test } from "./fixtures";
import { ROOT, type RunningIntegra, integra, startIntegra } from "./integra";
import { parseDocument } from "./jsonSchema";

interface WatchLine {
  type: "event" | "retracted";
  event: string;
  integraHash: string;
  blockNumber: string;
  blockHash: string;
  transactionHash: string;
  logIndex: number;
  args: Record<string, string>;
}

interface SavedCursor {
  block: string;
  tail: { blockHash: string; logIndex: string }[];
}

/** An event line, checked against its published schema (cli/schemas/watch-event.schema.json). */
const parse = (line: string) => parseDocument<WatchLine>("watch-event", line);
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
async function watch(args: string[], rpc?: string, env?: Record<string, string>): Promise<RunningIntegra> {
  const run = startIntegra(["watch", "--interval", "200", ...args], { rpc, env });
  running.push(run);
  await run.waitForStderr("watching from block");
  return run;
}

/** A file's lines, none when it does not exist (yet). */
const linesOf = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter(Boolean) : []);

/** What a receiver deduplicates on: the log's place in its block. */
const deliveryOf = (line: WatchLine) => `${line.blockHash}:${line.logIndex}`;

/** Whether the cursor file (if any) says `line` was handed on: it is in the cursor's tail of delivered logs. */
function cursorCovers(file: string, line: WatchLine): boolean {
  if (!existsSync(file)) return false;
  const cursor = JSON.parse(readFileSync(file, "utf8")) as SavedCursor;
  return cursor.tail.some((log) => log.blockHash === line.blockHash && Number(log.logIndex) === line.logIndex);
}

/** Whether a process still runs (a zombie, dead but not yet reaped, does not). */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
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

/** An HTTP receiver of webhooks: what it was sent, and its answers (`answer` picks the status of delivery n, from 1). */
async function startReceiver(answer: (n: number) => number) {
  const received: { body: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (c: Buffer) => (body += c.toString()));
    request.on("end", () => {
      received.push({ body, headers: request.headers });
      response.writeHead(answer(received.length)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/integra`, close: () => server.close() };
}

test("--webhook signs each delivery and retries it with backoff, under the same delivery id, until the receiver accepts it", async () => {
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-webhook", ["buyer", "seller"]);
  const secret = "whsec_court_e2e";
  // The first two deliveries fail, as a receiver that is restarting would.
  const receiver = await startReceiver((n) => (n <= 2 ? 503 : 204));
  try {
    const run = await watch(["--record", integraHash, "--webhook", receiver.url, "--webhook-secret-env", "COURT_SECRET"], undefined, {
      COURT_SECRET: secret,
    });
    await claim("buyer", integraHash, 1n, uids[0], processHash);
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(3);
    const line = parse(run.lines[0]);
    expect(run.lines).toHaveLength(1);
    for (const { body, headers } of receiver.received) {
      expect(body).toBe(run.lines[0]);
      expect(verifyWebhookSignature(secret, headers["integra-signature"], body)).toBe(true);
      expect(verifyWebhookSignature("another secret", headers["integra-signature"], body)).toBe(false);
      expect(headers["integra-delivery"]).toBe(deliveryOf(line));
      expect(headers["integra-event"]).toBe("TokenClaimed");
    }
    expect(run.stderr()).toContain(`the webhook ${receiver.url} answered 503 for TokenClaimed in block ${line.blockNumber}; retry 2 in`);
    expect(run.stderr()).not.toContain("not signed");
  } finally {
    receiver.close();
  }
});

test("a failing --exec hook is retried: the event is handed on once it succeeds, and only then saved in the cursor", async () => {
  // Three parties: the second claim does not complete the agreement, so it is the only event after the first.
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-retry", ["buyer", "seller", "lender"]);
  const cursor = path.join(dir, "cursor.json");
  const attempts = path.join(dir, "attempts");
  const delivered = path.join(dir, "delivered");
  // Fails twice, then succeeds; each attempt keeps a copy of the cursor file as it stood while the hook ran.
  const hook =
    `n=$(( $(cat ${attempts} 2>/dev/null || echo 0) + 1 )); echo $n > ${attempts}; ` +
    `cp ${cursor} ${dir}/cursor-at-$n 2>/dev/null; ` +
    `if [ $n -lt 3 ]; then exit 1; fi; echo "$INTEGRA_DELIVERY" >> ${delivered}`;
  const run = await watch(["--record", integraHash, "--cursor", cursor, "--exec", hook]);
  await claim("buyer", integraHash, 1n, uids[0], processHash);
  const claimed = parse(await run.waitForLine(isEvent("TokenClaimed")));

  await expect.poll(() => linesOf(delivered), { timeout: 20_000 }).toEqual([deliveryOf(claimed)]);
  expect(linesOf(attempts)).toEqual(["3"]);
  for (const n of [1, 2, 3]) expect(cursorCovers(path.join(dir, `cursor-at-${n}`), claimed), `cursor during attempt ${n}`).toBe(false);
  await expect.poll(() => cursorCovers(cursor, claimed)).toBe(true);
  expect(run.stderr()).toContain(`--exec exited with 1 for TokenClaimed in block ${claimed.blockNumber}; retry 1 in`);
  expect(run.stderr()).toContain("; retry 2 in");
  expect(run.lines).toHaveLength(1);
  expect(await run.stop("SIGTERM")).toBe(0);

  // Restarted from the cursor: the event is not handed on again; the next one is.
  const again = await watch(["--record", integraHash, "--cursor", cursor, "--exec", hook]);
  await claim("seller", integraHash, 2n, uids[1], processHash);
  const next = parse(await again.waitForLine(isEvent("TokenClaimed")));
  expect(next.args.tokenId).toBe("2");
  await expect.poll(() => linesOf(delivered)).toEqual([deliveryOf(claimed), deliveryOf(next)]);
});

test("--on-failure stop exits with the try-later status, the cursor before the event; run again, it delivers that event", async () => {
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-stop", ["buyer", "seller"]);
  await claim("buyer", integraHash, 1n, uids[0], processHash);
  const minedIn = await testChain.getBlockNumber();
  const cursor = path.join(dir, "cursor.json");
  const common = ["watch", "--record", integraHash, "--cursor", cursor, "--interval", "200"];

  const stopped = await integra([
    ...common,
    "--from-block",
    `${minedIn}`,
    "--exec",
    "exit 1",
    "--retries",
    "1",
    "--on-failure",
    "stop",
    "--json",
  ]);
  expect(stopped.code).toBe(EXIT.tryLater);
  // The event's line, then (--json) the error as one JSON document.
  const failed = parse(stopped.stdout.slice(0, stopped.stdout.indexOf("\n")));
  expect(failed).toMatchObject({ event: "TokenClaimed", blockNumber: minedIn.toString() });
  expect(JSON.parse(stopped.stdout.slice(stopped.stdout.indexOf("\n") + 1))).toMatchObject({ error: { code: "HookFailed", retry: true } });
  expect(stopped.stderr).toContain(
    `--exec exited with 1 for TokenClaimed in block ${minedIn}; gave up after 2 attempts (--on-failure stop)`,
  );
  expect(cursorCovers(cursor, failed)).toBe(false);

  const delivered = path.join(dir, "delivered");
  const resumed = await watch([...common.slice(1), "--exec", `echo "$INTEGRA_DELIVERY" >> ${delivered}`]);
  expect(resumed.stderr()).toContain(`resumed from ${cursor}`);
  await expect.poll(() => linesOf(delivered), { timeout: 20_000 }).toEqual([deliveryOf(failed)]);
  await expect.poll(() => cursorCovers(cursor, failed)).toBe(true);
});

test("SIGTERM mid-hook: the hook is killed after the grace period with all it started, the event stays undelivered, exit 0", async () => {
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-sigterm", ["buyer", "seller"]);
  const cursor = path.join(dir, "cursor.json");
  const pids = path.join(dir, "pids");
  const run = await watch([
    "--record",
    integraHash,
    "--cursor",
    cursor,
    "--grace",
    "1000",
    "--exec",
    `sleep 30 & echo "$$ $!" > ${pids}; wait`,
  ]);
  await claim("buyer", integraHash, 1n, uids[0], processHash);
  const claimed = parse(await run.waitForLine(isEvent("TokenClaimed")));
  await expect.poll(() => linesOf(pids)).toHaveLength(1);
  const [shell, sleeper] = linesOf(pids)[0].split(" ").map(Number);
  expect(alive(shell) && alive(sleeper)).toBe(true);

  expect(await run.stop("SIGTERM")).toBe(0);
  await expect.poll(() => [alive(shell), alive(sleeper)], { timeout: 5_000 }).toEqual([false, false]);
  expect(run.stderr()).toContain("SIGTERM: stopping");
  expect(run.stderr()).toContain(`--exec was killed by SIGTERM for TokenClaimed in block ${claimed.blockNumber}; stopping`);
  expect(cursorCovers(cursor, claimed)).toBe(false);

  const delivered = path.join(dir, "delivered");
  await watch(["--record", integraHash, "--cursor", cursor, "--exec", `echo "$INTEGRA_DELIVERY" >> ${delivered}`]);
  await expect.poll(() => linesOf(delivered), { timeout: 20_000 }).toEqual([deliveryOf(claimed)]);
});

test("SIGTERM while a hook runs that finishes within the grace period: the event is delivered and saved, exit 0", async () => {
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-grace", ["buyer", "seller"]);
  const cursor = path.join(dir, "cursor.json");
  const started = path.join(dir, "started");
  const delivered = path.join(dir, "delivered");
  const run = await watch([
    "--record",
    integraHash,
    "--cursor",
    cursor,
    "--exec",
    `touch ${started}; sleep 1; echo "$INTEGRA_DELIVERY" >> ${delivered}`,
  ]);
  await claim("buyer", integraHash, 1n, uids[0], processHash);
  const claimed = parse(await run.waitForLine(isEvent("TokenClaimed")));
  await expect.poll(() => existsSync(started)).toBe(true);
  // Ctrl-C in a terminal reaches the watcher and, through npm, again: the repeat changes nothing.
  expect(await run.stop("SIGINT")).toBe(0);
  expect(linesOf(delivered)).toEqual([deliveryOf(claimed)]);
  expect(cursorCovers(cursor, claimed)).toBe(true);
});

/** A free TCP port on 127.0.0.1, for a server that takes its port from the environment. */
async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The fenced block of `file` that contains `marker`. */
function codeBlock(file: string, marker: string): string {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const block = [...text.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes(marker));
  if (!block) throw new Error(`No code block with "${marker}" in ${file}`);
  return block;
}

test("cli/README.md's webhook receiver, run as written, accepts the watcher's signed deliveries and refuses forged and stale ones", async () => {
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-receiver", ["buyer", "seller"]);
  const secret = "whsec_readme";
  const receiverFile = path.join(dir, "receiver.mjs");
  writeFileSync(receiverFile, codeBlock("cli/README.md", 'req.headers["integra-signature"]'));
  const port = await freePort();
  let output = "";
  const receiver: ChildProcess = spawn(process.execPath, [receiverFile], {
    env: { ...process.env, INTEGRA_WEBHOOK_SECRET: secret, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  receiver.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    const url = `http://127.0.0.1:${port}/integra`;
    const post = (body: string, signature?: string) =>
      fetch(url, { method: "POST", body, headers: signature ? { "Integra-Signature": signature } : {} }).then(
        (r) => r.status,
        () => 0,
      );
    await expect.poll(() => post("{}"), { timeout: 10_000 }).toBe(401); // up, and refusing an unsigned delivery
    expect(await post('{"forged":true}', signWebhook("not the secret", '{"forged":true}'))).toBe(401);
    expect(await post('{"old":true}', signWebhook(secret, '{"old":true}', Math.floor(Date.now() / 1000) - 600))).toBe(401);
    expect(await post('{"tampered":true}', signWebhook(secret, '{"tampered":false}'))).toBe(401);
    expect(await post('{"fresh":true}', signWebhook(secret, '{"fresh":true}'))).toBe(204);

    const run = await watch(["--record", integraHash, "--webhook", url], undefined, { INTEGRA_WEBHOOK_SECRET: secret });
    await claim("buyer", integraHash, 1n, uids[0], processHash);
    const claimed = parse(await run.waitForLine(isEvent("TokenClaimed")));
    await expect.poll(() => output.trim().split("\n").at(-1)).toBe(`${deliveryOf(claimed)} ${run.lines[0]}`);
  } finally {
    receiver.kill();
  }
});

test("the READMEs' --exec example runs as written: the court files the completed agreement, every other event is done with", async () => {
  // The same example in the three places it is documented.
  const examples = ["README.md", "cli/README.md", "docs/sdk.md"].map((file) => {
    const block = codeBlock(file, "./file-with-court.sh");
    const start = block.indexOf("npm run -s integra -- watch");
    return block.slice(start, block.indexOf("'\n", start) + 1).replace(/\\\n\s*/g, "");
  });
  expect(new Set(examples).size).toBe(1);
  // The shell splits the documented command line into its arguments, as it would when pasted.
  const argv = execFileSync("sh", ["-c", `set -- ${examples[0].replace("npm run -s integra -- watch", "")}; printf '%s\\0' "$@"`], {
    encoding: "utf8",
  })
    .split("\0")
    .slice(0, -1);
  expect(argv).toEqual(expect.arrayContaining(["--workflow", "closing/12-harbour-lane", "--cursor", "court.cursor", "--exec"]));
  // Run in a directory of its own: the cursor and the court's script (a stand-in that records what it is given) are there.
  const filed = path.join(dir, "filed.txt");
  writeFileSync(path.join(dir, "file-with-court.sh"), `#!/bin/sh\necho "$1" >> ${filed}\n`);
  chmodSync(path.join(dir, "file-with-court.sh"), 0o755);
  const args = argv.map((arg, i) =>
    argv[i - 1] === "--exec" ? `cd ${dir} && ${arg}` : argv[i - 1] === "--cursor" ? path.join(dir, arg) : arg,
  );
  const run = await watch(args);

  // The lender claims the last token of the demo's purchase agreement: it completes.
  const uid = await attestClaim("clerk", demo.agreement, 3n, "lender", DEMO_PROCESS);
  await claim("lender", demo.agreement, 3n, uid, DEMO_PROCESS);
  await run.waitForLine(isEvent("DocumentComplete"));
  await expect.poll(() => linesOf(filed)).toEqual([demo.agreement]);
  expect(run.lines.map((l) => parse(l).event)).toEqual(expect.arrayContaining(["TokenClaimed", "DocumentComplete"]));
  expect(run.stderr()).not.toContain("--exec exited with");
});

test("npm run -s integra -- watch, as documented: a SIGTERM to npm mid-hook, or Ctrl-C to its group, stops it with 0 and leaves nothing", async () => {
  const { integraHash, processHash, uids } = await arrangeAgreement("watch-npm", ["buyer", "seller"]);
  const hookPid = path.join(dir, "hook.pid");
  for (const how of ["SIGTERM to npm, mid-hook", "SIGINT to the group"] as const) {
    // In a process group of its own, as a terminal's job or a supervisor's service is, so the group can be checked.
    const npm = spawn(
      "npm",
      [
        "run",
        "-s",
        "integra",
        "--",
        "watch",
        "--record",
        integraHash,
        "--rpc",
        RPC_URL,
        "--interval",
        "200",
        "--grace",
        "500",
        "--exec",
        `echo $$ > ${hookPid}; sleep 30`,
      ],
      { cwd: ROOT, detached: true, stdio: ["ignore", "ignore", "pipe"] },
    );
    const group = npm.pid ?? 0;
    let stderr = "";
    npm.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | string>((resolve) => npm.on("exit", (code, signal) => resolve(code ?? signal ?? -1)));
    try {
      await expect.poll(() => stderr, { timeout: 30_000 }).toContain("watching from block");
      if (how === "SIGTERM to npm, mid-hook") {
        await claim("buyer", integraHash, 1n, uids[0], processHash);
        await expect.poll(() => linesOf(hookPid), { timeout: 20_000 }).toHaveLength(1);
        process.kill(group, "SIGTERM");
      } else {
        process.kill(-group, "SIGINT");
      }
      expect(await exited, `${how}: ${stderr}`).toBe(0);
      // Nothing left: not the watcher (npm's group is empty), not the hook (in a group of its own).
      await expect
        .poll(() => {
          try {
            process.kill(-group, 0);
            return "the group still has a process";
          } catch {
            return "empty";
          }
        })
        .toBe("empty");
      if (how === "SIGTERM to npm, mid-hook") await expect.poll(() => alive(Number(linesOf(hookPid)[0]))).toBe(false);
    } finally {
      try {
        process.kill(-group, "SIGKILL");
      } catch {
        // already gone, as it should be
      }
    }
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

test("watch refuses bad input with one line and exit code 2, and an unknown record with 3", async () => {
  const cases: [string[], string][] = [
    [["--record", "0x12"], 'Not a record hash: "0x12"'],
    [["--record", `0x${"cd".repeat(32)}`], "No such record on this chain"],
    [["--recipient", "0xnope"], 'Not an address: "0xnope"'],
    [["--record", `0x${"cd".repeat(32)}`, "--workflow", "w"], "Give exactly one of --record H, --workflow W, --recipient A"],
    [["--workflow", "w", "--from-block", "soon"], '--from-block must be a block number; got "soon"'],
    [["--workflow", "closing/12-harbour-lane"], 'Name the owner of workflow "closing/12-harbour-lane" with --workflow-owner ADDRESS'],
    [["--workflow", `0x${"00".repeat(32)}`], "The zero processHash is not a workflow"],
    [["--record", `0x${"cd".repeat(32)}`, "--workflow-owner", ACCOUNTS.clerk], "--workflow-owner goes with --workflow NAME"],
    [["--recipient", ACCOUNTS.buyer, "--on-failure", "ignore"], '--on-failure must be one of retry, stop, skip; got "ignore"'],
    [["--recipient", ACCOUNTS.buyer, "--retries", "many"], '--retries must be a whole number of at least 0; got "many"'],
    [["--recipient", ACCOUNTS.buyer, "--webhook-secret-env", "COURT_SECRET"], "--webhook-secret-env goes with --webhook URL"],
    [
      ["--recipient", ACCOUNTS.buyer, "--webhook", "http://127.0.0.1:9/x", "--webhook-secret-env", "INTEGRA_E2E_UNSET"],
      "--webhook-secret-env INTEGRA_E2E_UNSET: INTEGRA_E2E_UNSET is not set (or empty)",
    ],
  ];
  for (const [args, message] of cases) {
    const run = await integra(["watch", ...args]);
    expect(run.code, message).toBe(message.startsWith("No such record") ? EXIT.refused : EXIT.badInput);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  }
});
