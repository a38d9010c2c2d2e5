// `npm run bench`: one fresh anvil (port 8547) with EAS and Integra deployed, the app built against it
// (.next-bench) and served by `next start` on :3100, then every section in order, each printing its table.
// Everything started is stopped at the end, on failure and on Ctrl-C too. Sections report numbers; a slow
// run never fails, a broken one (an exception) makes the exit code 1 after the other sections have run.
import { deployIntegra } from "../stack/deploy.ts";
import { saveDeployment, writeGeneratedModule } from "../stack/generate.ts";
import { type RunningAnvil, startAnvil } from "../stack/anvil.ts";
import { forgeBuild } from "../stack/build.ts";
import { ANVIL_KEYS } from "../stack/chains.ts";
import { clientsFor } from "../stack/clients.ts";
import type { RunningAppServer } from "../relayer/appServer.ts";
import { buildApp, removeAppBuild, startApp } from "./app.ts";
import type { BenchContext, BenchSection } from "./types.ts";

/** Not 8545/8546: the dev chain, e2e and `bench:gas` use those, and the bench may run beside them. */
const BENCH_CHAIN_PORT = 8547;

/**
 * The sections, in the order they run; add new ones here. Imported only after the deploy has written
 * lib/generated/integra.ts, because the app's reading code they use reads its addresses at import.
 */
async function loadSections(): Promise<BenchSection[]> {
  const [
    { gasSection },
    { relayLatencySection },
    { hashingSection },
    { bundleSection },
    { timelineAtScaleSection },
    { dashboardAtScaleSection },
    { timeToVerdictSection },
    { cliStartSection },
    { workflowAcrossChainsSection },
  ] = await Promise.all([
    import("./gasSection.ts"),
    import("./relayLatency.ts"),
    import("./hashing.ts"),
    import("./bundle.ts"),
    import("./timelineAtScale.ts"),
    import("./dashboardAtScale.ts"),
    import("./timeToVerdict.ts"),
    import("./cliStart.ts"),
    import("./workflowAcrossChains.ts"),
  ]);
  return [
    gasSection,
    relayLatencySection,
    hashingSection,
    bundleSection,
    timelineAtScaleSection,
    dashboardAtScaleSection,
    timeToVerdictSection,
    cliStartSection,
    workflowAcrossChainsSection,
  ];
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

let anvil: RunningAnvil | undefined;
let app: RunningAppServer | undefined;
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
  // The app build reads addresses from the generated module: write it from this very deployment.
  saveDeployment(deployment);
  writeGeneratedModule();

  const buildStartedAt = performance.now();
  buildApp(anvil.rpcUrl, deployment.chainId);
  app = await startApp();
  console.log(`Chain on ${anvil.rpcUrl}; app built in ${seconds(buildStartedAt)} s and served on ${app.url}.`);

  const ctx: BenchContext = { rpcUrl: anvil.rpcUrl, deployment, appUrl: app.url };
  // `npm run bench -- relay gas` runs only the sections whose names contain one of the words.
  const only = process.argv.slice(2).map((word) => word.toLowerCase());
  const sections = (await loadSections()).filter((s) => only.length === 0 || only.some((word) => s.name.toLowerCase().includes(word)));
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
