import { parseArgs } from "node:util";
import { RPC_URL } from "@/lib/sdk";
import type { DeploymentOptions } from "./deploymentChoice";
import { CliError } from "./errors";

/** The RPC when --rpc is not given: INTEGRA_RPC_URL, else the app's (NEXT_PUBLIC_RPC_URL, else the local chain). */
const DEFAULT_RPC = process.env.INTEGRA_RPC_URL ?? RPC_URL;

/** One option of a subcommand, beyond the common ones. */
export interface CommandOption {
  type: "string" | "boolean";
  /** May be given more than once (e.g. --party); its value is then a list. */
  multiple?: boolean;
  short?: string;
  /** The value's name in help, e.g. "FILE". */
  value?: string;
  help: string;
}

/** What every subcommand receives: its positional arguments, its own options and the common options. */
export interface CommandContext {
  args: string[];
  /** The subcommand's own options, as given (absent ones are undefined). */
  options: Record<string, string | boolean | string[] | undefined>;
  /** --json: JSON on stdout instead of human tables. */
  json: boolean;
  /** --rpc URL (default: the app's RPC, NEXT_PUBLIC_RPC_URL or http://127.0.0.1:8545); the first, when several are given. */
  rpc: string;
  /** Every --rpc given, in order (one per chain, for the commands that read several chains); else the default RPC alone. */
  rpcs: string[];
  /** Whether --rpc was given (some commands work offline unless it is). */
  rpcGiven: boolean;
  /** --deployment FILE and --chain NAME (or INTEGRA_DEPLOYMENT and INTEGRA_CHAIN): cli/deploymentChoice.ts. */
  deployment: DeploymentOptions;
}

/** A subcommand: its help text and what it does; `run` resolves to the process exit code. */
export interface Command {
  name: string;
  summary: string;
  /** The usage line's arguments, e.g. "<integraHash>". */
  arguments: string;
  /** How many positional arguments it takes (default exactly 1). */
  positionals?: { min: number; max: number };
  /** Its own options, by long name. */
  options?: Record<string, CommandOption>;
  /** Longer description for --help. */
  description: string;
  run(context: CommandContext): Promise<number>;
}

export const COMMON_OPTIONS_HELP = `  --json             print JSON on stdout (bigints as decimal strings)
  --rpc URL          the chain's JSON-RPC endpoint (default INTEGRA_RPC_URL, else ${RPC_URL});
                     repeatable, one per chain, for watch, status, verify, pending, proof and check-proof
                     (the first is the default chain; or INTEGRA_RPCS=url,url)
  --deployment FILE  the Integra deployment to use, as npm run deploy writes it (default INTEGRA_DEPLOYMENT);
                     repeatable, one per chain
  --chain NAME       the chain whose known deployment to use (default INTEGRA_CHAIN, else the RPC's chain)
  -h, --help         show this help`;

function optionsHelp(command: Command): string {
  const own = Object.entries(command.options ?? {}).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}${o.value ? ` ${o.value}` : ""}`;
    return [flag, `${o.help}${o.multiple ? " (repeatable)" : ""}`] as const;
  });
  if (own.length === 0) return COMMON_OPTIONS_HELP;
  const width = Math.max(...own.map(([flag]) => flag.length), 17);
  return `${own.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`).join("\n")}\n${COMMON_OPTIONS_HELP}`;
}

/** The --help text of a subcommand. */
export function commandHelp(command: Command): string {
  const optional = command.options ? " [options]" : "";
  return `Usage: integra ${command.name} ${command.arguments}${optional} [--json] [--rpc URL] [--deployment FILE | --chain NAME]\n\n${command.description}\n\nOptions:\n${optionsHelp(command)}\n`;
}

/** Parses a subcommand's arguments: its own options, the common options, and its positional arguments. */
export function parseCommandArgs(command: Command, argv: string[]): CommandContext | "help" {
  const own = Object.fromEntries(
    // parseArgs refuses keys set to undefined, so only the ones given.
    Object.entries(command.options ?? {}).map(([name, o]) => [
      name,
      { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) },
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...own,
        json: { type: "boolean" },
        rpc: { type: "string", multiple: true },
        deployment: { type: "string", multiple: true },
        chain: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)} (see integra ${command.name} --help)`);
  }
  if (parsed.values.help) return "help";
  const { min, max } = command.positionals ?? { min: 1, max: 1 };
  const count = parsed.positionals.length;
  if (count < min || count > max) {
    const expected =
      min === max
        ? `${min === 1 ? "one argument" : `${min} arguments`}`
        : `${min} to ${max === Infinity ? "any number of" : max} arguments`;
    throw new CliError(
      `integra ${command.name} takes ${expected}${command.arguments ? `, ${command.arguments}` : ""}; got ${count} (see integra ${command.name} --help)`,
    );
  }
  const { json, rpc, deployment, chain, ...options } = parsed.values;
  delete options.help;
  const envDeployment = process.env.INTEGRA_DEPLOYMENT;
  const deploymentFiles = deployment?.length ? deployment : envDeployment ? [envDeployment] : [];
  const chainName = typeof chain === "string" ? chain : process.env.INTEGRA_CHAIN || undefined;
  return {
    args: parsed.positionals,
    options,
    json: json === true,
    rpc: rpc?.[0] ?? DEFAULT_RPC,
    rpcs: rpc?.length ? rpc : [DEFAULT_RPC],
    rpcGiven: rpc !== undefined,
    deployment: { deploymentFiles, chain: chainName },
  };
}

/** A string option's value, or undefined. */
export function stringOption(context: CommandContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === "string" ? value : undefined;
}

/** A repeatable string option's values (none: an empty list). */
export function listOption(context: CommandContext, name: string): string[] {
  const value = context.options[name];
  return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
}
