// `npm run chain`: two anvil chains, A (31337) on 127.0.0.1:8545 (or --port N) and B (31338) ten ports above (or
// --second-port N), with EAS and the Integra contracts deployed on each and (unless --no-seed) the demo seeded across
// both. Ctrl-C stops both.
import { startLocalChain } from "./stack/localChain.ts";

function portArgument(flag: string): number | undefined {
  const at = process.argv.indexOf(flag);
  return at > 0 ? Number(process.argv[at + 1]) : undefined;
}

const local = await startLocalChain({
  port: portArgument("--port"),
  secondPort: portArgument("--second-port"),
  seed: !process.argv.includes("--no-seed"),
});
for (const [label, node] of [
  ["A (the default chain)", local],
  ["B", local.second],
] as const) {
  if (!node) continue;
  const { chainId, addresses, deployBlock, capabilitySchemaUid } = node.deployment;
  console.log(`Local chain ${label}: ${node.anvil.rpcUrl} (chain ${chainId}), deployed from block ${deployBlock}`);
  for (const [name, address] of Object.entries(addresses)) console.log(`  ${name.padEnd(28)} ${address}`);
  console.log(`  capability schema            ${capabilitySchemaUid}`);
}
if (local.second) {
  const chains = [local, local.second].map((node) => ({ id: node.deployment.chainId, rpc: node.anvil.rpcUrl }));
  console.log(`The app reads both with NEXT_PUBLIC_CHAINS='${JSON.stringify(chains)}' (npm run dev sets it).`);
}
if (local.demo) {
  console.log(`Demo workflow:  /workflows/${local.demo.workflow} (the title company's; the clerk and the escrow agent are members)`);
  console.log(`Demo deed:      /records/${local.demo.deed}`);
  console.log(`Demo agreement: /records/${local.demo.agreement} (2 of 3 claimed, payment #${local.demo.paymentId} pending)`);
  console.log(`Demo escrow:    #${local.demo.escrowId} on the agreement (25,000 tUSD held, waiting on the inspection)`);
  const second = local.demo.secondChain;
  if (second) {
    console.log(`On chain ${second.chainId}: /records/${second.commitment} (the lender's commitment letter, same workflow)`);
  }
}
console.log("Ctrl-C to stop.");

const stop = async () => {
  await local.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
