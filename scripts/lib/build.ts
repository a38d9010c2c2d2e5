import { spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "./artifacts.ts";
import { foundryBinary } from "./foundry.ts";

/** `forge build` with the real binary; throws when compilation fails. */
export function forgeBuild(): void {
  const result = spawnSync(foundryBinary("forge"), ["build", "--quiet"], {
    cwd: path.join(ROOT, "contracts"),
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`forge build failed (exit ${result.status})`);
}
