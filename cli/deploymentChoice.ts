import { readFileSync } from "node:fs";
import {
  DeploymentFileError,
  addDeployment,
  chainFor,
  deploymentChainId,
  deploymentInUse,
  deploymentOn,
  parseDeployment,
  selectDeployment,
} from "@/lib/sdk";
import { chainIdArgument } from "./chains";
import { CliError } from "./errors";

/**
 * Where the deployments come from: --deployment FILE, repeatable with one per chain (or INTEGRA_DEPLOYMENT), --chain
 * NAME (or INTEGRA_CHAIN).
 */
export interface DeploymentOptions {
  deploymentFiles: readonly string[];
  chain?: string;
}

/** The chains the --deployment files are of, and each one's file. */
const chainsGivenByFile = new Map<number, string>();
/** Whether a --deployment file or --chain chose the deployment (else it is only the checkout's default chain's). */
let chosenByOption = false;

/**
 * Chooses the deployment before a command runs: the (first) file given, else the deployment known for the chain
 * named, else (decided in `deploymentForChain` once the RPC answers) the one known for the RPC's chain. The package
 * knows the public deployments committed under contracts/deployments; a checkout also knows its local chains'. Further
 * files are each another chain's deployment, for the other --rpc of a command that reads several chains.
 */
export function chooseDeployment({ deploymentFiles, chain }: DeploymentOptions): void {
  const [deploymentFile, ...others] = deploymentFiles;
  if (deploymentFile !== undefined) {
    chosenByOption = true;
    selectDeployment(readDeploymentFile(deploymentFile));
    chainsGivenByFile.set(deploymentChainId, deploymentFile);
    for (const file of others) {
      const deployment = readDeploymentFile(file);
      const earlier = chainsGivenByFile.get(deployment.chainId);
      if (earlier !== undefined) {
        throw new CliError(`${earlier} and ${file} are both deployments on chain ${deployment.chainId}: give one --deployment per chain.`);
      }
      chainsGivenByFile.set(deployment.chainId, file);
      addDeployment(deployment);
    }
    if (chain !== undefined && chainIdArgument(chain) !== deploymentChainId) {
      throw new CliError(`${deploymentFile} is a deployment on chain ${deploymentChainId}, not on ${chain} (--chain).`, {
        code: "WrongChain",
      });
    }
    return;
  }
  if (chain === undefined) return;
  const chainId = chainIdArgument(chain);
  const known = deploymentOn(chainId);
  if (!known) throw noDeployment(chainId);
  chosenByOption = true;
  selectDeployment(known);
}

/**
 * Once the RPC said its chain: the deployment in use must be on it; with none chosen, the one known for that chain
 * is used.
 */
export function deploymentForChain(chainId: number, rpcUrl: string): void {
  if (deploymentInUse() === undefined) {
    const known = deploymentOn(chainId);
    if (!known) throw noDeployment(chainId);
    selectDeployment(known);
    return;
  }
  // Several --deployment files, in any order: the one of the (first) RPC's chain is the deployment in use. With no
  // option, the checkout's default chain is only a default: an RPC of another chain it knows (its second local
  // chain, a public one) uses that chain's.
  const given = deploymentOn(chainId);
  if (chainId !== deploymentChainId && (chainsGivenByFile.has(chainId) || !chosenByOption) && given) {
    selectDeployment(given);
    return;
  }
  if (chainId !== deploymentChainId) {
    throw new CliError(
      `The RPC at ${rpcUrl} serves chain ${chainId} (${chainFor(chainId).name}), but the deployment in use is on chain ${deploymentChainId} (${chainFor(deploymentChainId).name}).`,
      { code: "WrongChain" },
    );
  }
}

/**
 * Once every RPC of a command that reads several chains said its chain (`chainIds`, in --rpc order): the first is the
 * default chain, whose deployment is the one in use (checked as `deploymentForChain` checks one RPC's); every other
 * chain's is the one known for it (one of the --deployment files, or one the package knows). --deployment files may
 * come in any order, and name only some of the chains.
 */
export function deploymentForChains(chainIds: readonly number[], rpcUrls: readonly string[]): void {
  const [first, ...others] = chainIds;
  // The deployment in use is a file's of another of these chains: the first chain's is then the one known for it.
  if (first !== deploymentChainId && chainsGivenByFile.has(deploymentChainId) && others.includes(deploymentChainId)) {
    const known = deploymentOn(first);
    if (!known) throw noDeployment(first);
    selectDeployment(known);
  }
  deploymentForChain(first, rpcUrls[0]);
  for (const chainId of others) if (!deploymentOn(chainId)) throw noDeployment(chainId);
}

function noDeployment(chainId: number): CliError {
  return new CliError(
    `No Integra deployment is known for chain ${chainId} (${chainFor(chainId).name}): pass --deployment FILE (one per chain), the JSON that npm run deploy writes (contracts/deployments/<chainId>.json).`,
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
