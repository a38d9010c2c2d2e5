import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256OfStream } from "./hashStream";

const text = (s: string) => new TextEncoder().encode(s);

const VECTORS: Array<[name: string, input: Uint8Array, hash: string]> = [
  ["empty", text(""), "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ["abc", text("abc"), "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  [
    "448-bit NIST",
    text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "0x248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  ],
  ["one million a", new Uint8Array(1_000_000).fill(0x61), "0xcdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"],
];

function nodeSha256(bytes: Uint8Array): string {
  return `0x${createHash("sha256").update(bytes).digest("hex")}`;
}

/** Deterministic bytes so a failure reproduces. */
function patternBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + (i >>> 8)) & 0xff;
  return bytes;
}

/** Splits bytes into the given chunk sizes (cycled), copying each so the consumer can't see neighbours. */
function chunked(bytes: Uint8Array<ArrayBuffer>, sizes: number[]): Uint8Array<ArrayBuffer>[] {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    chunks.push(bytes.slice(offset, offset + size));
    offset += size;
  }
  return chunks;
}

describe("sha256OfStream", () => {
  it.each(VECTORS)("%s through a Blob stream", async (_name, input, expected) => {
    expect(await sha256OfStream(new Blob([input as Uint8Array<ArrayBuffer>]).stream())).toBe(expected);
  });

  // Chunks larger than the 2 MiB read buffer are split across BYOB reads, and the odd sizes put chunk ends
  // everywhere relative to SHA-256's 64-byte blocks.
  it("hashes a byte stream of odd-sized chunks straddling the read buffer", async () => {
    const bytes = patternBytes(9 * 1024 * 1024 + 7);
    const chunks = chunked(bytes, [1, 63, 65, 3 * 1024 * 1024 + 5, 2 * 1024 * 1024 - 1, 2 * 1024 * 1024 + 1, 4099]);
    const stream = new ReadableStream({
      type: "bytes",
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) {
          controller.enqueue(chunk);
          return;
        }
        controller.close();
        // A byte source must release a pending BYOB read itself after closing, or that read never settles.
        controller.byobRequest?.respond(0);
      },
    });
    const seen: number[] = [];
    expect(await sha256OfStream(stream, (n) => seen.push(n))).toBe(nodeSha256(bytes));
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen.every((n, i) => i === 0 || n > seen[i - 1])).toBe(true);
    // More progress calls than chunks shows the large chunks really were split by the 2 MiB buffer.
    expect(seen.length).toBeGreaterThan(10);
  });

  // Sizes at the read buffer's edges: one whole buffer, one byte short of it, one byte into a second read.
  it.each([2 * 1024 * 1024, 2 * 1024 * 1024 - 1, 2 * 1024 * 1024 + 1, 4 * 1024 * 1024])(
    "hashes a Blob of %i bytes, reporting every byte read",
    async (size) => {
      const bytes = patternBytes(size);
      let last = 0;
      expect(await sha256OfStream(new Blob([bytes]).stream(), (n) => (last = n))).toBe(nodeSha256(bytes));
      expect(last).toBe(size);
    },
  );

  it("reports no progress for an empty file", async () => {
    const seen: number[] = [];
    expect(await sha256OfStream(new Blob([]).stream(), (n) => seen.push(n))).toBe(VECTORS[0][2]);
    expect(seen).toEqual([]);
  });

  it("falls back to a default reader for streams that are not byte streams", async () => {
    const bytes = patternBytes(5 * 1024 * 1024 + 3);
    const chunks = chunked(bytes, [7, 1, 2 * 1024 * 1024 + 1, 127, 3 * 1024 * 1024]);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    });
    let last = 0;
    expect(await sha256OfStream(stream, (n) => (last = n))).toBe(nodeSha256(bytes));
    expect(last).toBe(bytes.length);
  });

  it("rejects when the stream errors", async () => {
    const stream = new ReadableStream({
      type: "bytes",
      start(controller) {
        controller.enqueue(new Uint8Array(10));
      },
      pull(controller) {
        controller.error(new Error("disk gone"));
      },
    });
    await expect(sha256OfStream(stream)).rejects.toThrow("disk gone");
  });
});
