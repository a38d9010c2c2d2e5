// `npm run dev`: the whole product on its embedded default: two anvil chains (A: 31337 on :8545, the default;
// B: 31338 on :8555) with EAS and the Integra contracts deployed and the demo seeded across both, and the app on
// http://localhost:3000 reading both. Ctrl-C stops all of it.
import { spawn } from "node:child_process";
import { ROOT } from "./stack/artifacts.ts";
import { LOCAL_CHAIN_ID } from "./stack/chains.ts";
import { startLocalChain } from "./stack/localChain.ts";

const local = await startLocalChain({ seed: !process.argv.includes("--no-seed") });
const chains = [local, ...(local.second ? [local.second] : [])];
console.log(`Chains ready: ${chains.map((c) => `${c.deployment.chainId} on ${c.anvil.rpcUrl}`).join(", ")}.`);
if (local.demo) {
  console.log(`Demo agreement: http://localhost:3000/records/${local.demo.agreement}`);
  console.log(`Demo workflow (the title company's closing, on both chains): http://localhost:3000/workflows/${local.demo.workflow}`);
}
/** The app reads every chain of the stack and writes to chain A unless a record lives on chain B. */
const chainEnv = {
  NEXT_PUBLIC_CHAIN_ID: String(LOCAL_CHAIN_ID),
  NEXT_PUBLIC_RPC_URL: local.anvil.rpcUrl,
  NEXT_PUBLIC_CHAINS: JSON.stringify(chains.map((c) => ({ id: c.deployment.chainId, rpc: c.anvil.rpcUrl }))),
};

const production = process.argv.includes("--production");
const app = production
  ? // scripts/server.ts rather than `next start`: the relayer's per-client limit needs each client's address.
    spawn("sh", ["-c", "npx next build && npx tsx scripts/server.ts --port 3000"], {
      cwd: ROOT,
      stdio: "inherit",
      detached: true,
      env: { ...process.env, ...chainEnv, NEXT_TELEMETRY_DISABLED: "1" },
    })
  : spawn("npx", ["next", "dev", "-p", "3000"], {
      cwd: ROOT,
      stdio: "inherit",
      detached: true,
      env: { ...process.env, ...chainEnv, NEXT_TELEMETRY_DISABLED: "1" },
    });

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  try {
    if (app.pid) process.kill(-app.pid, "SIGTERM");
  } catch {
    // already gone
  }
  await local.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
app.on("exit", (code) => void stop(code ?? 0));
