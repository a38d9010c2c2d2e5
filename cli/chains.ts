import { CliError } from "./errors";

/** The chains `--chain` knows by name (any chain also by its numeric id). */
export const CHAIN_NAMES: Readonly<Record<string, number>> = {
  ethereum: 1,
  mainnet: 1,
  sepolia: 11155111,
  base: 8453,
  "base-sepolia": 84532,
  optimism: 10,
  local: 31337,
  anvil: 31337,
};

/** The chain id `--chain` (or INTEGRA_CHAIN) names: a name above or a positive integer. */
export function chainIdArgument(text: string): number {
  const named = CHAIN_NAMES[text.trim().toLowerCase()];
  if (named !== undefined) return named;
  if (/^\d+$/.test(text.trim()) && Number(text) > 0 && Number.isSafeInteger(Number(text))) return Number(text);
  throw new CliError(`Unknown chain "${text}". Give a chain id or one of: ${Object.keys(CHAIN_NAMES).join(", ")} (--chain).`);
}
