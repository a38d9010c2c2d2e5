// `npm run test:e2e`: two anvils (deployed and seeded), chain A (31337, the default) on :8545 and chain B (31338) on
// :8555, a fault-injecting JSON-RPC proxy in front of each (:8546 and :8556; passing everything unless a test switches
// it: e2e/faults.ts), the app built once against the proxies and served by `next start` on :3000, then Playwright.
// Tests and their wallet talk to the anvils directly; the app (browser and relayer) goes through the proxies.
// Everything is stopped afterwards; the exit code is Playwright's.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./stack/artifacts.ts";
import { startLocalChain } from "./stack/localChain.ts";
import { type RpcProxy, startRpcProxy } from "./stack/rpcProxy.ts";

/** Where the app reads and writes chain A: the proxy (e2e/anvil.ts names the same port as APP_RPC_URL). */
const PROXY_PORT = 8546;
/** Where the app reads and writes chain B: its own proxy (e2e/anvil.ts: APP_RPC_URL_B). */
const SECOND_PROXY_PORT = 8556;

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

if (
  await fetch("http://localhost:3000").then(
    () => true,
    () => false,
  )
) {
  console.error("Something already answers on http://localhost:3000: stop it first, or the tests would run against it.");
  process.exit(1);
}

const local = await startLocalChain({ port: 8545, secondPort: 8555, seed: true });
let server: ChildProcess | undefined;
const proxies: RpcProxy[] = [];
let exitCode = 1;
try {
  const { second } = local;
  if (!second) throw new Error("the local stack started without chain B");
  const proxy = await startRpcProxy({ target: local.anvil.rpcUrl, port: PROXY_PORT });
  proxies.push(proxy);
  const secondProxy = await startRpcProxy({ target: second.anvil.rpcUrl, port: SECOND_PROXY_PORT });
  proxies.push(secondProxy);
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_PUBLIC_CHAIN_ID: String(local.deployment.chainId),
    NEXT_PUBLIC_RPC_URL: proxy.url,
    NEXT_PUBLIC_CHAINS: JSON.stringify([
      { id: local.deployment.chainId, rpc: proxy.url },
      { id: second.deployment.chainId, rpc: secondProxy.url },
    ]),
  };
  if (!process.argv.includes("--no-build")) {
    const build = spawnSync("npx", ["next", "build"], { cwd: ROOT, env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  // The CLI the tests run is the package's build (e2e/integra.ts), as an integrator runs it.
  if (!process.argv.includes("--no-build") || !existsSync(path.join(ROOT, "cli", "dist", "integra.js"))) {
    const packaged = spawnSync("npm", ["run", "-s", "build:package"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (packaged.status !== 0) throw new Error("npm run build:package failed");
  }
  // The app's own server (scripts/server.ts, as `npm start` runs it), with a relayer store of this run's own in memory.
  server = spawn("npx", ["tsx", "scripts/server.ts", "--port", "3000"], {
    cwd: ROOT,
    env: { ...env, RELAYER_STORE: "sqlite::memory:" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  await waitForHttp("http://localhost:3000/verify", 60_000);
  const extra = process.argv.slice(2).filter((a) => a !== "--no-build");
  // Not spawnSync: the proxies live in this process, and must keep answering while Playwright runs.
  const playwright = spawn("npx", ["playwright", "test", ...extra], {
    cwd: ROOT,
    // Ids (the payment request's, the demo escrow's) are bigints: passed as decimal strings. Chain B's record is in
    // it too (demo.secondChain).
    env: {
      ...env,
      E2E_DEMO: JSON.stringify(local.demo ?? {}, (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value)),
    },
    stdio: "inherit",
  });
  exitCode = await new Promise<number>((resolve) => playwright.once("exit", (code) => resolve(code ?? 1)));
} catch (error) {
  console.error(error);
} finally {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  await local.stop();
}
process.exit(exitCode);
