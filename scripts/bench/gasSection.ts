// Section 1: gas of the product's writes against their lower bounds (measured by gas.ts on the bench chain).
import { formatGasReport, measureGas } from "./gas.ts";
import type { BenchSection } from "./types.ts";

export const gasSection: BenchSection = {
  name: "Gas",
  async run(ctx) {
    return formatGasReport(await measureGas(ctx.rpcUrl, ctx.deployment));
  },
};
