import { sleep } from "@/lib/async/sleep";
import { backoffDelayMs } from "@/lib/chain/retryTransient";
import { spawn } from "node:child_process";
import { readFile, rename, writeFile } from "node:fs/promises";
import { type PublicClient, zeroHash } from "viem";
import {
  type TimelineEntry,
  type WatchCursor,
  type WatchItem,
  type WatchOptions,
  describeEntry,
  readRecord,
  readWorkflow,
  workflowLabel,
  watchRecipient,
  watchRecord,
  watchWorkflow,
} from "@/lib/sdk";
import { type Command, type CommandContext, stringOption } from "../command";
import { addressArgument, ofKnownRecord, recordHashArgument, workflowArgument } from "../arguments";
import { connect } from "../connect";
import { CliError, EXIT, describeFailure } from "../errors";

/** A refused webhook delivery waits 0.5 s, then 1, 2… up to 30 s (jittered by the shared backoff rule). */
const WEBHOOK_BACKOFF = { baseDelayMs: 500, maxDelayMs: 30_000, random: Math.random };

/** One event as a JSON line: what happened, where, and its decoded arguments (bigints as decimal strings). */
function eventLine(type: "event" | "retracted", entry: TimelineEntry): string {
  const text = describeEntry(entry);
  const line = {
    type,
    event: entry.eventName,
    title: text.title,
    integraHash: entry.integraHash,
    processHash: entry.processHash,
    blockNumber: entry.blockNumber,
    blockHash: entry.blockHash,
    transactionHash: entry.transactionHash,
    logIndex: entry.logIndex,
    address: entry.address,
    timestamp: entry.timestamp,
    args: entry.args,
  };
  return JSON.stringify(line, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

async function readCursor(path: string): Promise<WatchCursor | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw new CliError(`Cannot read the cursor file ${path}.`);
  }
  try {
    const cursor = JSON.parse(text) as Partial<WatchCursor>;
    if (cursor.version !== 1 || !/^\d+$/.test(String(cursor.block)) || !/^\d+$/.test(String(cursor.from)) || !Array.isArray(cursor.tail)) {
      throw new Error("shape");
    }
    return cursor as WatchCursor;
  } catch {
    throw new CliError(`The cursor file ${path} is not a watch cursor: delete it to start over, or give another --cursor.`);
  }
}

/** Written whole, then renamed over the old one: a crash leaves the old cursor or the new one, never half of one. */
async function saveCursor(path: string, cursor: WatchCursor): Promise<void> {
  await writeFile(`${path}.tmp`, `${JSON.stringify(cursor)}\n`);
  await rename(`${path}.tmp`, path);
}

/** Runs `command` in a shell with the event in its environment; resolves with its exit code. */
function runExec(command: string, type: string, entry: TimelineEntry, line: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], {
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        INTEGRA_EVENT: line,
        INTEGRA_EVENT_TYPE: type,
        INTEGRA_EVENT_NAME: entry.eventName,
        INTEGRA_HASH: entry.integraHash,
        INTEGRA_PROCESS_HASH: entry.processHash,
        INTEGRA_BLOCK: entry.blockNumber.toString(),
        INTEGRA_TX: entry.transactionHash,
      },
    });
    child.on("error", () => resolve(127));
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/** POSTs the line to `url` until it is accepted (2xx), with exponential backoff and jitter; false if stopped first. */
async function postWebhook(url: string, line: string, signal: AbortSignal): Promise<boolean> {
  for (let attempt = 1; !signal.aborted; attempt++) {
    let problem: string;
    try {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: line, signal });
      if (response.ok) return true;
      problem = `answered ${response.status}`;
    } catch (error) {
      if (signal.aborted) return false;
      problem = `could not be reached (${error instanceof Error ? error.message : String(error)})`;
    }
    const delay = backoffDelayMs(attempt - 1, WEBHOOK_BACKOFF);
    process.stderr.write(`integra watch: the webhook ${url} ${problem}; retry ${attempt} in ${(delay / 1000).toFixed(1)} s\n`);
    await sleep(delay, signal);
  }
  return false;
}

/** The watch the options name: exactly one of --record, --workflow, --recipient. */
async function openWatch(
  client: PublicClient,
  context: CommandContext,
  options: WatchOptions,
): Promise<AsyncGenerator<WatchItem, void, undefined>> {
  const record = stringOption(context, "record");
  const workflow = stringOption(context, "workflow");
  const recipient = stringOption(context, "recipient");
  const given = [record, workflow, recipient].filter((v) => v !== undefined).length;
  if (given !== 1) throw new CliError("Give exactly one of --record H, --workflow W, --recipient A (see integra watch --help).");
  const workflowOwner = stringOption(context, "workflow-owner");
  if (workflowOwner !== undefined && workflow === undefined) throw new CliError("--workflow-owner goes with --workflow NAME.");
  if (record !== undefined) {
    const integraHash = recordHashArgument(record);
    await ofKnownRecord(integraHash, readRecord(client, integraHash));
    return watchRecord(client, integraHash, options);
  }
  if (workflow !== undefined) {
    // A processHash as is; a name is its owner's (--workflow-owner), hashed as the registry does.
    const ref = workflowArgument(workflow, workflowOwner, "--workflow-owner");
    const state = await readWorkflow(client, ref);
    if (state.processHash === zeroHash)
      throw new CliError("The zero processHash is not a workflow: give a workflow's name and owner, or its hash.");
    // Not an error: a court may start watching before the owner opens the workflow.
    if (!state.owner)
      process.stderr.write(`integra watch: workflow ${workflowLabel(ref, state.processHash)} is not open yet; waiting for it\n`);
    return watchWorkflow(client, state.processHash, options);
  }
  return watchRecipient(client, addressArgument(recipient), options);
}

