import { createInterface } from "node:readline/promises";
import type { Account, Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { type CommandContext, type CommandOption, stringOption } from "./command";
import { CliError } from "./errors";
import { decryptKeystore } from "./keystore";

/** The option every writing command takes. */
export const KEYSTORE_OPTION: Record<string, CommandOption> = {
  keystore: {
    type: "string",
    value: "FILE",
    help: "sign with this encrypted keystore (password: INTEGRA_KEYSTORE_PASSWORD, or asked on the terminal); default: INTEGRA_PRIVATE_KEY",
  },
};

export const SIGNER_HELP = `Signing: INTEGRA_PRIVATE_KEY (a hex private key), or --keystore FILE (a version 3 keystore, as geth, cast and
MetaMask export; its password from INTEGRA_KEYSTORE_PASSWORD, or asked on the terminal).`;

async function askPassword(path: string): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError(`The keystore ${path} needs a password: set INTEGRA_KEYSTORE_PASSWORD.`);
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Hide what is typed: echo nothing after the prompt.
  const output = rl as unknown as { _writeToOutput?: (s: string) => void };
  process.stderr.write(`Password for ${path}: `);
  output._writeToOutput = () => undefined;
  const password = await rl.question("");
  rl.close();
  process.stderr.write("\n");
  return password;
}

function parsePrivateKey(value: string): Hex {
  const key = value.trim().startsWith("0x") ? value.trim() : `0x${value.trim()}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new CliError("INTEGRA_PRIVATE_KEY is not a private key: expected 64 hexadecimal characters.");
  return key as Hex;
}

/** The account that signs this command's writes: from --keystore, else INTEGRA_PRIVATE_KEY. */
export async function loadAccount(context: CommandContext): Promise<Account> {
  const keystore = stringOption(context, "keystore");
  if (keystore) {
    const password = process.env.INTEGRA_KEYSTORE_PASSWORD ?? (await askPassword(keystore));
    return privateKeyToAccount(await decryptKeystore(keystore, password));
  }
  const key = process.env.INTEGRA_PRIVATE_KEY;
  if (!key) throw new CliError("No signer: set INTEGRA_PRIVATE_KEY, or pass --keystore FILE.", { code: "NoSigner" });
  return privateKeyToAccount(parsePrivateKey(key));
}
