// `integra`: the command line over the SDK (lib/sdk). Run from the checkout with `npm run -s integra -- <command>`
// (-s keeps npm's own banner off stdout, so --json output parses). See cli/README.md.
import { type Command, commandHelp, parseCommandArgs } from "./command";
import { acceptCommand } from "./commands/accept";
import { checkProofCommand } from "./commands/checkProof";
import { claimCommand } from "./commands/claim";
import { executorCommand } from "./commands/executor";
import { pendingCommand } from "./commands/pending";
import { registerCommand } from "./commands/register";
import { proofCommand } from "./commands/proof";
import { statusCommand } from "./commands/status";
import { verifyCommand } from "./commands/verify";
import { watchCommand } from "./commands/watch";
import { workflowCommand } from "./commands/workflow";
import { EXIT, failureOf } from "./errors";
import { toJson } from "./format";

const COMMANDS: Command[] = [
  statusCommand,
  pendingCommand,
  watchCommand,
  verifyCommand,
  registerCommand,
  claimCommand,
  workflowCommand,
  executorCommand,
  acceptCommand,
  proofCommand,
  checkProofCommand,
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => `${c.name} ${c.arguments}`.length));
  return `Usage: integra <command> [arguments] [--json] [--rpc URL]

Commands:
${COMMANDS.map((c) => `  ${`${c.name} ${c.arguments}`.padEnd(width)}  ${c.summary}`).join("\n")}

Run "integra <command> --help" for a command's details.
Exit codes: 0 success, 1 verify found no record, 2 error (bad input, unreachable RPC, wrong chain, unknown record,
a refused write, a proof that fails a check).
`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(mainHelp());
    return EXIT.error;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(mainHelp());
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`integra: unknown command "${name}"\n\n${mainHelp()}`);
    return EXIT.error;
  }
  let rpc: string | undefined;
  // Before parsing, so that a malformed command line also answers in JSON when --json was asked for.
  const json = rest.includes("--json");
  try {
    const context = parseCommandArgs(command, rest);
    if (context === "help") {
      process.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    rpc = context.rpc;
    return await command.run(context);
  } catch (error) {
    const cause = error instanceof Error && !("exitCode" in error) && process.env.INTEGRA_DEBUG ? `\n${error.stack}` : "";
    const failure = failureOf(error, rpc ?? "the RPC");
    process.stderr.write(`integra ${command.name}: ${failure.message}${cause}\n`);
    if (json) process.stdout.write(`${toJson({ error: failure })}\n`);
    return error instanceof Error && "exitCode" in error && typeof error.exitCode === "number" ? error.exitCode : EXIT.error;
  }
}

process.exitCode = await main(process.argv.slice(2));
