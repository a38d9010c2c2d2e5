import type { PublicClient } from "viem";
import { APP_CHAIN_ID, createIntegraClient, isDeployed, registry } from "@/lib/sdk";
import { CliError } from "./errors";

/**
 * A client of the configured chain at `rpcUrl`, checked before any read: the RPC answers, it is the chain this
 * deployment is for, and the registry has code there. Each failure is one specific message (exit code 2).
 */
export async function connect(rpcUrl: string): Promise<PublicClient> {
  if (!/^https?:\/\//.test(rpcUrl)) throw new CliError(`Not an RPC URL: "${rpcUrl}". Expected http(s)://… (--rpc URL).`);
  if (!isDeployed) {
    throw new CliError(`No Integra deployment for chain ${APP_CHAIN_ID} in lib/generated/integra.ts: deploy first (npm run deploy).`, {
      code: "NoDeployment",
    });
  }
  const client = createIntegraClient(rpcUrl, { retryCount: 1, timeoutMs: 10_000 });
  // An RPC that does not answer fails here; integra.ts says so in one line (cli/errors.ts describeFailure).
  const chainId = await client.getChainId();
  if (chainId !== APP_CHAIN_ID) {
    throw new CliError(
      `The RPC at ${rpcUrl} serves chain ${chainId}, but this deployment is for chain ${APP_CHAIN_ID} (NEXT_PUBLIC_CHAIN_ID).`,
      { code: "WrongChain" },
    );
  }
  const code = await client.getCode({ address: registry.address });
  if (!code || code === "0x") {
    throw new CliError(
      `No Integra registry at ${registry.address} on chain ${chainId} at ${rpcUrl}: was the chain restarted without a deploy?`,
      { code: "NoDeployment" },
    );
  }
  return client;
}
