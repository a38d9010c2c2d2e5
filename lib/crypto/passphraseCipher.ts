import { type Hex, bytesToHex, hexToBytes } from "viem";

/**
 * AES-GCM encryption with a key derived from a passphrase shared out of band: a record's reference, a payment's
 * note. Runs in the browser (and in Node for the demo seed) through WebCrypto. `what` names the thing in errors.
 * Layout: version (1 byte) | salt (16) | iv (12) | ciphertext with tag.
 */
const VERSION = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const PBKDF2_ITERATIONS = 210_000;

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", salt, iterations: PBKDF2_ITERATIONS, hash: "SHA-256" },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

export async function encryptWithPassphrase(plaintext: string, passphrase: string, what: string): Promise<Hex> {
  if (!passphrase) throw new Error(`A passphrase is needed to encrypt the ${what}.`);
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await deriveKey(passphrase, salt);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(plaintext)));
  const out = new Uint8Array(1 + SALT_BYTES + IV_BYTES + ciphertext.length);
  out[0] = VERSION;
  out.set(salt, 1);
  out.set(iv, 1 + SALT_BYTES);
  out.set(ciphertext, 1 + SALT_BYTES + IV_BYTES);
  return bytesToHex(out);
}

/** Decrypts; throws "Wrong passphrase or corrupted <what>." when authentication fails. */
export async function decryptWithPassphrase(encrypted: Hex, passphrase: string, what: string): Promise<string> {
  const bytes = hexToBytes(encrypted);
  if (bytes.length < 1 + SALT_BYTES + IV_BYTES + 16 || bytes[0] !== VERSION) {
    throw new Error(`This ${what} is not in a format this app can read.`);
  }
  const salt = bytes.slice(1, 1 + SALT_BYTES);
  const iv = bytes.slice(1 + SALT_BYTES, 1 + SALT_BYTES + IV_BYTES);
  const key = await deriveKey(passphrase, salt);
  try {
    const plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, bytes.slice(1 + SALT_BYTES + IV_BYTES));
    return new TextDecoder().decode(plaintext);
  } catch {
    throw new Error(`Wrong passphrase or corrupted ${what}.`);
  }
}
