import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/**
 * Path of the real Foundry binary shipped in its platform package. The `node_modules/.bin` shims of
 * @foundry-rs/* swallow exit codes, so scripts and CI call the binary itself.
 */
export function foundryBinary(tool: "forge" | "anvil" | "cast"): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const pkg = `@foundry-rs/${tool}-${process.platform}-${arch}`;
  const packageJson = require.resolve(`${pkg}/package.json`);
  const binary = path.join(path.dirname(packageJson), "bin", process.platform === "win32" ? `${tool}.exe` : tool);
  if (!existsSync(binary)) throw new Error(`${tool} binary not found at ${binary}`);
  return binary;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  process.stdout.write(`${foundryBinary((process.argv[2] ?? "forge") as "forge")}\n`);
}
