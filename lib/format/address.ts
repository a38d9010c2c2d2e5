import { type Address, getAddress, isAddress } from "viem";

/** Parses an address typed by a person; undefined when it is not a valid (checksummed or lowercase) address. */
export function parseAddress(input: string): Address | undefined {
  const trimmed = input.trim();
  return isAddress(trimmed, { strict: false }) ? getAddress(trimmed) : undefined;
}

export const ADDRESS_HINT = "An address is 0x followed by 40 hexadecimal characters.";
