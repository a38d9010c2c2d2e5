import { ANVIL_KEYS } from "./chains.ts";
import { fundLocalRelayer, startAnvil, type RunningAnvil } from "./anvil.ts";
import { forgeBuild } from "./build.ts";
import { clientsFor } from "./clients.ts";
import { type Deployment, deployIntegra } from "./deploy.ts";
import { saveDeployment, writeGeneratedModule } from "./generate.ts";
import type { DemoRecords } from "./seed.ts";

export interface LocalChain {
  anvil: RunningAnvil;
  deployment: Deployment;
  demo?: DemoRecords;
}

/** Builds the contracts, starts anvil, deploys EAS and Integra, writes the generated module, seeds the demo. */
export async function startLocalChain(options: { port?: number; seed?: boolean } = {}): Promise<LocalChain> {
  forgeBuild();
  const anvil = await startAnvil(options.port ?? 8545);
  try {
    const deployment = await deployIntegra(await clientsFor(anvil.rpcUrl, ANVIL_KEYS[0]));
    saveDeployment(deployment);
    await fundLocalRelayer(anvil.rpcUrl);
    writeGeneratedModule();
    // The seed writes with the generated ABIs: imported only now that the module matches this build.
    const demo = options.seed === false ? undefined : await (await import("./seed.ts")).seedDemo(anvil.rpcUrl, deployment);
    return { anvil, deployment, demo };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
