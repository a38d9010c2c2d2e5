import { ANVIL_KEYS } from "./chains.ts";
import { startAnvil, type RunningAnvil } from "./anvil.ts";
import { forgeBuild } from "./build.ts";
import { clientsFor } from "./clients.ts";
import { type Deployment, deployIntegra } from "./deploy.ts";
import { saveDeployment, writeGeneratedModule } from "./generate.ts";
import { type DemoRecords, seedDemo } from "./seed.ts";
import { LOCAL_RELAYER_ADDRESS } from "../../lib/relay/localRelayerKey.ts";

/** Gives the local relayer's sponsor account 100 ETH: it pays the parties' gas, so they need none. */
async function fundLocalRelayer(rpcUrl: string): Promise<void> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_setBalance", params: [LOCAL_RELAYER_ADDRESS, "0x56bc75e2d63100000"] }),
  });
  const body = (await response.json()) as { error?: { message: string } };
  if (body.error) throw new Error(`funding the local relayer failed: ${body.error.message}`);
}

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
    const demo = options.seed === false ? undefined : await seedDemo(anvil.rpcUrl, deployment);
    return { anvil, deployment, demo };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
