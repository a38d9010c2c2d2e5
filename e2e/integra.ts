// Runs the `integra` command line from the checkout, as an integrator would: a child process, its exit code and output.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import path from "node:path";
import { RPC_URL } from "./anvil";

export const ROOT = path.join(import.meta.dirname, "..");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// The package's built CLI (scripts/e2e.ts runs `npm run build:package` first), as an integrator runs it, in one node
// process with no wrapper in between, so a signal reaches the CLI itself. It knows no local chain by itself: the e2e
// chain's deployment is given as an integrator gives theirs.
const NODE_ARGS = [path.join(import.meta.dirname, "..", "cli", "dist", "integra.js")];
const DEPLOYMENT_ENV = { INTEGRA_DEPLOYMENT: path.join(import.meta.dirname, "..", "contracts", "deployments", "31337.json") };

/**
 * Runs `integra <args…> --rpc <rpc>` to completion (`env` is added to this process's environment); killed after
 * `timeoutMs` (default 90 s: a command that waits on purpose, as `claim --all --wait` does, is given more).
 */
export function integra(args: string[], options: { env?: Record<string, string>; rpc?: string; timeoutMs?: number } = {}): Promise<Run> {
  return runCli([...args, "--rpc", options.rpc ?? RPC_URL], options);
}

/** Runs `integra <args…>` with no RPC given (commands that work offline unless told one, as check-proof does). */
export function integraOffline(args: string[]): Promise<Run> {
  return runCli(args, {});
}

function runCli(argv: string[], options: { env?: Record<string, string>; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...NODE_ARGS, ...argv],
      { cwd: ROOT, timeout: options.timeoutMs ?? 90_000, env: { ...process.env, ...DEPLOYMENT_ENV, ...options.env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A long-running `integra` (watch): its output lines as they come, and a way to stop it. */
export interface RunningIntegra {
  /** Complete stdout lines so far. */
  lines: string[];
  stderr(): string;
  /** Resolves when a stdout line matches (or rejects after `timeoutMs`). */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  waitForStderr(text: string, timeoutMs?: number): Promise<void>;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number>;
}

async function until(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function startIntegra(args: string[], options: { env?: Record<string, string>; rpc?: string } = {}): RunningIntegra {
  const child: ChildProcess = spawn(process.execPath, [...NODE_ARGS, ...args, "--rpc", options.rpc ?? RPC_URL], {
    cwd: ROOT,
    env: { ...process.env, ...DEPLOYMENT_ENV, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let partial = "";
  let stderr = "";
  let exitCode: number | undefined;
  child.stdout?.on("data", (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts);
  });
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve((exitCode = code ?? (signal ? 128 : 1)))));
  return {
    lines,
    stderr: () => stderr,
    async waitForLine(match, timeoutMs = 20_000) {
      await until(
        () => lines.some(match) || exitCode !== undefined,
        timeoutMs,
        () => `a line; got ${JSON.stringify(lines)}; stderr ${stderr}`,
      );
      const line = lines.find(match);
      if (!line) throw new Error(`integra exited (${exitCode}) before the line came: ${stderr}`);
      return line;
    },
    async waitForStderr(text, timeoutMs = 20_000) {
      await until(
        () => stderr.includes(text) || exitCode !== undefined,
        timeoutMs,
        () => `"${text}" on stderr; got ${stderr}`,
      );
      if (!stderr.includes(text)) throw new Error(`integra exited (${exitCode}) before "${text}": ${stderr}`);
    },
    async stop(signal = "SIGINT") {
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
  };
}
