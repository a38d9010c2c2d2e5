import type { Hex } from "viem";
import { type IntegraSigner, parseBytes32 } from "@/lib/sdk";
import { type CommandContext, type CommandOption, stringOption } from "./command";
import { connect } from "./connect";
import { CliError } from "./errors";
import { loadAccount } from "./signer";

/** What the writing commands share: the signer, the sent-transaction line, token ids, UIDs and the relayer option. */

/** The signing account (INTEGRA_PRIVATE_KEY or --keystore) with a checked client of the chain. */
export async function signerFor(context: CommandContext): Promise<IntegraSigner> {
  const account = await loadAccount(context);
  return { client: await connect(context.rpc), account };
}

/** Prints the hash of a sent transaction on stderr (stdout stays the result), as every writing command does. */
export const onSent = (hash: string): void => {
  process.stderr.write(`Sent ${hash}; waiting for it to be mined…\n`);
};

/** A token id given as `flag`; ids start at 1 (`allowAny`: 0 too, meaning any token of the record). */
export function tokenIdArgument(text: string | undefined, flag: string, allowAny = false): bigint {
  const value = text ?? "";
  if (!/^\d{1,77}$/.test(value) || (!allowAny && BigInt(value) === 0n))
    throw new CliError(`Not a token id: ${flag} "${value}". Token ids are 1, 2, 3…${allowAny ? " (0: any token of the record)" : ""}`);
  return BigInt(value);
}

/** A whole number given as `flag` (a payment id, an amount). */
export function wholeNumberArgument(text: string | undefined, flag: string): bigint {
  const value = text ?? "";
  if (!/^\d{1,77}$/.test(value)) throw new CliError(`Not a whole number: ${flag} "${value}".`);
  return BigInt(value);
}

/** An attestation UID. */
export function uidArgument(text: string | undefined): Hex {
  const uid = parseBytes32(text ?? "");
  if (!uid) throw new CliError(`Not an attestation UID: "${text ?? ""}". A UID is 0x followed by 64 hexadecimal characters.`);
  return uid;
}

/** --relayer URL, for the party writes a relayer pays for (claims and payment signals). */
export const RELAYER_OPTION: Record<string, CommandOption> = {
  relayer: {
    type: "string",
    value: "URL",
    help: "gasless: sign a request that the app's relayer at URL submits and pays for (e.g. http://localhost:3000)",
  },
};

/** The --relayer URL, checked, or undefined. */
export function relayerOption(context: CommandContext): string | undefined {
  const relayer = stringOption(context, "relayer");
  if (relayer !== undefined && !/^https?:\/\//.test(relayer)) throw new CliError(`Not a relayer URL: "${relayer}". Expected http(s)://…`);
  return relayer;
}
