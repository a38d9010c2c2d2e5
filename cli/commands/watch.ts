import { sleep } from "@/lib/async/sleep";
import { type PublicClient, zeroHash } from "viem";
import {
  type AnyWatchCursor,
  type WatchCursor,
  type WatchItem,
  type WatchOptions,
  chainFor,
  chainIdOf,
  readRecord,
  readWorkflow,
  workflowLabel,
  watchRecipient,
  watchRecord,
  watchWorkflow,
} from "@/lib/sdk";
import { type Command, type CommandContext, listOption, stringOption } from "../command";
import { addressArgument, ofKnownRecord, recordHashArgument, workflowArgument } from "../arguments";
import { chainIdArgument } from "../chains";
import { connect, connectChains } from "../connect";
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

/** "chain 31338 (Local chain B (anvil))". */
const chainLabel = (chainId: number) => `chain ${chainId} (${chainFor(chainId).name})`;

/** Whether `integraHash` is a record on one of `clients`' chains (an unknown record is refused, as on one chain). */
async function knownOnSomeChain(clients: readonly PublicClient[], integraHash: `0x${string}`): Promise<void> {
  if (clients.length === 1) {
    await ofKnownRecord(integraHash, readRecord(clients[0], integraHash));
    return;
  }
  const known = await Promise.all(
    clients.map((client) =>
      ofKnownRecord(integraHash, readRecord(client, integraHash)).then(
        () => true,
        (error: unknown) => {
          if (error instanceof CliError && error.code === "RecordNotFound") return false;
          throw error;
        },
      ),
    ),
  );
  if (!known.includes(true)) {
    throw new CliError(`No such record on any of these chains (${clients.map((c) => chainIdOf(c)).join(", ")}): ${integraHash}`, {
      code: "RecordNotFound",
    });
  }
}

/**
 * The watch the options name: exactly one of --record, --workflow, --recipient; on one chain (`acrossChains` false:
 * that chain's cursor) or on every chain of `clients` as one stream (one cursor for all).
 */
async function openWatch(
  clients: readonly PublicClient[],
  acrossChains: boolean,
  context: CommandContext,
  options: WatchOptions,
): Promise<AsyncGenerator<WatchItem<AnyWatchCursor>, void, undefined>> {
  const record = stringOption(context, "record");
  const workflow = stringOption(context, "workflow");
  const recipient = stringOption(context, "recipient");
  const given = [record, workflow, recipient].filter((v) => v !== undefined).length;
  if (given !== 1) throw new CliError("Give exactly one of --record H, --workflow W, --recipient A (see integra watch --help).");
  const workflowOwner = stringOption(context, "workflow-owner");
  if (workflowOwner !== undefined && workflow === undefined) throw new CliError("--workflow-owner goes with --workflow NAME.");
  const watched = acrossChains ? clients : clients[0];
  if (record !== undefined) {
    const integraHash = recordHashArgument(record);
    await knownOnSomeChain(clients, integraHash);
    return watchRecord(watched, integraHash, options);
  }
  if (workflow !== undefined) {
    // A processHash as is; a name is its owner's (--workflow-owner), hashed as the registry does.
    const ref = workflowArgument(workflow, workflowOwner, "--workflow-owner");
    const states = await Promise.all(clients.map((client) => readWorkflow(client, ref)));
    const { processHash } = states[0];
    if (processHash === zeroHash)
      throw new CliError("The zero processHash is not a workflow: give a workflow's name and owner, or its hash.");
    // Not an error: a court may start watching before the owner opens the workflow (on any of the chains).
    const notOpen = clients.filter((_client, i) => !states[i].owner).map((client) => chainIdOf(client));
    if (notOpen.length > 0) {
      const where = acrossChains ? ` on chain ${notOpen.join(", ")}` : "";
      process.stderr.write(`integra watch: workflow ${workflowLabel(ref, processHash)} is not open yet${where}; waiting for it\n`);
    }
    return watchWorkflow(watched, processHash, options);
  }
  return watchRecipient(watched, addressArgument(recipient), options);
}

/** --from-block as given: `N` (the one chain's), or `CHAIN=N` per chain (a chain's id or name, for several --rpc). */
interface FromBlocks {
  plain?: bigint;
  byChain: Map<number, bigint>;
}

function parseFromBlocks(values: readonly string[]): FromBlocks {
  const parsed: FromBlocks = { byChain: new Map() };
  for (const value of values) {
    const [, chain, block] = /^(?:([^=]+)=)?(\d+)$/.exec(value.trim()) ?? [];
    if (block === undefined) throw new CliError(`--from-block must be a block number; got "${value}".`);
    if (chain === undefined) {
      if (parsed.plain !== undefined) throw new CliError("--from-block N is given twice: with several --rpc, give --from-block CHAIN=N.");
      parsed.plain = BigInt(block);
    } else {
      parsed.byChain.set(chainIdArgument(chain), BigInt(block));
    }
  }
  return parsed;
}

