import { parseArgs } from "node:util";
import { RPC_URL } from "@/lib/sdk";
import { CliError } from "./errors";

/** What every subcommand receives: its positional arguments and the common options. */
export interface CommandContext {
  args: string[];
  /** --json: one JSON document on stdout instead of human tables. */
  json: boolean;
  /** --rpc URL (default: the app's RPC, NEXT_PUBLIC_RPC_URL or http://127.0.0.1:8545). */
  rpc: string;
}

/** A subcommand: its help text and what it does; `run` resolves to the process exit code. */
export interface Command {
  name: string;
  summary: string;
  /** The usage line's arguments, e.g. "<integraHash>". */
  arguments: string;
  /** Longer description for --help. */
  description: string;
  run(context: CommandContext): Promise<number>;
}

export const COMMON_OPTIONS_HELP = `Options:
  --json       print one JSON document on stdout (bigints as decimal strings)
  --rpc URL    the chain's JSON-RPC endpoint (default ${RPC_URL})
  -h, --help   show this help`;

/** The --help text of a subcommand. */
export function commandHelp(command: Command): string {
  return `Usage: integra ${command.name} ${command.arguments} [--json] [--rpc URL]\n\n${command.description}\n\n${COMMON_OPTIONS_HELP}\n`;
}

/** Parses a subcommand's arguments: the common options, and exactly one positional argument. */
export function parseCommandArgs(command: Command, argv: string[]): CommandContext | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { json: { type: "boolean" }, rpc: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)} (see integra ${command.name} --help)`);
  }
  if (parsed.values.help) return "help";
  if (parsed.positionals.length !== 1) {
    throw new CliError(
      `integra ${command.name} takes one argument, ${command.arguments}; got ${parsed.positionals.length} (see integra ${command.name} --help)`,
    );
  }
  return { args: parsed.positionals, json: parsed.values.json === true, rpc: parsed.values.rpc ?? RPC_URL };
}
