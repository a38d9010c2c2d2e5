import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256ModuleBase64 } from "../generated/sha256Module";
import { MEMORY_PAGES } from "./sha256Layout";
import { sha256ModuleBytes } from "./sha256Module";
import { createSha256 } from "./sha256Wasm";

const nodeSha256 = (bytes: Uint8Array) => `0x${createHash("sha256").update(bytes).digest("hex")}`;

/** Deterministic but irregular bytes, so a wrong word order or a lost byte changes the hash. */
function bytesOf(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) | 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

describe.each([
  ["the SIMD module", false],
  ["the portable fallback (hash-wasm)", true],
])("createSha256 with %s", (_, portable) => {
  it.each([
    ["empty", "", "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "abc", "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "896-bit NIST",
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "0xcf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
    ],
  ])("matches the NIST vector %s", async (_name, text, expected) => {
    const hasher = await createSha256({ portable });
    hasher.update(new TextEncoder().encode(text));
    expect(hasher.digest()).toBe(expected);
  });

  it("matches node:crypto at every length around the padding boundaries, in one piece or two", async () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = bytesOf(length, length + 1);
      const whole = await createSha256({ portable });
      whole.update(bytes);
      const split = await createSha256({ portable });
      split.update(bytes.subarray(0, length >> 1));
      split.update(bytes.subarray(length >> 1));
      const expected = nodeSha256(bytes);
      expect([length, whole.digest()]).toEqual([length, expected]);
      expect([length, split.digest()]).toEqual([length, expected]);
    }
  });

  it("matches node:crypto on 3 MiB fed in odd pieces that cross its internal window", async () => {
    const bytes = bytesOf(3 * 1024 * 1024 + 13);
    const hasher = await createSha256({ portable });
    const sizes = [1, 63, 65, 524_287, 524_289, 1_000_003, 7];
    for (let offset = 0, i = 0; offset < bytes.length; i++) {
      const size = sizes[i % sizes.length];
      hasher.update(bytes.subarray(offset, offset + size));
      offset += size;
    }
    expect(hasher.digest()).toBe(nodeSha256(bytes));
  });
});

describe("the generated module (lib/generated/sha256Module.ts)", () => {
  it("is what lib/hash/sha256Module.ts emits now (else run `npm run generate`)", () => {
    expect(Buffer.from(sha256ModuleBase64, "base64").equals(sha256ModuleBytes(MEMORY_PAGES))).toBe(true);
  });
});

describe("createSha256", () => {
  it("gives each hasher its own state", async () => {
    const [a, b] = await Promise.all([createSha256(), createSha256()]);
    a.update(bytesOf(100, 1));
    b.update(bytesOf(100, 2));
    expect(a.digest()).toBe(nodeSha256(bytesOf(100, 1)));
    expect(b.digest()).toBe(nodeSha256(bytesOf(100, 2)));
  });

  it("hashes correctly after a warm-up run in its own memory", async () => {
    for (const size of [0, 1, 55, 64, 1000, 700_000]) {
      const hasher = await createSha256({ warmUpBytes: 1024 * 1024 });
      hasher.update(bytesOf(size, 3));
      expect(hasher.digest()).toBe(nodeSha256(bytesOf(size, 3)));
    }
  });

  it("refuses to be used after its digest", async () => {
    const hasher = await createSha256();
    hasher.digest();
    expect(() => hasher.update(new Uint8Array(1))).toThrow(/already produced its digest/);
  });
});
