// Section: the `integra` command line as an integrator runs it. The installed package's CLI (cli/dist, built by
// `npm run build:package`) against the checkout's (TypeScript compiled by tsx on every call, as `npm run integra`
// runs it): the start of `--version`, and `status --json` of one record on the bench chain, median of 5 runs each;
// then the headline flow with the package: a clerk takes 20 deeds with two parties from files to claimable in one
// run, and one party claims its 20 tokens gaslessly through the bench app's relayer.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { fundLocalRelayer } from "../stack/anvil.ts";
import { ROOT } from "../stack/artifacts.ts";
import type { BenchContext, BenchSection } from "./types.ts";
import { formatTable } from "./table.ts";

const RUNS = 5;
const DEEDS = 20;
const CLERK_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

/** How each CLI is started: the package's built file, or the checkout's source through tsx's loader. */
const CLIS = {
  package: [path.join(ROOT, "cli", "dist", "integra.js")],
  checkout: ["--import", "tsx", path.join(ROOT, "cli", "integra.ts")],
} as const;

type Cli = keyof typeof CLIS;

/** Runs the CLI once; resolves with its wall time in seconds. */
function timeRun(cli: Cli, args: string[], env: NodeJS.ProcessEnv): { seconds: number; stdout: string } {
  const started = performance.now();
  const stdout = execFileSync(process.execPath, [...CLIS[cli], ...args], { cwd: ROOT, env, encoding: "utf8" });
  return { seconds: (performance.now() - started) / 1000, stdout };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function medianOf(cli: Cli, args: string[], env: NodeJS.ProcessEnv): number {
  return median(Array.from({ length: RUNS }, () => timeRun(cli, args, env).seconds));
}

export const cliStartSection: BenchSection = {
  name: "cli start",
  async run(ctx: BenchContext): Promise<string> {
    execFileSync("npm", ["run", "-s", "build:package"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    const dir = mkdtempSync(path.join(tmpdir(), "integra-bench-cli-"));
    const deploymentFile = path.join(dir, "deployment.json");
    writeFileSync(deploymentFile, JSON.stringify(ctx.deployment));
    const env = { ...process.env, INTEGRA_DEPLOYMENT: deploymentFile, INTEGRA_RPC_URL: ctx.rpcUrl };

    // The headline flow, timed once: 20 deeds from files to claimable, then one party's 20 gasless claims.
    // The parties' wallets: fresh keys that hold no ether, as a party's ephemeral wallet.
    const buyerKey = generatePrivateKey();
    const buyer = privateKeyToAccount(buyerKey);
    const seller = privateKeyToAccount(generatePrivateKey());
    const files = Array.from({ length: DEEDS }, (_, i) => {
      const file = path.join(dir, `deed-${i + 1}.txt`);
      writeFileSync(file, `bench deed ${i + 1} ${Date.now()} ${Math.random()}\n`);
      return file;
    });
    const parties = ["--party", `Buyer=${buyer.address}`, "--party", `Seller=${seller.address}`];
    const registered = timeRun("package", ["register", ...files, ...parties, "--workflow", "bench/deeds", "--attest", "--json"], {
      ...env,
      INTEGRA_PRIVATE_KEY: CLERK_KEY,
    });
    const records = (JSON.parse(registered.stdout) as { records: { integraHash: string }[] }).records;
    await fundLocalRelayer(ctx.rpcUrl);
    const claims = timeRun("package", ["claim", "--all", "--relayer", ctx.appUrl, "--wait", "--json"], {
      ...env,
      INTEGRA_PRIVATE_KEY: buyerKey,
    });
    const claimed = (JSON.parse(claims.stdout) as { claimed: unknown[] }).claimed.length;

    const rows: string[][] = [];
    for (const [label, args] of [
      ["--version (the start)", ["--version"]],
      ["status --json of one record", ["status", records[0].integraHash, "--json"]],
    ] as const) {
      const checkout = medianOf("checkout", [...args], env);
      const built = medianOf("package", [...args], env);
      rows.push([label, checkout.toFixed(2), built.toFixed(2), `${(checkout / built).toFixed(1)}x`]);
    }
    rows.push([`${DEEDS} deeds, 2 parties, from files to claimable (register --attest)`, "", registered.seconds.toFixed(1), ""]);
    rows.push([`one party's ${claimed} gasless claims (claim --all)`, "", claims.seconds.toFixed(1), ""]);
    return `${formatTable(["call (median of 5; the flows once)", "checkout (tsx) s", "package s", "faster"], rows, [
      "left",
      "right",
      "right",
      "right",
    ])}\n\nGoal: the package's CLI starts in under 0.5 s (the --version row).`;
  },
};
