import { createTestClient, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ANVIL_KEYS, SECOND_LOCAL_CHAIN_ID } from "./chains.ts";
import { fundLocalRelayer, nextBlockAfter, startAnvil, type RunningAnvil } from "./anvil.ts";
import { forgeBuild } from "./build.ts";
import { clientsFor } from "./clients.ts";
import { type Deployment, deployIntegra } from "./deploy.ts";
import { saveDeployment, writeGeneratedModule } from "./generate.ts";
import type { DemoRecords } from "./seed.ts";

/** One anvil of the local stack, with EAS and Integra deployed on it. */
export interface LocalNode {
  anvil: RunningAnvil;
  deployment: Deployment;
}

/** The local stack: chain A (31337, the default chain), usually chain B (31338) beside it, and the demo. */
export interface LocalChain extends LocalNode {
  /** Chain B, unless the stack was started with chain A alone. */
  second?: LocalNode;
  /** The seeded demo; with chain B, `demo.secondChain` is its record. */
  demo?: DemoRecords;
  /** Stops every anvil of the stack. */
  stop: () => Promise<void>;
}

export interface LocalChainOptions {
  /** Chain A's port (default 8545). */
  port?: number;
  /** Chain B's port (default: ten above chain A's), or false for chain A alone. */
  secondPort?: number | false;
  seed?: boolean;
}

/**
 * Chain B's deployer starts at this nonce, far past any chain A's deployer reaches, so none of chain B's contracts
 * lands at an address chain A uses: a reader that takes chain A's addresses on chain B finds no code and fails visibly.
 */
const SECOND_CHAIN_DEPLOYER_NONCE = 1000;

/** Deploys EAS and Integra on chain B, from a deployer nonce chain A's contracts never had. */
export async function deploySecondChain(rpcUrl: string): Promise<Deployment> {
  const deployer = privateKeyToAccount(ANVIL_KEYS[0]).address;
  await createTestClient({ mode: "anvil", transport: http(rpcUrl) }).setNonce({ address: deployer, nonce: SECOND_CHAIN_DEPLOYER_NONCE });
  return deployIntegra(await clientsFor(rpcUrl, ANVIL_KEYS[0]));
}

/** Starts chain A's anvil and, unless `secondPort` is false, chain B's; if either fails, stops the other. */
async function startAnvils(port: number, secondPort: number | false): Promise<{ anvil: RunningAnvil; secondAnvil?: RunningAnvil }> {
  const results = await Promise.allSettled([
    startAnvil(port),
    secondPort === false ? Promise.resolve(undefined) : startAnvil(secondPort, ["--chain-id", String(SECOND_LOCAL_CHAIN_ID)]),
  ]);
  const [first, second] = results;
  if (first.status === "fulfilled" && second.status === "fulfilled") return { anvil: first.value, secondAnvil: second.value };
  for (const result of results) if (result.status === "fulfilled") await result.value?.stop();
  throw results.find((result): result is PromiseRejectedResult => result.status === "rejected")?.reason;
}

/**
 * Builds the contracts, starts anvil for chain A and (unless `secondPort` is false) chain B, deploys EAS and Integra
 * on each, writes the generated module with both deployments, funds the local relayer on each, and seeds the demo:
 * chain A first, then chain B's record in the same workflow.
 */
export async function startLocalChain(options: LocalChainOptions = {}): Promise<LocalChain> {
  const port = options.port ?? 8545;
  forgeBuild();
  const { anvil, secondAnvil } = await startAnvils(port, options.secondPort ?? port + 10);
  const stop = async () => {
    await Promise.all([anvil.stop(), secondAnvil?.stop()]);
  };
  try {
    const [deployment, secondDeployment] = await Promise.all([
      deployIntegra(await clientsFor(anvil.rpcUrl, ANVIL_KEYS[0])),
      secondAnvil && deploySecondChain(secondAnvil.rpcUrl),
    ]);
    const second = secondAnvil && secondDeployment && { anvil: secondAnvil, deployment: secondDeployment };
    saveDeployment(deployment);
    await fundLocalRelayer(anvil.rpcUrl);
    if (second) {
      saveDeployment(second.deployment);
      await fundLocalRelayer(second.anvil.rpcUrl);
    }
    writeGeneratedModule();
    if (options.seed === false) return { anvil, deployment, second, stop };
    // The seed writes with the generated ABIs: imported only now that the module matches this build.
    const { seedDemo, seedSecondChain } = await import("./seed.ts");
    const demo = await seedDemo(anvil.rpcUrl, deployment);
    if (second) {
      await nextBlockAfter(second.anvil.rpcUrl, anvil.rpcUrl);
      demo.secondChain = await seedSecondChain(second.anvil.rpcUrl, second.deployment);
    }
    return { anvil, deployment, second, demo, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
