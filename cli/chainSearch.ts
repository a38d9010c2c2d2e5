import type { Hex, PublicClient } from "viem";
import { revertedErrorName } from "@/lib/errors/revertedErrorName";
import { chainFor } from "@/lib/sdk";
import type { CommandContext } from "./command";
import { CliError, EXIT, describeFailure, failureOf } from "./errors";

/** A chain a command searches, as given: its RPC, and its chain id once the RPC said it (one that never answered has none). */
export interface SearchedChain {
  rpcUrl: string;
  chainId?: number;
}

/** A chain whose RPC answered: its chain id is known. */
export interface ReachedChain extends SearchedChain {
  chainId: number;
}

/** A chain ready to read (`client`), or one that cannot be read now (`error`: an outage, a rate limit). */
export type ChainConnection = (ReachedChain & { client: PublicClient }) | (SearchedChain & { error: unknown });

/** What one chain answered to a search: it has what was asked (`value`), it has not, or it did not answer. */
export type ChainOutcome<T> =
  | { kind: "found"; chain: ReachedChain; value: T }
  | { kind: "absent"; chain: ReachedChain }
  | { kind: "unreachable"; chain: SearchedChain; error: unknown };

/** A chain that did not answer, and why. */
export interface Unreached {
  chain: SearchedChain;
  error: unknown;
}

/**
 * What a search asks of its chains:
 * - "first": the first chain, in the order given, that has it answers (status, proof: a record is read on one chain);
 * - "any": every chain that has it, and one that has it is the answer (verify: registered somewhere);
 * - "all": every chain's part makes the answer (pending: the tokens waiting on every chain), so a chain that did not
 *   answer leaves it incomplete: the answer is given, with the try-later exit code.
 */
export type SearchMode = "first" | "any" | "all";

/** What a search answers, and its exit code. */
export type ChainSearchVerdict<T> =
  /** Found: `hits` in the order the chains were given (one in "first" mode); `unreachable` the chains that did not answer. */
  | { kind: "found"; hits: { chain: ReachedChain; value: T }[]; answered: ReachedChain[]; unreachable: Unreached[]; exitCode: number }
  /** Every chain answered and none has it. */
  | { kind: "absent"; answered: ReachedChain[]; exitCode: number }
  /** None of the chains that answered has it, and some did not answer: it may be on one of those. */
  | { kind: "unknown"; answered: ReachedChain[]; unreachable: Unreached[]; exitCode: typeof EXIT.tryLater };

/**
 * The answer to a search from each chain's outcome (in the order the chains were given): what to show and the exit
 * code. `absentExitCode` is the command's own for "nowhere" (verify: not registered; status: the record is unknown).
 */
export function chainSearchVerdict<T>(
  outcomes: readonly ChainOutcome<T>[],
  mode: SearchMode,
  absentExitCode: number,
): ChainSearchVerdict<T> {
  const answered: ReachedChain[] = [];
  const unreachable: Unreached[] = [];
  const found: { chain: ReachedChain; value: T }[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind === "unreachable") {
      unreachable.push({ chain: outcome.chain, error: outcome.error });
      continue;
    }
    answered.push(outcome.chain);
    if (outcome.kind === "found") found.push({ chain: outcome.chain, value: outcome.value });
  }
  if (found.length === 0) {
    if (unreachable.length === 0) return { kind: "absent", answered, exitCode: absentExitCode };
    return { kind: "unknown", answered, unreachable, exitCode: EXIT.tryLater };
  }
  const complete = mode !== "all" || unreachable.length === 0;
  return {
    kind: "found",
    hits: mode === "first" ? found.slice(0, 1) : found,
    answered,
    unreachable,
    exitCode: complete ? EXIT.ok : EXIT.tryLater,
  };
}

/**
 * Reads `read` on every chain at once; `read` resolves to undefined when its chain has nothing of what is asked. A
 * failure that may pass (an outage, a rate limit: failureOf's `retry`) is that chain's outcome; any other fails the
 * command, as on one chain.
 */
