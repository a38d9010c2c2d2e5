import type { Hex } from "viem";
import { decryptWithPassphrase, encryptWithPassphrase } from "./passphraseCipher";

/** A record's reference (a URI, a file location), encrypted with the passphrase the registrant shares. */
export function encryptReference(plaintext: string, passphrase: string): Promise<Hex> {
  return encryptWithPassphrase(plaintext, passphrase, "reference");
}

/** Throws "Wrong passphrase or corrupted reference." when the passphrase is wrong. */
export function decryptReference(encrypted: Hex, passphrase: string): Promise<string> {
  return decryptWithPassphrase(encrypted, passphrase, "reference");
}
