#!/usr/bin/env node
// `integra`: the command line over the SDK (lib/sdk). Installed from the package (`npx integra`), or run from the
// checkout with `npm run -s integra -- <command>` (-s keeps npm's own banner off stdout). See cli/README.md.
import { type Command, commandHelp, parseCommandArgs } from "./command";
import { acceptCommand, acceptOwnershipCommand } from "./commands/accept";
import { attestCommand } from "./commands/attest";
import { cancelCommand } from "./commands/cancel";
import { checkProofCommand } from "./commands/checkProof";
import { claimCommand } from "./commands/claim";
import { conditionCommand } from "./commands/condition";
import { escrowCommand } from "./commands/escrow";
import { executorCommand } from "./commands/executor";
import { offerOwnershipCommand } from "./commands/offerOwnership";
import { paymentCommand } from "./commands/payment";
import { pendingCommand } from "./commands/pending";
import { registerCommand } from "./commands/register";
import { reserveCommand } from "./commands/reserve";
import { revokeCommand } from "./commands/revoke";
import { sealCommand } from "./commands/seal";
import { proofCommand } from "./commands/proof";
import { statusCommand } from "./commands/status";
import { verifyCommand } from "./commands/verify";
import { watchCommand } from "./commands/watch";
import { workflowCommand } from "./commands/workflow";
import { chooseDeployment } from "./deploymentChoice";
import { EXIT, exitCodeOf, failureOf } from "./errors";
import { printJson } from "./format";
import { version } from "./package.json";

const COMMANDS: Command[] = [
  statusCommand,
  pendingCommand,
  watchCommand,
  verifyCommand,
  registerCommand,
  claimCommand,
  workflowCommand,
  executorCommand,
  // The clerk's side (the record's owner or accepted executor): tokens, attestations, handing the record on.
  reserveCommand,
  sealCommand,
  cancelCommand,
  attestCommand,
  revokeCommand,
  offerOwnershipCommand,
  acceptOwnershipCommand,
  acceptCommand,
  paymentCommand,
  // Money held for a record: escrows, and the condition attestations they wait on.
  escrowCommand,
  conditionCommand,
  proofCommand,
  checkProofCommand,
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => `${c.name} ${c.arguments}`.length));
  return `Usage: integra <command> [arguments] [--json] [--rpc URL] [--deployment FILE | --chain NAME]
       integra --version

Commands:
${COMMANDS.map((c) => `  ${`${c.name} ${c.arguments}`.padEnd(width)}  ${c.summary}`).join("\n")}

Run "integra <command> --help" for a command's details.
Exit codes: 0 success, 1 verify found no record, 2 bad input, 3 refused (the chain, the relayer or a check said no:
do not retry unchanged), 4 try later (an outage, a rate limit). With --json a failure is {"schemaVersion":1,"error":{code,message,...}}.
`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(mainHelp());
    return EXIT.badInput;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`${version}\n`);
    return EXIT.ok;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(mainHelp());
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`integra: unknown command "${name}"\n\n${mainHelp()}`);
    if (rest.includes("--json")) {
      printJson("error", { error: { code: "InvalidInput", message: `Unknown command "${name}".`, retry: false } });
    }
    return EXIT.badInput;
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
    chooseDeployment(context.deployment);
    return await command.run(context);
  } catch (error) {
    const cause = error instanceof Error && !("exitCode" in error) && process.env.INTEGRA_DEBUG ? `\n${error.stack}` : "";
    const failure = failureOf(error, rpc ?? "the RPC");
    process.stderr.write(`integra ${command.name}: ${failure.message}${cause}\n`);
    if (json) printJson("error", { error: failure });
    return error instanceof Error && "exitCode" in error && typeof error.exitCode === "number" ? error.exitCode : exitCodeOf(failure);
  }
}

process.exitCode = await main(process.argv.slice(2));
