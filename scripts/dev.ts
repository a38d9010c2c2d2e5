// `npm run dev`: the whole product on its embedded default: anvil with EAS and the Integra contracts
// deployed and the demo seeded, and the app on http://localhost:3000. Ctrl-C stops all of it.
import { spawn } from "node:child_process";
import { ROOT } from "./stack/artifacts.ts";
import { startLocalChain } from "./stack/localChain.ts";

const local = await startLocalChain({ seed: !process.argv.includes("--no-seed") });
console.log(`Chain ready on ${local.anvil.rpcUrl}. Demo agreement: http://localhost:3000/records/${local.demo?.agreement ?? ""}`);
if (local.demo) console.log(`Demo workflow (the title company's closing): http://localhost:3000/workflows/${local.demo.workflow}`);

const production = process.argv.includes("--production");
const app = production
  ? // scripts/server.ts rather than `next start`: the relayer's per-client limit needs each client's address.
    spawn("sh", ["-c", "npx next build && npx tsx scripts/server.ts --port 3000"], {
      cwd: ROOT,
      stdio: "inherit",
      detached: true,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    })
  : spawn("npx", ["next", "dev", "-p", "3000"], {
      cwd: ROOT,
      stdio: "inherit",
      detached: true,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
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
  await local.anvil.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
app.on("exit", (code) => void stop(code ?? 0));
