// Section 1: gas of the product's writes against their lower bounds (measured by gas.ts on the bench chain).
import { formatGasTable, forwardedOverDirect, measureGas, onePartySetTransaction } from "./gas.ts";
import type { BenchSection } from "./types.ts";

export const gasSection: BenchSection = {
  name: "Gas",
  async run(ctx) {
    const rows = await measureGas(ctx.rpcUrl, ctx.deployment);
    return `Gas per operation (lower bound = 21,000 + 22,100 x new storage slots + log gas)\n\n${formatGasTable(rows)}\n\n${[...forwardedOverDirect(rows), onePartySetTransaction(rows)].join("\n")}`;
  },
};
