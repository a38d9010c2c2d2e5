// The app as users get it: `next build` into its own folder (NEXT_DIST_DIR, read by next.config.ts) so the
// bench never touches the dev/e2e build in .next, then the app's server on a port of its own.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../stack/artifacts.ts";
import { type RunningAppServer, startAppServer } from "../relayer/appServer.ts";

export const BENCH_DIST_DIR = ".next-bench";
export const BENCH_APP_PORT = 3100;

const TSCONFIG = path.join(ROOT, "tsconfig.json");
const NEXT_ENV = path.join(ROOT, "next-env.d.ts");

function appEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/**
 * `next build` rewrites tsconfig.json (adds `<distDir>/types/**` to include, reformatted) and next-env.d.ts
 * (imports `./<distDir>/types/...`). Both would leave the project pointing at the bench build, which is deleted
 * afterwards, so put back what was there, but only when the difference is exactly Next's: a concurrent edit by
 * someone else is left alone (and reported).
 */
function undoBuildSideEffects(tsconfigBefore: string | undefined, nextEnvBefore: string | undefined): void {
  const tsconfigNow = readIfExists(TSCONFIG);
  if (tsconfigBefore !== undefined && tsconfigNow !== undefined && tsconfigNow !== tsconfigBefore) {
    let onlyNextsChange = false;
    try {
      const now = JSON.parse(tsconfigNow) as { include?: string[] };
      now.include = now.include?.filter((entry) => !entry.startsWith(`${BENCH_DIST_DIR}/`));
      onlyNextsChange = JSON.stringify(now) === JSON.stringify(JSON.parse(tsconfigBefore));
    } catch {
      // Not plain JSON (comments): cannot tell Next's change from someone else's.
    }
    if (onlyNextsChange) writeFileSync(TSCONFIG, tsconfigBefore);
    else console.warn("bench: tsconfig.json changed during the build beyond Next's include entries; left as it is.");
  }

  const nextEnvNow = readIfExists(NEXT_ENV);
  if (nextEnvNow !== undefined && nextEnvNow !== nextEnvBefore && nextEnvNow.includes(`./${BENCH_DIST_DIR}/`)) {
    if (nextEnvBefore === undefined) rmSync(NEXT_ENV);
    else writeFileSync(NEXT_ENV, nextEnvBefore);
  }
}

/** Production build reading `rpcUrl` on chain `chainId`; throws with Next's output when the build fails. */
export function buildApp(rpcUrl: string, chainId: number): void {
  const tsconfigBefore = readIfExists(TSCONFIG);
  const nextEnvBefore = readIfExists(NEXT_ENV);
  try {
    const result = spawnSync("npx", ["next", "build"], {
      cwd: ROOT,
      env: appEnv({ NEXT_PUBLIC_RPC_URL: rpcUrl, NEXT_PUBLIC_CHAIN_ID: String(chainId) }),
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) {
      throw new Error(`next build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
  } finally {
    undoBuildSideEffects(tsconfigBefore, nextEnvBefore);
  }
}

/** The bench build is left behind only on request: `eslint .` would lint its generated JavaScript. */
export function removeAppBuild(): void {
  if (process.env.BENCH_KEEP_BUILD === "1") return;
  rmSync(path.join(ROOT, BENCH_DIST_DIR), { recursive: true, force: true });
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** The app's server (scripts/server.ts, as `npm start` runs it) on BENCH_APP_PORT, serving the bench build. */
export async function startApp(): Promise<RunningAppServer> {
  const url = `http://localhost:${BENCH_APP_PORT}`;
  if (await answers(url)) throw new Error(`Something already answers on ${url}; stop it and run the bench again.`);
  return startAppServer(BENCH_APP_PORT, { NEXT_DIST_DIR: BENCH_DIST_DIR }, "localhost");
}
