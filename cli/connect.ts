import type { PublicClient } from "viem";
import { createIntegraClient, registry } from "@/lib/sdk";
import { deploymentForChain } from "./deploymentChoice";
import { CliError } from "./errors";

/**
 * A client of the deployment's chain at `rpcUrl`, checked before any read: the RPC answers, a deployment is known for
 * the chain it serves (or the one chosen is on it), and the registry has code there. Each failure is one specific
 * message.
 */
export async function connect(rpcUrl: string): Promise<PublicClient> {
  if (!/^https?:\/\//.test(rpcUrl)) throw new CliError(`Not an RPC URL: "${rpcUrl}". Expected http(s)://… (--rpc URL).`);
  // An RPC that does not answer fails here; integra.ts says so in one line (cli/errors.ts describeFailure).
  const chainId = await createIntegraClient(rpcUrl, { retryCount: 1, timeoutMs: 10_000 }).getChainId();
  deploymentForChain(chainId, rpcUrl);
  const client = createIntegraClient(rpcUrl, { retryCount: 1, timeoutMs: 10_000 });
  const code = await client.getCode({ address: registry.address });
  if (!code || code === "0x") {
    throw new CliError(
      `No Integra registry at ${registry.address} on chain ${chainId} at ${rpcUrl}: was the chain restarted without a deploy?`,
      { code: "NoDeployment" },
    );
  }
  return client;
}
