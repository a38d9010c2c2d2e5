import { CAPABILITY } from "@/lib/sdk";
import { CliError } from "./errors";

type CapabilityName = keyof typeof CAPABILITY;
const NAMES = Object.keys(CAPABILITY) as CapabilityName[];

/**
 * Capability bits from their names as the project defines them (lib/capabilities.ts: CLAIM, TRANSFER,
 * REQUEST_PAYMENT, APPROVE_PAYMENT; any case, "-" for "_"); none given: CLAIM, the one the tokenizers check.
 */
export function parseCapabilities(names: readonly string[]): bigint {
  if (names.length === 0) return CAPABILITY.CLAIM;
  return names.reduce((bits, text) => {
    const name = text.trim().toUpperCase().replaceAll("-", "_");
    if (!(NAMES as string[]).includes(name)) throw new CliError(`Not a capability: "${text}". The capabilities are ${NAMES.join(", ")}.`);
    return bits | CAPABILITY[name as CapabilityName];
  }, 0n);
}

/** The names of the capability bits set in `bits` (unknown bits as their number). */
export function capabilityNames(bits: bigint): string[] {
  const known = NAMES.filter((name) => (bits & CAPABILITY[name]) !== 0n);
  const rest = NAMES.reduce((left, name) => left & ~CAPABILITY[name], bits);
  return rest === 0n ? known : [...known, `0x${rest.toString(16)}`];
}
