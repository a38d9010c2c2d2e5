// `npm run deploy`: deploys to RPC_URL with DEPLOYER_PRIVATE_KEY (defaults: the local anvil and its first
// dev key), using the canonical EAS of that chain (or EAS_ADDRESS / SCHEMA_REGISTRY_ADDRESS). It saves the deployment
// as contracts/deployments/<chainId>.json and regenerates lib/generated/integra.ts; with `--out FILE` it writes the
// deployment to FILE only (a rehearsal, or a deployment kept outside the checkout), for `integra --deployment FILE`.
import { writeFileSync } from "node:fs";
import type { Hex } from "viem";
import { ANVIL_KEYS } from "./stack/chains.ts";
import { forgeBuild } from "./stack/build.ts";
import { clientsFor } from "./stack/clients.ts";
import { deployIntegra } from "./stack/deploy.ts";
import { saveDeployment, writeGeneratedModule } from "./stack/generate.ts";

const rpcUrl = process.env.RPC_URL ?? "http://127.0.0.1:8545";
const outIndex = process.argv.indexOf("--out");
const out = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
if (outIndex > 0 && !out) throw new Error("--out needs a file name");
const clients = await clientsFor(rpcUrl, (process.env.DEPLOYER_PRIVATE_KEY as Hex | undefined) ?? ANVIL_KEYS[0]);
forgeBuild();
const deployment = await deployIntegra(clients);
console.log(JSON.stringify(deployment, null, 2));
if (out) {
  writeFileSync(out, `${JSON.stringify(deployment, null, 2)}\n`);
  console.log(`wrote ${out}`);
} else {
  saveDeployment(deployment);
  console.log(`wrote ${writeGeneratedModule()}`);
}
