// The package as an integrator meets it: built, packed with npm pack, installed from the tarball into an empty
// project, and run there with npx and plain Node. Nothing of the checkout is on the project's path.
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, type Run } from "./integra";

export interface InstalledPackage {
  /** The integrator's project: its package.json, node_modules with the package and viem, a deployment.json. */
  project: string;
  tarball: string;
  /** What npm pack put in the tarball. */
  files: string[];
}

let installed: InstalledPackage | undefined;

/**
 * Packs cli/ (built by scripts/e2e.ts before the tests) and installs the tarball into a new empty project, once per
 * test worker: the specs that use it read from it, and each writes its own files in the project.
 */
export function installPackage(): InstalledPackage {
  installed ??= buildPackAndInstall();
  return installed;
}

function buildPackAndInstall(): InstalledPackage {
  const work = mkdtempSync(path.join(os.tmpdir(), "integra-package-"));
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "./cli", "--json", "--pack-destination", work], { cwd: ROOT, encoding: "utf8" }),
  ) as { filename: string; files: { path: string }[] }[];
  const tarball = path.join(work, packed[0].filename);
  const project = path.join(work, "project");
  execFileSync("mkdir", ["-p", project]);
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "integrator", private: true, type: "module" }));
  execFileSync("npm", ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline"], { cwd: project, stdio: "ignore" });
  // The e2e chain's deployment, as npm run deploy wrote it: the package knows no local chain by itself.
  copyFileSync(path.join(ROOT, "contracts", "deployments", "31337.json"), path.join(project, "deployment.json"));
  return { project, tarball, files: packed[0].files.map((f) => f.path) };
}

/** A command run in the integrator's project, to completion (`env` is added to this process's environment). */
export function inProject(project: string, file: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: project, timeout: 90_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** `npx integra <args…>` in the integrator's project: the bin the package installed, nothing downloaded. */
export function npxIntegra(project: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return inProject(project, "npx", ["--no-install", "integra", ...args], env);
}
