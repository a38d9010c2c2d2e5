import { type Hex, bytesToHex, hexToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { decryptPaymentNote, encryptPaymentNote } from "./paymentNote";

// Each encryption or decryption runs PBKDF2 with 210k iterations (~0.1-0.3 s here), so the cases are few.
const PASSPHRASE = "correct horse battery staple";

/**
 * Encrypts `plaintext` the way notes already on chain were encrypted, independently of the app's modules:
 * version 1 | salt (16) | iv (12) | AES-256-GCM ciphertext with tag, key = PBKDF2-SHA-256(passphrase, salt, 210,000).
 * Notes written by older versions of the app must keep decrypting whatever the cipher module becomes.
 */
async function sealAsOnChain(plaintext: string, passphrase: string): Promise<Hex> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey(
    { name: "PBKDF2", salt, iterations: 210_000, hash: "SHA-256" },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt"],
  );
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(plaintext)));
  return bytesToHex(new Uint8Array([1, ...salt, ...iv, ...ciphertext]));
}

function withByteFlipped(encrypted: Hex, index: number): Hex {
  const bytes = hexToBytes(encrypted);
  bytes[index] ^= 0x01;
  return bytesToHex(bytes);
}

describe("paymentNote", () => {
  it("round-trips an amount and a memo, unicode included", async () => {
    const note = { amount: "1,250.00 EUR", memo: "Rechnung 42 — Grundbuch Blatt 12, 東京 🏠" };
    const encrypted = await encryptPaymentNote(note, PASSPHRASE);
    expect(encrypted).toMatch(/^0x[0-9a-f]+$/);
    expect(encrypted).not.toContain(Buffer.from("1,250.00").toString("hex"));
    expect(await decryptPaymentNote(encrypted, PASSPHRASE)).toEqual(note);
  }, 30_000);

  it("round-trips an empty memo", async () => {
    const encrypted = await encryptPaymentNote({ amount: "5 USDC", memo: "" }, PASSPHRASE);
    expect(await decryptPaymentNote(encrypted, PASSPHRASE)).toEqual({ amount: "5 USDC", memo: "" });
  }, 30_000);

  it("writes the on-chain layout: a note encrypted today decrypts with the layout's own recipe", async () => {
    const encrypted = await encryptPaymentNote({ amount: "7 ETH", memo: "deposit" }, PASSPHRASE);
    const bytes = hexToBytes(encrypted);
    expect(bytes[0]).toBe(1);
    const key = await crypto.subtle.deriveKey(
      { name: "PBKDF2", salt: bytes.slice(1, 17), iterations: 210_000, hash: "SHA-256" },
      await crypto.subtle.importKey("raw", new TextEncoder().encode(PASSPHRASE), "PBKDF2", false, ["deriveKey"]),
      { name: "AES-GCM", length: 256 },
      false,
      ["decrypt"],
    );
    const plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(17, 29) }, key, bytes.slice(29));
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toEqual({ amount: "7 ETH", memo: "deposit" });
  }, 30_000);

  it("reads the legacy format, amount and currency apart, as one amount", async () => {
    const legacy = await sealAsOnChain(JSON.stringify({ amount: "100", currency: "USDC", memo: "March rent" }), PASSPHRASE);
    expect(await decryptPaymentNote(legacy, PASSPHRASE)).toEqual({ amount: "100 USDC", memo: "March rent" });
  }, 30_000);

  it("reads a note without a memo (the memo is optional), in either format", async () => {
    const current = await sealAsOnChain(JSON.stringify({ amount: "12.5 EUR" }), PASSPHRASE);
    expect(await decryptPaymentNote(current, PASSPHRASE)).toEqual({ amount: "12.5 EUR", memo: "" });
    const legacy = await sealAsOnChain(JSON.stringify({ amount: "3", currency: "ETH" }), PASSPHRASE);
    expect(await decryptPaymentNote(legacy, PASSPHRASE)).toEqual({ amount: "3 ETH", memo: "" });
  }, 30_000);

  it("refuses a wrong passphrase", async () => {
    const encrypted = await encryptPaymentNote({ amount: "100 EUR", memo: "secret" }, PASSPHRASE);
    // The wording is about to change (today it says "corrupted reference"): only that it throws is pinned here.
    await expect(decryptPaymentNote(encrypted, "wrong passphrase")).rejects.toThrow();
  }, 30_000);

  it("refuses a tampered ciphertext, tag, iv or salt", async () => {
    const encrypted = await encryptPaymentNote({ amount: "100 EUR", memo: "secret" }, PASSPHRASE);
    const length = hexToBytes(encrypted).length;
    for (const index of [length - 1, 1 + 16 + 12, 1 + 16, 1]) {
      await expect(decryptPaymentNote(withByteFlipped(encrypted, index), PASSPHRASE), `byte ${index} flipped`).rejects.toThrow();
    }
  }, 30_000);

  it("refuses a truncated note and an unknown version", async () => {
    const encrypted = await encryptPaymentNote({ amount: "100 EUR", memo: "" }, PASSPHRASE);
    await expect(decryptPaymentNote(encrypted.slice(0, 2 + 2 * 40) as Hex, PASSPHRASE)).rejects.toThrow();
    const bytes = hexToBytes(encrypted);
    bytes[0] = 2;
    await expect(decryptPaymentNote(bytesToHex(bytes), PASSPHRASE)).rejects.toThrow();
  }, 30_000);

  it("refuses to encrypt without a passphrase", async () => {
    await expect(encryptPaymentNote({ amount: "1 EUR", memo: "" }, "")).rejects.toThrow();
  });
});