export async function searchEachChain<T>(
  connections: readonly ChainConnection[],
  read: (client: PublicClient, chain: ReachedChain) => Promise<T | undefined>,
): Promise<ChainOutcome<T>[]> {
  return Promise.all(
    connections.map(async (connection): Promise<ChainOutcome<T>> => {
      if ("error" in connection) return { kind: "unreachable", chain: chainOf(connection), error: connection.error };
      const chain: ReachedChain = { rpcUrl: connection.rpcUrl, chainId: connection.chainId };
      try {
        const value = await read(connection.client, chain);
        return value === undefined ? { kind: "absent", chain } : { kind: "found", chain, value };
      } catch (error) {
        if (failureOf(error, chain.rpcUrl).retry) return { kind: "unreachable", chain, error };
        throw rpcFailure(error, chain.rpcUrl);
      }
    }),
  );
}

/** A connection's chain, without its client or error. */
function chainOf(connection: SearchedChain): SearchedChain {
  return connection.chainId === undefined ? { rpcUrl: connection.rpcUrl } : { rpcUrl: connection.rpcUrl, chainId: connection.chainId };
}

/**
 * A failure of the RPC at `rpcUrl` (unreachable, an HTTP refusal) as a CliError whose words name that RPC: integra.ts
 * names the first --rpc, which with several is not always the one that failed. Any other error is left as it is.
 */
export function rpcFailure(error: unknown, rpcUrl: string): unknown {
  if (error instanceof CliError) return error;
  const failure = failureOf(error, rpcUrl);
  if (failure.code !== "RpcUnreachable" && failure.code !== "RpcRefused") return error;
  return new CliError(failure.message, { code: failure.code, retry: failure.retry });
}

/** "chain 31338 (Local chain B (anvil))". */
export function chainLabel(chainId: number): string {
  return `chain ${chainId} (${chainFor(chainId).name})`;
}

/** "chain 31337 (…) or chain 31338 (…)". */
export function chainsLabel(chainIds: readonly number[], conjunction = "or"): string {
  const labels = chainIds.map(chainLabel);
  return labels.length <= 1 ? (labels[0] ?? "no chain") : `${labels.slice(0, -1).join(", ")} ${conjunction} ${labels[labels.length - 1]}`;
}

/** One line per chain that did not answer, for stderr: which chain, and why. */
export function unreachableLines(command: string, unreachable: readonly Unreached[]): string {
  return unreachable
    .map(({ chain, error }) => {
      const which = chain.chainId === undefined ? "" : ` ${chainLabel(chain.chainId)}`;
      return `integra ${command}: not searched${which}: ${describeFailure(error, chain.rpcUrl)}\n`;
    })
    .join("");
}

/** The chains that did not answer, as a --json document lists them. */
export function unreachableJson(unreachable: readonly Unreached[]) {
  return unreachable.map(({ chain, error }) => ({
    rpcUrl: chain.rpcUrl,
    ...(chain.chainId === undefined ? {} : { chainId: chain.chainId, chainName: chainFor(chain.chainId).name }),
    message: describeFailure(error, chain.rpcUrl),
  }));
}

/**
 * The failure of a search that found nothing while some chain did not answer (exit 4: it may be there). With one chain,
 * that chain's own failure, in the words the command has always used; with several, `notFound` (e.g. "No such record
 * 0x…") on the chains that answered, and why each other did not.
 */
