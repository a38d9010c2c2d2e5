// Runs shell commands side by side, each one's output held and printed whole when it ends (so two logs do not
// interleave), and fails when any fails. `npm test` runs the contracts' compile and tests beside the type check, lint
// and format check: each of those is single-threaded, and CI has two cores.
import { spawn } from "node:child_process";

interface Finished {
  command: string;
  code: number;
  output: string;
  seconds: number;
}

function run(command: string): Promise<Finished> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("close", (code) =>
      resolve({ command, code: code ?? 1, output: Buffer.concat(chunks).toString(), seconds: (Date.now() - started) / 1000 }),
    );
  });
}

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error("usage: tsx scripts/runTogether.ts '<command>' '<command>' ...");
  process.exit(2);
}
const finished = await Promise.all(
  commands.map((command) =>
    run(command).then((result) => {
      console.log(
        `\n── ${result.command} (${result.code === 0 ? "passed" : `failed, exit ${result.code}`}, ${result.seconds.toFixed(0)} s)`,
      );
      process.stdout.write(result.output);
      return result;
    }),
  ),
);
process.exit(finished.some((result) => result.code !== 0) ? 1 : 0);
