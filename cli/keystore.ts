import { createDecipheriv, pbkdf2Sync, scryptSync } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type Hex, bytesToHex, concat, keccak256 } from "viem";
import { CliError } from "./errors";

/** The parts of a Web3 Secret Storage (version 3) keystore we read: what geth, cast and MetaMask export. */
interface KeystoreV3 {
  version: number;
  crypto: {
    cipher: string;
    cipherparams: { iv: string };
    ciphertext: string;
    kdf: string;
    kdfparams: { dklen: number; salt: string; n?: number; r?: number; p?: number; c?: number; prf?: string };
    mac: string;
  };
}

function parseKeystore(path: string, text: string): KeystoreV3 {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not a keystore: it is not JSON.`);
  }
  const keystore = parsed as Partial<KeystoreV3> & { Crypto?: KeystoreV3["crypto"] };
  const crypto = keystore.crypto ?? keystore.Crypto;
  if (keystore.version !== 3 || !crypto?.kdfparams || !crypto.ciphertext || !crypto.mac || !crypto.cipherparams?.iv) {
    throw new CliError(`${path} is not a version 3 keystore (expected "version": 3 and a "crypto" section).`);
  }
  if (crypto.cipher !== "aes-128-ctr") throw new CliError(`${path} uses the cipher ${crypto.cipher}; only aes-128-ctr is supported.`);
  return { version: 3, crypto };
}

function deriveKey(path: string, password: string, { kdf, kdfparams: p }: KeystoreV3["crypto"]): Buffer {
  const salt = Buffer.from(p.salt, "hex");
  if (kdf === "scrypt" && p.n && p.r && p.p) {
    // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below geth's standard N = 262144.
    return scryptSync(password.normalize("NFKC"), salt, p.dklen, { N: p.n, r: p.r, p: p.p, maxmem: 256 * p.n * p.r });
  }
  if (kdf === "pbkdf2" && p.c && p.prf === "hmac-sha256") return pbkdf2Sync(password.normalize("NFKC"), salt, p.c, p.dklen, "sha256");
  throw new CliError(`${path} uses the key derivation ${kdf}; only scrypt and pbkdf2 (hmac-sha256) are supported.`);
}

/** Decrypts an encrypted keystore file (Web3 Secret Storage v3) with `password`; resolves with the private key. */
export async function decryptKeystore(path: string, password: string): Promise<Hex> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new CliError(`Cannot read the keystore file ${path}.`);
  }
  const { crypto } = parseKeystore(path, text);
  const derived = deriveKey(path, password, crypto);
  const ciphertext = Buffer.from(crypto.ciphertext, "hex");
  const mac = keccak256(concat([derived.subarray(16, 32), ciphertext]));
  if (mac.slice(2) !== crypto.mac.toLowerCase().replace(/^0x/, "")) {
    throw new CliError(`Wrong password for the keystore ${path} (INTEGRA_KEYSTORE_PASSWORD).`, { code: "WrongPassword" });
  }
  const decipher = createDecipheriv("aes-128-ctr", derived.subarray(0, 16), Buffer.from(crypto.cipherparams.iv, "hex"));
  return bytesToHex(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
}
