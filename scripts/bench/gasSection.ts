// Section 1: gas of the product's writes against their lower bounds (measured by gas.ts on the bench chain).
import { formatEscrowGasReport, measureEscrowGas } from "./escrowGas.ts";
import { formatGasReport, measureGas } from "./gas.ts";
import type { BenchSection } from "./types.ts";

export const gasSection: BenchSection = {
  name: "Gas",
  async run(ctx) {
    const report = formatGasReport(await measureGas(ctx.rpcUrl, ctx.deployment));
    return `${report}\n\n${formatEscrowGasReport(await measureEscrowGas(ctx.rpcUrl, ctx.deployment))}`;
  },
};
