import type { Address, Hex } from "viem";
import { revertedErrorName } from "@/lib/errors/revertedErrorName";
import { parseAddress, parseBytes32 } from "@/lib/sdk";
import { CliError } from "./errors";

/** A record hash given on the command line, or one line saying what one looks like. */
export function recordHashArgument(text: string | undefined): Hex {
  const integraHash = parseBytes32(text ?? "");
  if (!integraHash) throw new CliError(`Not a record hash: "${text ?? ""}". An integraHash is 0x followed by 64 hexadecimal characters.`);
  return integraHash;
}

/** An address given on the command line, or one line saying what one looks like. */
export function addressArgument(text: string | undefined): Address {
  const address = parseAddress(text ?? "");
  if (!address) throw new CliError(`Not an address: "${text ?? ""}". An address is 0x followed by 40 hexadecimal characters.`);
  return address;
}

/** Awaits a read of the record `integraHash`; a record the chain does not know is said in words. */
export async function ofKnownRecord<T>(integraHash: Hex, read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (revertedErrorName(error) === "RecordNotFound") throw new CliError(`No such record on this chain: ${integraHash}`);
    throw error;
  }
}
