// `npm run bench`: one fresh anvil (port 8547) with EAS and Integra deployed, the app built against it
// (.next-bench) and served by `next start` on :3100, then every section in order, each printing its table.
// Everything started is stopped at the end, on failure and on Ctrl-C too. Sections report numbers; a slow
// run never fails, a broken one (an exception) makes the exit code 1 after the other sections have run.
import { deployIntegra, type Deployment } from "../lib/deploy.ts";
import { type RunningAnvil, startAnvil } from "../lib/anvil.ts";
import { forgeBuild } from "../lib/build.ts";
import { ANVIL_KEYS } from "../lib/chains.ts";
import { clientsFor } from "../lib/clients.ts";
import { type RunningApp, buildApp, removeAppBuild, startApp } from "./app.ts";
import { bundleSection } from "./bundle.ts";
import { dashboardAtScaleSection } from "./dashboardAtScale.ts";
import { gasSection } from "./gasSection.ts";
import { hashingSection } from "./hashing.ts";
import { timelineAtScaleSection } from "./timelineAtScale.ts";
import type { BenchContext, BenchSection } from "./types.ts";

/** Not 8545/8546: the dev chain, e2e and `bench:gas` use those, and the bench may run beside them. */
const BENCH_CHAIN_PORT = 8547;

/** Run in this order; add new sections here. */
const sections: BenchSection[] = [gasSection, hashingSection, bundleSection, timelineAtScaleSection, dashboardAtScaleSection];

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/**
 * The app reads contract addresses from lib/generated/integra.ts, written by the dev chain's deploy. A fresh
 * anvil deployed by account 0 in the same order gets the same addresses; say so if that ever stops holding.
 */
async function warnIfAppAddressesDiffer(deployment: Deployment): Promise<void> {
  try {
    const generated = (await import("../../lib/generated/integra.ts")) as {
      deployments: Record<string, { addresses: Record<string, string> } | undefined>;
    };
    const appRegistry = generated.deployments[String(deployment.chainId)]?.addresses.IntegraRecordV1;
    if (appRegistry?.toLowerCase() !== deployment.addresses.IntegraRecordV1.toLowerCase()) {
      console.warn(`bench: the app is built for registry ${appRegistry ?? "(none)"}, the bench chain has ${deployment.addresses.IntegraRecordV1}; record pages will show "not found".`);
    }
  } catch {
    console.warn("bench: lib/generated/integra.ts is missing (run `npm run generate`); the app build will fail.");
  }
}

let anvil: RunningAnvil | undefined;
let app: RunningApp | undefined;
let stopping: Promise<void> | undefined;

function stopAll(): Promise<void> {
  stopping ??= (async () => {
    await app?.stop();
    await anvil?.stop();
    removeAppBuild();
  })();
  return stopping;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\nbench: ${signal}, stopping the app and the chain.`);
    void stopAll().finally(() => process.exit(130));
  });
}

const startedAt = performance.now();
let failures = 0;
try {
  forgeBuild();
  anvil = await startAnvil(BENCH_CHAIN_PORT);
  const deployment = await deployIntegra(await clientsFor(anvil.rpcUrl, ANVIL_KEYS[0]));
  await warnIfAppAddressesDiffer(deployment);

  const buildStartedAt = performance.now();
  buildApp(anvil.rpcUrl, deployment.chainId);
  app = await startApp();
  console.log(`Chain on ${anvil.rpcUrl}; app built in ${seconds(buildStartedAt)} s and served on ${app.url}.`);

  const ctx: BenchContext = { rpcUrl: anvil.rpcUrl, deployment, appUrl: app.url };
  for (const section of sections) {
    const sectionStartedAt = performance.now();
    console.log(`\n=== ${section.name} ===\n`);
    try {
      console.log(await section.run(ctx));
    } catch (error) {
      failures += 1;
      console.error(`bench: section "${section.name}" failed:`, error);
    }
    console.log(`\n(${section.name}: ${seconds(sectionStartedAt)} s)`);
  }
} catch (error) {
  failures += 1;
  console.error("bench: setup failed:", error);
} finally {
  await stopAll();
}
console.log(`\nTotal: ${seconds(startedAt)} s${failures > 0 ? `, ${failures} failure(s)` : ""}.`);
process.exit(failures > 0 ? 1 : 0);
