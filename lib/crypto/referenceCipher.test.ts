import { type Hex, bytesToHex, hexToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { decryptReference, encryptReference } from "./referenceCipher";

// Each call runs PBKDF2 with 210k iterations (~0.1-0.3 s here), so the cases are few and specific.
const PASSPHRASE = "correct horse battery staple";

function withByte(encrypted: Hex, index: number, change: (byte: number) => number): Hex {
  const bytes = hexToBytes(encrypted);
  bytes[index] = change(bytes[index]);
  return bytesToHex(bytes);
}

describe("referenceCipher", () => {
  it("round-trips ASCII and unicode", async () => {
    for (const plaintext of ["ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", "Grundbuch Blatt 12 — 東京 🏠", ""]) {
      const encrypted = await encryptReference(plaintext, PASSPHRASE);
      expect(await decryptReference(encrypted, PASSPHRASE)).toBe(plaintext);
    }
  }, 30_000);

  it("encrypts the same text differently each time (random salt and iv)", async () => {
    const a = await encryptReference("same text", PASSPHRASE);
    const b = await encryptReference("same text", PASSPHRASE);
    expect(a).not.toBe(b);
    // salt (bytes 1..16) and iv (17..28) both differ, not just one of them
    expect(a.slice(4, 36)).not.toBe(b.slice(4, 36));
    expect(a.slice(36, 60)).not.toBe(b.slice(36, 60));
  }, 30_000);

  it("rejects a wrong passphrase", async () => {
    const encrypted = await encryptReference("secret location", PASSPHRASE);
    await expect(decryptReference(encrypted, "wrong passphrase")).rejects.toThrow("Wrong passphrase or corrupted reference.");
  }, 30_000);

  it("rejects a tampered byte in the ciphertext, the iv or the salt", async () => {
    const encrypted = await encryptReference("secret location", PASSPHRASE);
    const length = hexToBytes(encrypted).length;
    for (const index of [length - 1, 1 + 16 + 12, 1 + 16, 1]) {
      const tampered = withByte(encrypted, index, (byte) => byte ^ 0x01);
      await expect(decryptReference(tampered, PASSPHRASE)).rejects.toThrow("Wrong passphrase or corrupted reference.");
    }
  }, 30_000);

  it("rejects an unknown version byte and a truncated input", async () => {
    const encrypted = await encryptReference("secret location", PASSPHRASE);
    await expect(
      decryptReference(
        withByte(encrypted, 0, () => 2),
        PASSPHRASE,
      ),
    ).rejects.toThrow("This reference is not in a format this app can read.");
    await expect(decryptReference(encrypted.slice(0, 2 + 2 * 44) as Hex, PASSPHRASE)).rejects.toThrow(
      "This reference is not in a format this app can read.",
    );
  }, 30_000);

  it("refuses to encrypt without a passphrase", async () => {
    await expect(encryptReference("x", "")).rejects.toThrow("A passphrase is needed to encrypt the reference.");
  });
});
