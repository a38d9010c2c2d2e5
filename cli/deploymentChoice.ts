import { readFileSync } from "node:fs";
import { deploymentsByChainId } from "@/lib/generated/deployments";
import { DeploymentFileError, chainFor, deploymentChainId, deploymentInUse, parseDeployment, selectDeployment } from "@/lib/sdk";
import { chainIdArgument } from "./chains";
import { CliError } from "./errors";

/** Where the deployment comes from: --deployment FILE (or INTEGRA_DEPLOYMENT), --chain NAME (or INTEGRA_CHAIN). */
export interface DeploymentOptions {
  deploymentFile?: string;
  chain?: string;
}

/**
 * Chooses the deployment before a command runs: the file given, else the deployment known for the chain named,
 * else (decided in `deploymentForChain` once the RPC answers) the one known for the RPC's chain. The package knows
 * the public deployments committed under contracts/deployments; a checkout also knows its local chain's.
 */
export function chooseDeployment({ deploymentFile, chain }: DeploymentOptions): void {
  if (deploymentFile !== undefined) {
    selectDeployment(readDeploymentFile(deploymentFile));
    if (chain !== undefined && chainIdArgument(chain) !== deploymentChainId) {
      throw new CliError(`${deploymentFile} is a deployment on chain ${deploymentChainId}, not on ${chain} (--chain).`, {
        code: "WrongChain",
      });
    }
    return;
  }
  if (chain === undefined) return;
  const chainId = chainIdArgument(chain);
  const known = deploymentsByChainId[chainId];
  if (!known) throw noDeployment(chainId);
  selectDeployment(known);
}

/**
 * Once the RPC said its chain: the deployment in use must be on it; with none chosen, the one known for that chain
 * is used.
 */
export function deploymentForChain(chainId: number, rpcUrl: string): void {
  if (deploymentInUse() === undefined) {
    const known = deploymentsByChainId[chainId];
    if (!known) throw noDeployment(chainId);
    selectDeployment(known);
    return;
  }
  if (chainId !== deploymentChainId) {
    throw new CliError(
      `The RPC at ${rpcUrl} serves chain ${chainId} (${chainFor(chainId).name}), but the deployment in use is on chain ${deploymentChainId} (${chainFor(deploymentChainId).name}).`,
      { code: "WrongChain" },
    );
  }
}

function noDeployment(chainId: number): CliError {
  return new CliError(
    `No Integra deployment is known for chain ${chainId} (${chainFor(chainId).name}): pass --deployment FILE, the JSON that npm run deploy writes (contracts/deployments/<chainId>.json).`,
    { code: "NoDeployment" },
  );
}

function readDeploymentFile(path: string) {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new CliError(`Cannot read the deployment file ${path} (--deployment).`);
  }
  try {
    return parseDeployment(JSON.parse(text), path);
  } catch (error) {
    if (error instanceof DeploymentFileError) throw new CliError(error.message);
    throw new CliError(`${path} is not JSON (--deployment).`);
  }
}