/** The first block the options give for each of `chainIds` (a chain not named: none, i.e. its head). */
function fromBlocksOf(given: FromBlocks, chainIds: readonly number[]): Map<number, bigint> {
  const blocks = new Map(given.byChain);
  for (const chainId of blocks.keys()) {
    if (!chainIds.includes(chainId)) throw new CliError(`--from-block names ${chainLabel(chainId)}, which no --rpc serves.`);
  }
  if (given.plain !== undefined) {
    if (chainIds.length > 1) {
      throw new CliError(`--from-block ${given.plain} names no chain: with several --rpc, give --from-block CHAIN=N (repeatable).`);
    }
    blocks.set(chainIds[0], given.plain);
  }
  return blocks;
}

/** One chain's cursor in the cursor file, if it has one for `chainId`. */
function chainCursorIn(cursor: AnyWatchCursor | undefined, chainId: number, chains: number): WatchCursor | undefined {
  if (cursor?.version === 2) return cursor.chains[String(chainId)];
  if (cursor === undefined) return undefined;
  return (cursor.chainId ?? (chains === 1 ? chainId : undefined)) === chainId ? cursor : undefined;
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
  summary: "one JSON line per event of a record, a workflow or an account, as they happen, on one chain or several",
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
    "from-block": {
      type: "string",
      multiple: true,
      value: "N|CHAIN=N",
      help: "start at block N (default: new events only); with several --rpc, CHAIN=N for that chain (its id or name)",
    },
    cursor: {
      type: "string",
      value: "FILE",
      help: "resume from FILE if it exists, and keep it up to date: a restart repeats and skips nothing",
    },
    exec: {
      type: "string",
      value: "CMD",
      help: "run CMD (sh -c) for each event, with INTEGRA_EVENT (the JSON line), INTEGRA_EVENT_NAME, INTEGRA_CHAIN_ID, … in its environment; exit 0 means done",
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
    "on its timeline.\n" +
    "Several chains: --rpc A --rpc B (one per chain; the first is the default chain; each chain's deployment is the one\n" +
    "known for it, or --deployment FILE per chain) watch the same record, workflow or account on each, as one stream:\n" +
    "each line names its chain (chainId, chainName), events come oldest first across chains, one --cursor FILE resumes\n" +
    "every chain, and a chain whose RPC fails is retried while the others go on.",
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
    const fromBlocks = parseFromBlocks(listOption(context, "from-block"));
    const cursor = cursorPath ? await readCursor(cursorPath) : undefined;
    // A cursor file of several chains stays one, even when a restart names one --rpc: the others' places are kept.
    const acrossChains = context.rpcs.length > 1 || cursor?.version === 2;

    const log = (message: string) => process.stderr.write(`integra watch: ${message}\n`);
    // Before anything slow (the RPC's first answers): a SIGTERM from then on ends the watch cleanly, with exit 0.
    const stopping = stopOnSignals(graceMs, log);
    try {
      const clients = acrossChains ? await connectChains(context.rpcs) : [await connect(context.rpc)];
      const chainIds = clients.map((client) => chainIdOf(client));
      const rpcOf = new Map(chainIds.map((chainId, i) => [chainId, context.rpcs[i] ?? context.rpc]));
      const given = fromBlocksOf(fromBlocks, chainIds);
      // Each chain's start is fixed here, so it can be said before the first poll.
      const starts = new Map<number, bigint>();
      for (const [i, client] of clients.entries()) {
        const resumed = chainCursorIn(cursor, chainIds[i], clients.length);
        starts.set(
          chainIds[i],
          resumed ? BigInt(resumed.block) + 1n : (given.get(chainIds[i]) ?? (await client.getBlockNumber({ cacheTime: 0 })) + 1n),
        );
      }
      const watch = await openWatch(clients, acrossChains, context, {
        fromBlock: acrossChains ? Object.fromEntries(starts) : starts.get(chainIds[0]),
        cursor,
        pollIntervalMs: interval,
        signal: stopping.requested,
        onRetry: (error, attempt, delayMs, chainId) =>
          log(
            `${acrossChains ? `${chainLabel(chainId)}: ` : ""}${describeFailure(error, rpcOf.get(chainId) ?? context.rpc)} (attempt ${attempt}); retrying in ${(delayMs / 1000).toFixed(1)} s`,
          ),
      });

      const from = acrossChains
        ? `block ${chainIds.map((chainId) => `${starts.get(chainId)} on ${chainLabel(chainId)}`).join(", block ")}`
        : `block ${starts.get(chainIds[0])}`;
      log(`watching from ${from}${cursor ? ` (resumed from ${cursorPath})` : ""}; Ctrl-C to stop`);
      const end = await follow(watch, {
        hooks,
        policy,
        stopping,
        print: (line) => process.stdout.write(`${line}\n`),
        save: (next) => (cursorPath ? saveCursor(cursorPath, next) : Promise.resolve()),
        log,
        resumedFrom: cursor,
      }).catch((error: unknown) => {
        // The watch checks its cursor when it starts reading: a cursor file of another record, workflow or chain.
        if (error instanceof Error && error.message.startsWith("The cursor "))
          throw new CliError(`${error.message} (--cursor ${cursorPath})`);
        throw error;
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
