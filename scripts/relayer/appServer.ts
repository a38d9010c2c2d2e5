// The app's own server (scripts/server.ts) on a port of its own, with the environment a caller chooses (a relayer
// store, a build folder): the benches and the sponsor-abuse e2e test run their own. Stopped as a process group.
import { type ChildProcess, spawn } from "node:child_process";
import { ROOT } from "../stack/artifacts.ts";

export interface RunningAppServer {
  url: string;
  stop: () => Promise<void>;
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

/** Starts `tsx scripts/server.ts --port <port> --hostname <hostname>` and resolves once GET /api/relay answers. */
export async function startAppServer(port: number, env: Record<string, string>, hostname = "127.0.0.1"): Promise<RunningAppServer> {
  const url = `http://${hostname}:${port}`;
  const child = spawn("npx", ["tsx", "scripts/server.ts", "--port", String(port), "--hostname", hostname], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
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
    const late = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 5_000))]);
    if (late) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone meanwhile
      }
      await exited;
    }
  };
  const started = Date.now();
  for (;;) {
    const ok = await fetch(`${url}/api/relay`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop };
    if (child.exitCode !== null) throw new Error(`scripts/server.ts exited with code ${child.exitCode}:\n${stderr}`);
    if (Date.now() - started > 60_000) {
      await stop();
      throw new Error(`scripts/server.ts did not answer on ${url} within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
