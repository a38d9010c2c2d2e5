// A throwaway redis-server for the relayer's tests and bench: on a free port, nothing saved to disk (`--save ''`,
// `--appendonly no`), stopped by the caller. Debian's `redis-server` package provides the binary (.ci/run installs it).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { freePort } from "./freePort.ts";

export interface RunningRedis {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

export function redisServerInstalled(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Starts redis-server on 127.0.0.1 and resolves once it accepts connections. */
export async function startRedisServer(): Promise<RunningRedis> {
  if (!redisServerInstalled()) {
    throw new Error("redis-server is not installed. Install it (Debian: apt-get install -y redis-server; .ci/run does) and run again.");
  }
  // A port taken between freePort() and redis-server's bind makes it exit: try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    // Not `--port 0`: for redis-server that means "no TCP at all".
    const port = await freePort();
    const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (await ready(child)) {
      const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      };
    }
  }
  throw new Error("redis-server did not start (5 attempts).");
}

/** True once redis-server says it accepts connections; false when it exits first or stays silent for 10 s. */
function ready(child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(false);
    }, 10_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners("data");
        child.stdout?.resume();
        resolve(true);
      }
    });
    child.stderr?.resume();
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}
