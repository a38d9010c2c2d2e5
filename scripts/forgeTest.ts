// `npm run test:contracts`: forge test through the real binary, so a failing test fails the run.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "./stack/artifacts.ts";
import { foundryBinary } from "./stack/foundry.ts";

const result = spawnSync(foundryBinary("forge"), ["test", ...process.argv.slice(2)], {
  cwd: path.join(ROOT, "contracts"),
  stdio: "inherit",
});
process.exit(result.status ?? 1);
