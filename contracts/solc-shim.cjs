#!/usr/bin/env node
// A native-looking `solc` for forge, backed by solc-js: no compiler download is possible on these machines.
// forge calls `solc --version` and `solc --standard-json [--allow-paths ...]` with the input on stdin.
const fs = require("node:fs");
const path = require("node:path");
const solc = require("solc");

const args = process.argv.slice(2);
if (args.includes("--version")) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}
if (!args.includes("--standard-json")) {
  process.stderr.write("solc-shim: only --version and --standard-json are supported\n");
  process.exit(1);
}

const basePathIndex = args.indexOf("--base-path");
const basePath = basePathIndex >= 0 ? args[basePathIndex + 1] : process.cwd();

function findImports(importPath) {
  const candidates = [path.resolve(basePath, importPath), path.resolve(process.cwd(), importPath)];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, "utf8") };
  }
  return { error: `File not found: ${importPath}` };
}

const input = fs.readFileSync(0, "utf8");
process.stdout.write(solc.compile(input, { import: findImports }));
