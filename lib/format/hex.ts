import type { Hex } from "viem";

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/** Parses a 32-byte hash typed or pasted by a person (with or without 0x, surrounding spaces allowed). */
export function parseBytes32(input: string): Hex | undefined {
  const trimmed = input.trim();
  const prefixed = trimmed.startsWith("0x") || trimmed.startsWith("0X") ? `0x${trimmed.slice(2)}` : `0x${trimmed}`;
  return BYTES32.test(prefixed) ? (prefixed.toLowerCase() as Hex) : undefined;
}

export function shortHex(value: string, head = 6, tail = 4): string {
  return value.length > head + tail + 3 ? `${value.slice(0, head)}…${value.slice(-tail)}` : value;
}
