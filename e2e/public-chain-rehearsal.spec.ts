// A public network rehearsed on anvil: a chain with Base Sepolia's id and EAS at its canonical addresses, the
// contracts deployed there with `npm run deploy` (to a file, as one would keep a public deployment), and the installed
// package's CLI run against it by chain name, from registration to completion.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { privateKeyToAccount } from "viem/accounts";
import { type RunningAnvil, startAnvil } from "@/scripts/stack/anvil";
import { placeCanonicalEas } from "@/scripts/stack/canonicalEas";
import { ANVIL_KEYS, CANONICAL_EAS } from "@/scripts/stack/chains";
import { clientsFor } from "@/scripts/stack/clients";
import { freePort } from "../scripts/relayer/freePort";
import { expect, test } from "./fixtures";
import { type InstalledPackage, installPackage, npxIntegra } from "./installedPackage";
import { ROOT } from "./integra";

const BASE_SEPOLIA = 84532;
const [, clerkKey, buyerKey, sellerKey] = ANVIL_KEYS;

let installed: InstalledPackage;
let chain: RunningAnvil;
let deploymentFile: string;

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

test.beforeAll(async () => {
  installed = installPackage();
  chain = await startAnvil(await freePort(), ["--chain-id", String(BASE_SEPOLIA)]);
  await placeCanonicalEas(chain.rpcUrl, await clientsFor(chain.rpcUrl, ANVIL_KEYS[0]));
  deploymentFile = path.join(installed.project, "base-sepolia.json");
  await new Promise<void>((resolve, reject) =>
    execFile(
      "npm",
      ["run", "-s", "deploy", "--", "--out", deploymentFile],
      { cwd: ROOT, env: { ...process.env, RPC_URL: chain.rpcUrl } },
      (error) => (error ? reject(error) : resolve()),
    ),
  );
});

test.afterAll(async () => {
  await chain?.stop();
});

test("npm run deploy uses the canonical EAS of Base Sepolia, and the package's CLI takes a deed from registration to completion by chain name", async () => {
  const deployment = JSON.parse(readFileSync(deploymentFile, "utf8")) as {
    chainId: number;
    addresses: { EAS: string; SchemaRegistry: string };
  };
  expect(deployment.chainId).toBe(BASE_SEPOLIA);
  expect(deployment.addresses.EAS).toBe(CANONICAL_EAS[BASE_SEPOLIA].eas);
  expect(deployment.addresses.SchemaRegistry).toBe(CANONICAL_EAS[BASE_SEPOLIA].schemaRegistry);

  const network = { INTEGRA_CHAIN: "base-sepolia", INTEGRA_DEPLOYMENT: deploymentFile, INTEGRA_RPC_URL: chain.rpcUrl };
  const as = (key: string, ...args: string[]) =>
    npxIntegra(installed.project, [...args, "--json"], { ...network, INTEGRA_PRIVATE_KEY: key });
  const buyer = privateKeyToAccount(buyerKey).address;
  const seller = privateKeyToAccount(sellerKey).address;

  const deed = path.join(installed.project, "deed-base.txt");
  writeFileSync(deed, `Deed rehearsed on Base Sepolia's id, ${Date.now()}\n`);
  const registered = await as(
    clerkKey,
    "register",
    deed,
    "--party",
    `Buyer=${buyer}`,
    "--party",
    `Seller=${seller}`,
    "--workflow",
    "closing/rehearsal",
    "--tokenizer",
    "multi",
    "--attest",
  );
  expect(registered.code, registered.stderr).toBe(0);
  const integraHash = (JSON.parse(registered.stdout) as { records: { integraHash: string }[] }).records[0].integraHash;

  for (const key of [buyerKey, sellerKey]) {
    const claimed = await as(key, "claim", "--all");
    expect(claimed.code, claimed.stderr).toBe(0);
    expect((JSON.parse(claimed.stdout) as { claimed: unknown[] }).claimed).toHaveLength(1);
  }

  const status = await as(clerkKey, "status", integraHash);
  expect(status.code, status.stderr).toBe(0);
  expect(JSON.parse(status.stdout)).toMatchObject({ tokens: { claimed: 2, total: 2, complete: true } });

  // The same package, pointed at the wrong network for that deployment, says so instead of reading.
  const wrong = await npxIntegra(installed.project, ["status", integraHash, "--json"], { ...network, INTEGRA_CHAIN: "base" });
  expect(wrong.code).toBe(3);
  expect(JSON.parse(wrong.stdout)).toMatchObject({ error: { code: "WrongChain" } });
});
