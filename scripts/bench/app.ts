// The app as users get it: `next build` into its own folder (NEXT_DIST_DIR, read by next.config.ts) so the
// bench never touches the dev/e2e build in .next, then `next start` on a port of its own.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../lib/artifacts.ts";

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

export interface RunningApp {
  url: string;
  stop: () => Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/** `next start` on BENCH_APP_PORT; resolves once /verify answers. */
export async function startApp(): Promise<RunningApp> {
  const url = `http://localhost:${BENCH_APP_PORT}`;
  if (await answers(url)) throw new Error(`Something already answers on ${url}; stop it and run the bench again.`);
  // Detached: npx, sh and next-server form their own process group, which stop() ends as a whole.
  const child = spawn("npx", ["next", "start", "-p", String(BENCH_APP_PORT)], {
    cwd: ROOT,
    env: appEnv({}),
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = exitOf(child);

  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return; // already gone
    }
    const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 5_000))]);
    if (timedOut) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone in the meantime
      }
      await exited;
    }
  };

  const started = Date.now();
  while (!(await answers(`${url}/verify`))) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}:\n${stderr}`);
    if (Date.now() - started > 60_000) {
      await stop();
      throw new Error(`next start did not answer on ${url} within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop };
}
