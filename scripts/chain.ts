// `npm run chain`: anvil on 127.0.0.1:8545 (or --port N) with EAS and the Integra contracts deployed and (unless
// --no-seed) the demo seeded. Ctrl-C stops anvil.
import { startLocalChain } from "./stack/localChain.ts";

const portArg = process.argv.indexOf("--port");
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8545;
const local = await startLocalChain({ port, seed: !process.argv.includes("--no-seed") });
const { addresses, deployBlock, capabilitySchemaUid } = local.deployment;
console.log(`Local chain on ${local.anvil.rpcUrl} (chain 31337), deployed from block ${deployBlock}`);
for (const [name, address] of Object.entries(addresses)) console.log(`  ${name.padEnd(28)} ${address}`);
console.log(`  capability schema            ${capabilitySchemaUid}`);
if (local.demo) {
  console.log(`Demo workflow:  /workflows/${local.demo.workflow} (the title company's; the clerk and the escrow agent are members)`);
  console.log(`Demo deed:      /records/${local.demo.deed}`);
  console.log(`Demo agreement: /records/${local.demo.agreement} (2 of 3 claimed, payment #${local.demo.paymentId} pending)`);
  console.log(`Demo escrow:    #${local.demo.escrowId} on the agreement (25,000 tUSD held, waiting on the inspection)`);
}
console.log("Ctrl-C to stop.");

const stop = async () => {
  await local.anvil.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
