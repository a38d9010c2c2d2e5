// The SDK and the `integra` command line installed from the packed package into an empty project, against the e2e
// chain: npx integra, plain Node ESM, a TypeScript file type-checked against the package's declarations, publint and
// are-the-types-wrong.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ACCOUNTS, RPC_URL } from "./anvil";
import { demo, expect, test } from "./fixtures";
import { type InstalledPackage, inProject, installPackage, npxIntegra } from "./installedPackage";
import { ROOT } from "./integra";

test.describe.configure({ mode: "serial" });

let installed: InstalledPackage;

test.beforeAll(() => {
  installed = installPackage();
});
test.setTimeout(120_000);

const run = (file: string, args: string[]) => inProject(installed.project, file, args);
const integra = (...args: string[]) => npxIntegra(installed.project, args);

test("the tarball holds the built package only: JavaScript, declarations, the --json schemas, its README and package.json", () => {
  const schemas = readdirSync(path.join(ROOT, "cli", "schemas")).map((f) => `schemas/${f}`);
  expect(installed.files.sort()).toEqual(
    ["README.md", "dist/index.d.ts", "dist/index.js", "dist/integra.js", "package.json", ...schemas].sort(),
  );
  // The schemas are reachable through the package's exports, as an integrator's validator loads them.
  const statusSchema = createRequire(path.join(installed.project, "index.js")).resolve("integra-agreements/schemas/status.schema.json");
  expect(JSON.parse(readFileSync(statusSchema, "utf8"))).toMatchObject({ $id: expect.stringContaining("/schemas/status.schema.json") });
  const cli = readFileSync(path.join(installed.project, "node_modules", "integra-agreements", "dist", "integra.js"), "utf8");
  expect(cli.startsWith("#!/usr/bin/env node")).toBe(true);
  // No path alias of the checkout is left to resolve.
  expect(cli).not.toMatch(/from\s*["']@\//);
});

test("npx integra --version and --help", async () => {
  const version = await integra("--version");
  expect(version.code).toBe(0);
  const { version: expected } = JSON.parse(readFileSync(path.join(ROOT, "cli", "package.json"), "utf8")) as { version: string };
  expect(version.stdout.trim()).toBe(expected);
  const help = await integra("--help");
  expect(help.code).toBe(0);
  for (const command of ["status", "pending", "watch", "verify", "register", "claim", "proof", "check-proof"]) {
    expect(help.stdout).toContain(`  ${command} `);
  }
});

test("a read with the deployment given at run time; without one, a JSON refusal that names what to pass", async () => {
  const status = await integra("status", demo.agreement, "--deployment", "deployment.json", "--rpc", RPC_URL, "--json");
  expect(status.stderr).toBe("");
  expect(status.code).toBe(0);
  const record = JSON.parse(status.stdout) as {
    integraHash: string;
    record: { owner: string };
    tokens: { claimed: number; total: number };
  };
  expect(record.integraHash.toLowerCase()).toBe(demo.agreement.toLowerCase());
  expect(record.record.owner).toBe(ACCOUNTS.clerk);
  expect(record.tokens).toMatchObject({ claimed: 2, total: 3 });

  const none = await integra("status", demo.agreement, "--rpc", RPC_URL, "--json");
  expect(none.code).toBe(3);
  expect(JSON.parse(none.stdout)).toMatchObject({ error: { code: "NoDeployment", retry: false } });
  expect(none.stderr).toContain("--deployment FILE");

  const badFile = await integra("status", demo.agreement, "--deployment", "package.json", "--rpc", RPC_URL, "--json");
  expect(badFile.code).toBe(2);
  expect(JSON.parse(badFile.stdout)).toMatchObject({ error: { code: "InvalidInput" } });
  expect(badFile.stderr).toContain("chainId");

  const otherChain = await integra("status", demo.agreement, "--chain", "base-sepolia", "--rpc", RPC_URL, "--json");
  expect(otherChain.code).toBe(3);
  expect(JSON.parse(otherChain.stdout)).toMatchObject({ error: { code: "NoDeployment" } });
});

test("the SDK from plain Node ESM: the deployment chosen at run time, a record read", async () => {
  writeFileSync(
    path.join(installed.project, "read.mjs"),
    `import { readFileSync } from "node:fs";
import { createIntegraClient, parseDeployment, readRecord, selectDeployment } from "integra-agreements";
selectDeployment(parseDeployment(JSON.parse(readFileSync("deployment.json", "utf8"))));
const record = await readRecord(createIntegraClient(process.argv[2]), process.argv[3]);
console.log(JSON.stringify({ owner: record.owner, contentHash: record.contentHash }));
`,
  );
  const read = await run(process.execPath, ["read.mjs", RPC_URL, demo.agreement]);
  expect(read.stderr).toBe("");
  expect(read.code).toBe(0);
  expect(JSON.parse(read.stdout)).toMatchObject({ owner: ACCOUNTS.clerk });
});

test("a TypeScript file type-checks against the package's declarations, and a wrong call does not", async () => {
  writeFileSync(
    path.join(installed.project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      },
    }),
  );
  writeFileSync(
    path.join(installed.project, "check.ts"),
    `import type { Address, Hex } from "viem";
import { type RecordInfo, createIntegraClient, readRecord, processHashOf } from "integra-agreements";
const client = createIntegraClient("http://127.0.0.1:8545");
export async function ownerOf(hash: Hex): Promise<Address> {
  const record: RecordInfo = await readRecord(client, hash);
  return record.owner;
}
export const workflow: Hex = processHashOf("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "closing/12-harbour-lane");
// @ts-expect-error a record hash is hex, not a number
void readRecord(client, 42);
`,
  );
  const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const ok = await run(process.execPath, [tsc, "-p", "."]);
  expect(ok.stdout + ok.stderr).toBe("");
  expect(ok.code).toBe(0);
});

test("publint and are-the-types-wrong find nothing wrong with the package", async () => {
  const publint = await run(process.execPath, [
    path.join(ROOT, "node_modules", "publint", "src", "cli.js"),
    "--strict",
    path.join(ROOT, "cli"),
  ]);
  expect(publint.stdout).toContain("All good!");
  expect(publint.code).toBe(0);
  const attw = await run(process.execPath, [
    path.join(ROOT, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js"),
    installed.tarball,
    "--profile",
    "esm-only",
    "--format",
    "ascii",
  ]);
  // ESM only: CommonJS resolutions are out of the profile; every ESM and bundler resolution must be clean.
  expect(attw.stdout).toContain("node16 (from ESM): 🟢");
  expect(attw.stdout).toContain("bundler: 🟢");
  expect(attw.stdout).not.toContain("❌");
  expect(attw.code).toBe(0);
});
