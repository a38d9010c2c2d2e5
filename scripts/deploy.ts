// `npm run deploy`: deploys to RPC_URL with DEPLOYER_PRIVATE_KEY (defaults: the local anvil and its first
// dev key), using the canonical EAS of that chain (or EAS_ADDRESS / SCHEMA_REGISTRY_ADDRESS), and
// regenerates lib/generated/integra.ts.
import type { Hex } from "viem";
import { ANVIL_KEYS } from "./stack/chains.ts";
import { forgeBuild } from "./stack/build.ts";
import { clientsFor } from "./stack/clients.ts";
import { deployIntegra } from "./stack/deploy.ts";
import { saveDeployment, writeGeneratedModule } from "./stack/generate.ts";

const rpcUrl = process.env.RPC_URL ?? "http://127.0.0.1:8545";
const clients = await clientsFor(rpcUrl, (process.env.DEPLOYER_PRIVATE_KEY as Hex | undefined) ?? ANVIL_KEYS[0]);
forgeBuild();
const deployment = await deployIntegra(clients);
saveDeployment(deployment);
console.log(JSON.stringify(deployment, null, 2));
console.log(`wrote ${writeGeneratedModule()}`);