function parseFromBlock(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new CliError(`--from-block must be a block number; got "${value}".`);
  return BigInt(value);
}

export const watchCommand: Command = {
  name: "watch",
  summary: "one JSON line per event of a record, a workflow or an account, as they happen",
  arguments: "--record H | --workflow W | --recipient A",
  positionals: { min: 0, max: 0 },
  options: {
    record: { type: "string", value: "H", help: "the events of one record (its integraHash)" },
    workflow: {
      type: "string",
      value: "NAME|0xP",
      help: "the events of one workflow: its membership and every event of its records (a name with --workflow-owner, or its processHash)",
    },
    "workflow-owner": { type: "string", value: "A", help: "the owner of the workflow NAME (workflows are namespaced by their owner)" },
    recipient: {
      type: "string",
      value: "A",
      help: "the events addressed to an account (reservations, claims, capabilities, payment requests, offers)",
    },
    "from-block": { type: "string", value: "N", help: "start at block N (default: new events only)" },
    cursor: {
      type: "string",
      value: "FILE",
      help: "resume from FILE if it exists, and keep it up to date: a restart repeats and skips nothing",
    },
    exec: {
      type: "string",
      value: "CMD",
      help: "run CMD (sh -c) for each event, with INTEGRA_EVENT (the JSON line), INTEGRA_EVENT_NAME, … in its environment",
    },
    webhook: { type: "string", value: "URL", help: "POST each JSON line to URL, retried with backoff until it answers 2xx" },
    interval: { type: "string", value: "MS", help: "poll every MS milliseconds (default 1000)" },
  },
  description:
    "Prints one JSON line per event on stdout, oldest first, as blocks arrive. A reorg that removes an event already\n" +
    'printed prints it again with "type": "retracted". An RPC outage is waited out (retries on stderr); with --cursor,\n' +
    "a restart resumes where it stopped, without duplicates or gaps. Ctrl-C stops it cleanly (exit 0).\n" +
    "The cursor is saved after each event's --exec and --webhook are done, so an event whose hook did not finish is\n" +
    "delivered again after a restart.\n" +
    "A workflow W is its NAME with --workflow-owner A (workflows are namespaced by their owner), or its 0x processHash.\n" +
    "A workflow's events are its opening, its members' admissions and removals (integraHash zero), and every event of\n" +
    "the records its owner and members registered into it: nobody else can register into a workflow or put an event\n" +
    "on its timeline.",
  async run(context) {
    const cursorPath = stringOption(context, "cursor");
    const exec = stringOption(context, "exec");
    const webhook = stringOption(context, "webhook");
    const intervalText = stringOption(context, "interval") ?? "1000";
    if (!/^\d+$/.test(intervalText) || Number(intervalText) < 50)
      throw new CliError(`--interval must be at least 50 (milliseconds); got "${intervalText}".`);
    if (webhook !== undefined && !/^https?:\/\//.test(webhook)) throw new CliError(`Not a webhook URL: "${webhook}". Expected http(s)://…`);
    const fromBlock = parseFromBlock(stringOption(context, "from-block"));
    const cursor = cursorPath ? await readCursor(cursorPath) : undefined;

    const client = await connect(context.rpc);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    // The start is fixed here, so it can be said before the first poll.
    const start = cursor ? BigInt(cursor.block) + 1n : (fromBlock ?? (await client.getBlockNumber({ cacheTime: 0 })) + 1n);
    const watch = await openWatch(client, context, {
      fromBlock: start,
      cursor,
      pollIntervalMs: Number(intervalText),
      signal: stop.signal,
      onRetry: (error, attempt, delayMs) =>
        process.stderr.write(
          `integra watch: ${describeFailure(error, context.rpc)} (attempt ${attempt}); retrying in ${(delayMs / 1000).toFixed(1)} s\n`,
        ),
    }).catch((error: unknown) => {
      if (error instanceof Error && error.message.startsWith("The cursor belongs to"))
        throw new CliError(`${error.message} (--cursor ${cursorPath})`);
      throw error;
    });

    process.stderr.write(`integra watch: watching from block ${start}${cursor ? ` (resumed from ${cursorPath})` : ""}; Ctrl-C to stop\n`);
    for await (const item of watch) {
      if (item.type !== "synced") {
        const line = eventLine(item.type, item.entry);
        process.stdout.write(`${line}\n`);
        if (exec) {
          const code = await runExec(exec, item.type, item.entry, line);
          if (code !== 0)
            process.stderr.write(
              `integra watch: --exec exited with ${code} for ${item.entry.eventName} in block ${item.entry.blockNumber}\n`,
            );
        }
        if (webhook && !(await postWebhook(webhook, line, stop.signal))) break;
      }
      if (cursorPath) await saveCursor(cursorPath, item.cursor);
    }
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    return EXIT.ok;
  },
};
