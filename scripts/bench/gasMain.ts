// `npm run bench:gas`: a fresh anvil (port 8546), the contracts deployed, gas measured and printed.
import { deployIntegra } from "../lib/deploy.ts";
import { startAnvil } from "../lib/anvil.ts";
import { forgeBuild } from "../lib/build.ts";
import { clientsFor } from "../lib/clients.ts";
import { ANVIL_KEYS } from "../lib/chains.ts";
import { writeGeneratedModule } from "../lib/generate.ts";

forgeBuild();
// gas.ts writes with the generated ABIs: regenerate them from this build (as `npm run generate` does), then load it.
writeGeneratedModule();
const { formatGasTable, forwardedOverDirect, measureGas, onePartySetTransaction } = await import("./gas.ts");
const anvil = await startAnvil(8546);
try {
  const deployment = await deployIntegra(await clientsFor(anvil.rpcUrl, ANVIL_KEYS[0]));
  console.log("Gas per operation (lower bound = 21,000 + 22,100 x new storage slots + log gas)\n");
  const rows = await measureGas(anvil.rpcUrl, deployment);
  console.log(formatGasTable(rows));
  console.log(`\n${[...forwardedOverDirect(rows), onePartySetTransaction(rows)].join("\n")}`);
} finally {
  await anvil.stop();
}
