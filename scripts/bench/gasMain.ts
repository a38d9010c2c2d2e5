// `npm run bench:gas`: a fresh anvil (port 8546), the contracts deployed, gas measured and printed.
import { deployIntegra } from "../stack/deploy.ts";
import { startAnvil } from "../stack/anvil.ts";
import { forgeBuild } from "../stack/build.ts";
import { clientsFor } from "../stack/clients.ts";
import { ANVIL_KEYS } from "../stack/chains.ts";
import { writeGeneratedModule } from "../stack/generate.ts";

forgeBuild();
// gas.ts writes with the generated ABIs: regenerate them from this build (as `npm run generate` does), then load it.
writeGeneratedModule();
const { formatGasReport, measureGas } = await import("./gas.ts");
const { formatEscrowGasReport, measureEscrowGas } = await import("./escrowGas.ts");
const anvil = await startAnvil(8546);
try {
  const deployment = await deployIntegra(await clientsFor(anvil.rpcUrl, ANVIL_KEYS[0]));
  console.log(formatGasReport(await measureGas(anvil.rpcUrl, deployment)));
  console.log(`\n${formatEscrowGasReport(await measureEscrowGas(anvil.rpcUrl, deployment))}`);
} finally {
  await anvil.stop();
}
