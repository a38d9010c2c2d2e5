import { spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "./artifacts.ts";
import { foundryBinary } from "./foundry.ts";

/** `forge build` of the contracts (not the tests: deploying needs only these) with the real binary; throws when it fails. */
export function forgeBuild(): void {
  const result = spawnSync(foundryBinary("forge"), ["build", "src", "--quiet"], {
    cwd: path.join(ROOT, "contracts"),
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`forge build failed (exit ${result.status})`);
}
