import { http, type PublicClient, createPublicClient } from "viem";
import { chainFor, createIntegraClient, integraOn } from "@/lib/sdk";
import { type ChainConnection, rpcFailure } from "./chainSearch";
import { deploymentForChain, deploymentForChains } from "./deploymentChoice";
import { CliError, failureOf } from "./errors";

const RPC_OPTIONS = { retryCount: 1, timeoutMs: 10_000 };

/**
 * A client of the deployment's chain at `rpcUrl`, checked before any read: the RPC answers, a deployment is known for
 * the chain it serves (or the one chosen is on it), and the registry has code there. Each failure is one specific
 * message.
 */
export async function connect(rpcUrl: string): Promise<PublicClient> {
  const chainId = await chainIdAt(rpcUrl);
  deploymentForChain(chainId, rpcUrl);
  // The deployment in use is now on the RPC's chain, so the SDK's client is of that chain.
  return withRegistry(createIntegraClient(rpcUrl, RPC_OPTIONS), chainId, rpcUrl);
}

/**
 * One client per RPC, each of the chain its RPC serves, checked as `connect` checks one: the first RPC's chain is the
 * default (its deployment the one in use), every other's deployment is the one known for its chain. Two RPCs of one
 * chain are refused: each chain is read once.
 */
export async function connectChains(rpcUrls: readonly string[]): Promise<PublicClient[]> {
  const chainIds: number[] = [];
  for (const [i, rpcUrl] of rpcUrls.entries()) {
    const chainId = await chainIdAt(rpcUrl);
    const earlier = chainIds.indexOf(chainId);
    if (earlier !== -1) {
      throw new CliError(
        `--rpc ${rpcUrls[earlier]} and --rpc ${rpcUrl} both serve chain ${chainId} (${chainFor(chainId).name}): give one --rpc per chain.`,
      );
    }
    chainIds[i] = chainId;
  }
  deploymentForChains(chainIds, rpcUrls);
  return Promise.all(rpcUrls.map((rpcUrl, i) => withRegistry(clientOn(chainIds[i], rpcUrl), chainIds[i], rpcUrl)));
}

/**
 * One connection per RPC, for a command that searches several chains (status, verify, pending, proof): each checked as
 * `connectChains` checks them, except that an RPC that cannot be reached now (an outage, a rate limit) is not fatal:
 * it comes back with its error, so that the search answers from the others. Any other failure (not a URL, no
 * deployment known for a chain, two RPCs of one chain, no registry) fails the command, as with one RPC.
 */
export async function connectEachChain(rpcUrls: readonly string[]): Promise<ChainConnection[]> {
  const answers = await Promise.all(
    rpcUrls.map((rpcUrl) =>
      chainIdAt(rpcUrl).then(
        (chainId): ChainConnection => ({ rpcUrl, chainId, client: clientOn(chainId, rpcUrl) }),
        (error: unknown): ChainConnection => ({ rpcUrl, error: passingFailure(error, rpcUrl) }),
      ),
    ),
  );
  const reached = answers.flatMap((answer) => ("client" in answer ? [answer] : []));
  for (const [i, chain] of reached.entries()) {
    const earlier = reached.findIndex((other) => other.chainId === chain.chainId);
    if (earlier !== i) {
      throw new CliError(
        `--rpc ${reached[earlier].rpcUrl} and --rpc ${chain.rpcUrl} both serve chain ${chain.chainId} (${chainFor(chain.chainId).name}): give one --rpc per chain.`,
      );
    }
  }
  if (reached.length > 0) {
    deploymentForChains(
      reached.map((chain) => chain.chainId),
      reached.map((chain) => chain.rpcUrl),
    );
  }
  return Promise.all(
    answers.map(async (answer): Promise<ChainConnection> => {
      if ("error" in answer) return answer;
      try {
        return { ...answer, client: await withRegistry(answer.client, answer.chainId, answer.rpcUrl) };
      } catch (error) {
        return { rpcUrl: answer.rpcUrl, chainId: answer.chainId, error: passingFailure(error, answer.rpcUrl) };
      }
    }),
  );
}

/** `error` when it may pass (an outage, a rate limit); any other failure is thrown, naming the RPC that failed. */
function passingFailure(error: unknown, rpcUrl: string): unknown {
  if (failureOf(error, rpcUrl).retry) return error;
  throw rpcFailure(error, rpcUrl);
}

/** The chain the RPC at `rpcUrl` serves; an RPC that does not answer fails here (integra.ts says so in one line). */
async function chainIdAt(rpcUrl: string): Promise<number> {
  if (!/^https?:\/\//.test(rpcUrl)) throw new CliError(`Not an RPC URL: "${rpcUrl}". Expected http(s)://… (--rpc URL).`);
  return createIntegraClient(rpcUrl, RPC_OPTIONS).getChainId();
}

/**
 * A client of chain `chainId` at `rpcUrl`, as the SDK's createIntegraClient makes one (batching, no cached head) but
 * of the given chain: that one is of the default chain, and a reader takes its deployment from its client's chain.
 */
function clientOn(chainId: number, rpcUrl: string): PublicClient {
  return createPublicClient({
    chain: chainFor(chainId, rpcUrl),
    transport: http(rpcUrl, { batch: { wait: 16 }, timeout: RPC_OPTIONS.timeoutMs, retryCount: RPC_OPTIONS.retryCount }),
    cacheTime: 0,
  });
}

/** `client`, once the registry of its chain's deployment has code there. */
async function withRegistry(client: PublicClient, chainId: number, rpcUrl: string): Promise<PublicClient> {
  const { registry } = integraOn(chainId);
  const code = await client.getCode({ address: registry.address });
  if (!code || code === "0x") {
    throw new CliError(
      `No Integra registry at ${registry.address} on chain ${chainId} at ${rpcUrl}: was the chain restarted without a deploy?`,
      { code: "NoDeployment" },
    );
  }
  return client;
}