export function unknownFailure(verdict: Extract<ChainSearchVerdict<unknown>, { kind: "unknown" }>, notFound: string): CliError {
  const { answered, unreachable } = verdict;
  if (answered.length === 0 && unreachable.length === 1) {
    const [{ chain, error }] = unreachable;
    const failure = rpcFailure(error, chain.rpcUrl);
    if (failure instanceof CliError) return failure;
    return new CliError(describeFailure(error, chain.rpcUrl), { code: failureOf(error, chain.rpcUrl).code, retry: true });
  }
  const why = unreachable
    .map(
      ({ chain, error }) => `${chain.chainId === undefined ? "" : `${chainLabel(chain.chainId)}: `}${describeFailure(error, chain.rpcUrl)}`,
    )
    .join("; ");
  const what =
    answered.length > 0
      ? `${notFound} on ${chainsLabel(answered.map((chain) => chain.chainId))}, but not every chain answered, so it may be on one that did not`
      : "No chain answered";
  const [first] = unreachable;
  return new CliError(`${what}: ${why}. Try again later.`, {
    code: first ? failureOf(first.error, first.chain.rpcUrl).code : "RpcUnreachable",
    retry: true,
  });
}

/**
 * The RPCs a search covers, one per chain: every --rpc given; without any, INTEGRA_RPCS (comma-separated), else the
 * default RPC alone.
 */
export function searchedRpcs(
  context: Pick<CommandContext, "rpcs" | "rpcGiven">,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string[] {
  if (context.rpcGiven) return context.rpcs;
  const listed = (env.INTEGRA_RPCS ?? "")
    .split(",")
    .map((rpcUrl) => rpcUrl.trim())
    .filter((rpcUrl) => rpcUrl !== "");
  return listed.length > 0 ? listed : context.rpcs;
}

/**
 * Throws, before any other work (hashing a file, say), when no chain can be read at all: the failure
 * `unknownFailure` gives, so that one unreachable RPC fails as it always has.
 */
export function requireSomeChain(connections: readonly ChainConnection[], notFound: string): void {
  const unreachable = connections.flatMap((c) => ("error" in c ? [{ chain: chainOf(c), error: c.error }] : []));
  if (unreachable.length < connections.length) return;
  throw unknownFailure({ kind: "unknown", answered: [], unreachable, exitCode: EXIT.tryLater }, notFound);
}

/** Awaits a read of a record on one chain; a record that chain does not know is undefined: absent there. */
export async function ifRecordKnown<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof CliError && error.code === "RecordNotFound") return undefined;
    if (revertedErrorName(error) === "RecordNotFound") return undefined;
    throw error;
  }
}

/**
 * The failure of a search for the record `integraHash` that found it on no chain: RecordNotFound when every chain
 * answered ("on this chain" with one, as always), else `unknownFailure`'s try-later.
 */
export function recordNotFound(
  verdict: Exclude<ChainSearchVerdict<unknown>, { kind: "found" }>,
  integraHash: Hex,
  searched: number,
): CliError {
  if (verdict.kind === "unknown") return unknownFailure(verdict, `No such record ${integraHash}`);
  const where = searched === 1 ? "this chain" : chainsLabel(verdict.answered.map((chain) => chain.chainId));
  return new CliError(`No such record on ${where}: ${integraHash}`, { code: "RecordNotFound", exitCode: verdict.exitCode });
}

/**
 * The client of chain `chainId` among `connections`, for what must be read on that chain (check-proof: a proof is
 * checked against its own chain). The RPC of that chain did not answer, or none that answered serves it while some
 * did not answer: try later. Every RPC answered and none serves it: WrongChain, naming `what`'s chain and each RPC's.
 */
export function clientOfChain(chainId: number, connections: readonly ChainConnection[], what: string): PublicClient {
  const match = connections.find((c) => c.chainId === chainId);
  if (match && "client" in match) return match.client;
  if (match && "error" in match) throw rpcFailure(match.error, match.rpcUrl);
  const served = connections.map((c) =>
    c.chainId === undefined ? `${c.rpcUrl} did not answer` : `${c.rpcUrl} serves ${chainLabel(c.chainId)}`,
  );
  const message = `${what} is of ${chainLabel(chainId)}, but no --rpc serves it (${served.join("; ")}).`;
  if (connections.some((c) => c.chainId === undefined)) {
    throw new CliError(`${message} One that did not answer may: try again later.`, { code: "RpcUnreachable", retry: true });
  }
  throw new CliError(`${message} Give --rpc of ${chainLabel(chainId)}.`, { code: "WrongChain" });
}
