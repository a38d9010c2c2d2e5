import { sleep } from "@/lib/async/sleep";
import { type PublicClient, zeroHash } from "viem";
import {
  type WatchItem,
  type WatchOptions,
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
import { readCursor, saveCursor } from "../watch/cursorFile";
import { type DeliveryPolicy, type Hook, ON_FAILURE, type OnFailure } from "../watch/delivery";
import { execHook } from "../watch/execHook";
import { follow } from "../watch/follow";
import { stopOnSignals } from "../watch/stopSignals";
import { webhookHook } from "../watch/webhookHook";

/** A failed hook waits 0.5 s, then 1, 2, 4, 8 (the default 5 retries), then 30 s between tries (each jittered). */
const HOOK_BACKOFF = { baseDelayMs: 500, maxDelayMs: 30_000 };
const DEFAULT_RETRIES = 5;
/** Under Docker's 10 s between SIGTERM and SIGKILL, with the 2 s a killed hook is given to go. */
const DEFAULT_GRACE_MS = 5_000;
const DEFAULT_SECRET_ENV = "INTEGRA_WEBHOOK_SECRET";

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

/** A whole number option, at least `min`. */
function numberOption(context: CommandContext, name: string, fallback: number, min: number): number {
  const text = stringOption(context, name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min) throw new CliError(`--${name} must be a whole number of at least ${min}; got "${text}".`);
  return Number(text);
}

function parseOnFailure(value: string | undefined): OnFailure {
  if (value === undefined) return "retry";
  const known = ON_FAILURE.find((policy) => policy === value);
  if (!known) throw new CliError(`--on-failure must be one of ${ON_FAILURE.join(", ")}; got "${value}".`);
  return known;
}

/**
 * The webhook's signing secret, read from the environment (a secret on the command line would show in `ps` and in
 * shell histories): the variable --webhook-secret-env names, else INTEGRA_WEBHOOK_SECRET; undefined: unsigned.
 */
function webhookSecret(context: CommandContext, webhook: string | undefined): string | undefined {
  const named = stringOption(context, "webhook-secret-env");
  if (named !== undefined && webhook === undefined) throw new CliError("--webhook-secret-env goes with --webhook URL.");
  if (named !== undefined && !process.env[named]) throw new CliError(`--webhook-secret-env ${named}: ${named} is not set (or empty).`);
  return process.env[named ?? DEFAULT_SECRET_ENV] || undefined;
}

/** The hooks the options name, in the order they run for each event. */
function hooksOf(context: CommandContext): Hook[] {
  const exec = stringOption(context, "exec");
  const webhook = stringOption(context, "webhook");
  if (webhook !== undefined && !/^https?:\/\//.test(webhook)) throw new CliError(`Not a webhook URL: "${webhook}". Expected http(s)://…`);
  const secret = webhookSecret(context, webhook);
  if (webhook !== undefined && secret === undefined)
    process.stderr.write(
      `integra watch: the webhook's deliveries are not signed: set ${DEFAULT_SECRET_ENV} (or --webhook-secret-env NAME)\n`,
    );
  const hooks: Hook[] = [];
  if (exec !== undefined) hooks.push(execHook(exec));
  if (webhook !== undefined) hooks.push(webhookHook(webhook, secret));
  return hooks;
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
      help: "run CMD (sh -c) for each event, with INTEGRA_EVENT (the JSON line), INTEGRA_EVENT_NAME, … in its environment; exit 0 means done",
    },
    webhook: {
      type: "string",
      value: "URL",
      help: "POST each JSON line to URL (signed with INTEGRA_WEBHOOK_SECRET if set); a 2xx means done",
    },
    "webhook-secret-env": {
      type: "string",
      value: "NAME",
      help: `sign webhooks with the secret in environment variable NAME (default ${DEFAULT_SECRET_ENV})`,
    },
    retries: {
      type: "string",
      value: "N",
      help: `retries of a failed hook, with backoff, before --on-failure decides (default ${DEFAULT_RETRIES})`,
    },
    "on-failure": {
      type: "string",
      value: "retry|stop|skip",
      help: `after the retries: retry every 30 s until it works (default), stop (exit ${EXIT.tryLater}: try later), or skip the event`,
    },
    grace: {
      type: "string",
      value: "MS",
      help: `on Ctrl-C or SIGTERM, how long an event's hooks may still run before they are killed (default ${DEFAULT_GRACE_MS})`,
    },
    interval: { type: "string", value: "MS", help: "poll every MS milliseconds (default 1000)" },
  },
  description:
    "Prints one JSON line per event on stdout, oldest first, as blocks arrive. A reorg that removes an event already\n" +
    'printed prints it again with "type": "retracted". An RPC outage is waited out (retries on stderr); with --cursor,\n' +
    "a restart resumes where it stopped, without duplicates or gaps.\n" +
    "Hooks (--exec, then --webhook) get each event at least once, in order: a failed one (a non-zero exit, a non-2xx\n" +
    "answer, no answer) is retried with backoff, and the next event waits. The cursor is saved only once an event's\n" +
    "hooks succeeded; --on-failure says what happens when the retries run out (retry, stop, skip).\n" +
    "Ctrl-C or SIGTERM stops it (exit 0): the event in hand finishes (its hooks get --grace MS, then are killed and\n" +
    "the event is delivered again after a restart), the cursor is saved.\n" +
    "A workflow W is its NAME with --workflow-owner A (workflows are namespaced by their owner), or its 0x processHash.\n" +
    "A workflow's events are its opening, its members' admissions and removals (integraHash zero), and every event of\n" +
    "the records its owner and members registered into it: nobody else can register into a workflow or put an event\n" +
    "on its timeline.",
  async run(context) {
    const cursorPath = stringOption(context, "cursor");
    const interval = numberOption(context, "interval", 1000, 50);
    const policy: DeliveryPolicy = {
      ...HOOK_BACKOFF,
      retries: numberOption(context, "retries", DEFAULT_RETRIES, 0),
      onFailure: parseOnFailure(stringOption(context, "on-failure")),
      sleep,
      random: Math.random,
    };
    const graceMs = numberOption(context, "grace", DEFAULT_GRACE_MS, 0);
    const hooks = hooksOf(context);
    const fromBlock = parseFromBlock(stringOption(context, "from-block"));
    const cursor = cursorPath ? await readCursor(cursorPath) : undefined;

    const log = (message: string) => process.stderr.write(`integra watch: ${message}\n`);
    // Before anything slow (the RPC's first answers): a SIGTERM from then on ends the watch cleanly, with exit 0.
    const stopping = stopOnSignals(graceMs, log);
    try {
      const client = await connect(context.rpc);
      // The start is fixed here, so it can be said before the first poll.
      const start = cursor ? BigInt(cursor.block) + 1n : (fromBlock ?? (await client.getBlockNumber({ cacheTime: 0 })) + 1n);
      const watch = await openWatch(client, context, {
        fromBlock: start,
        cursor,
        pollIntervalMs: interval,
        signal: stopping.requested,
        onRetry: (error, attempt, delayMs) =>
          log(`${describeFailure(error, context.rpc)} (attempt ${attempt}); retrying in ${(delayMs / 1000).toFixed(1)} s`),
      }).catch((error: unknown) => {
        if (error instanceof Error && error.message.startsWith("The cursor belongs to"))
          throw new CliError(`${error.message} (--cursor ${cursorPath})`);
        throw error;
      });

      log(`watching from block ${start}${cursor ? ` (resumed from ${cursorPath})` : ""}; Ctrl-C to stop`);
      const end = await follow(watch, {
        hooks,
        policy,
        stopping,
        print: (line) => process.stdout.write(`${line}\n`),
        save: (next) => (cursorPath ? saveCursor(cursorPath, next) : Promise.resolve()),
        log,
        resumedFrom: cursor,
      });
      if (end.end === "stop") {
        const resume = cursorPath
          ? `the cursor ${cursorPath} stops before it, so running the same command later delivers it again`
          : "without --cursor, a restart will not deliver it again";
        // retry: the same command, run later, may well succeed (the hook's service back up): "try later".
        throw new CliError(`${end.hook} ${end.problem} for ${end.event}, after every retry (--on-failure stop); ${resume}.`, {
          code: "HookFailed",
          retry: true,
        });
      }
      return EXIT.ok;
    } finally {
      stopping.dispose();
    }
  },
};
