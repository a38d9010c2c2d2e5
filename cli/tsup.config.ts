// The package (cli/package.json): the SDK (lib/sdk) and the `integra` command line, built into ESM with type
// declarations. `npm run build:package` runs it from the repository's root.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { type Options, defineConfig } from "tsup";

const ROOT = path.resolve(import.meta.dirname, "..");
const DEPLOYMENTS_DIR = path.join(ROOT, "contracts", "deployments");
/** The checkout's local anvil chains (lib/config/appChain.ts LOCAL_CHAIN_IDS): never published. */
const LOCAL_CHAIN_IDS = [31337, 31338];

/**
 * The deployments the package knows by chain: those committed under contracts/deployments (public chains), never the
 * checkout's local chains. Anything else is given at run time (--deployment FILE, the SDK's selectDeployment).
 */
function publishedDeployments(): Record<string, unknown> {
  const known: Record<string, unknown> = {};
  for (const file of readdirSync(DEPLOYMENTS_DIR).filter((f) => f.endsWith(".json"))) {
    const deployment = JSON.parse(readFileSync(path.join(DEPLOYMENTS_DIR, file), "utf8")) as { chainId: number };
    if (!LOCAL_CHAIN_IDS.includes(deployment.chainId)) known[deployment.chainId] = deployment;
  }
  return known;
}

/** Replaces the checkout's generated deployments with the published ones. */
const publishedDeploymentsModule: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "published-deployments",
  setup(build) {
    build.onResolve({ filter: /generated\/deployments$/ }, () => ({ path: "published-deployments", namespace: "integra" }));
    build.onLoad({ filter: /.*/, namespace: "integra" }, () => ({
      contents: `export const deploymentsByChainId = ${JSON.stringify(publishedDeployments())};\nexport const deployments = deploymentsByChainId;\n`,
      loader: "js",
    }));
  },
};

const common: Options = {
  outDir: "cli/dist",
  format: ["esm"],
  platform: "node",
  target: "node20",
  tsconfig: "tsconfig.json",
  treeshake: true,
  esbuildPlugins: [publishedDeploymentsModule],
};

export default defineConfig([
  // The SDK works with the integrator's own viem clients and errors: viem stays the package's dependency.
  { ...common, entry: { index: "lib/sdk/index.ts" }, dts: true, clean: true, external: ["viem"] },
  // The command line makes its own clients: the part of viem it uses is bundled in, which halves its start.
  { ...common, entry: { integra: "cli/integra.ts" }, noExternal: [/.*/], splitting: false },
]);
