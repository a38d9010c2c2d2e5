import type { Hex } from "viem";
import { sha256ModuleBase64 } from "../generated/sha256Module";
import { INPUT_OFFSET, STATE_OFFSET, WINDOW_BYTES } from "./sha256Layout";

/** An incremental SHA-256: feed bytes in any pieces, then take the digest once. */
export interface Sha256Hasher {
  update(bytes: Uint8Array): void;
  /** 0x-prefixed lowercase hex, what `sha256sum` prints. */
  digest(): Hex;
}

const INITIAL_STATE = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

type Compress = (ptr: number, blocks: number) => void;

let compiled: Promise<WebAssembly.Module | null> | undefined;

/**
 * Compiled once per thread; null where WebAssembly SIMD is missing (Safari before 16.4, old WebViews). The bytes
 * were emitted ahead of time by `npm run generate` from lib/hash/sha256Module.ts (a test checks they still match):
 * emitting them here built thousands of small arrays, and that burst grew each hashing worker's heap by ~2.5 MiB.
 */
function compiledModule(): Promise<WebAssembly.Module | null> {
  compiled ??= (async () => {
    const bytes = decodeBase64(sha256ModuleBase64);
    return WebAssembly.validate(bytes) ? WebAssembly.compile(bytes) : null;
  })();
  return compiled;
}

/**
 * SHA-256 over the SIMD module (lib/hash/sha256Module.ts), or hash-wasm's where SIMD is missing or `portable` is asked.
 *
 * `warmUpBytes`: first run the compression over that many bytes (rounded up to whole input windows) of the
 * module's own zeroed input window. V8 runs new WebAssembly on baseline code (~5x slower here: a file's first 2 MiB
 * took ~25 ms instead of ~5) and optimizes a function only after it has run a while. Warming the very instance that
 * will hash, in place, costs no second instance and no input buffer (together ~1.1 MiB the hashing worker held until
 * its next collection).
 */
export async function createSha256(options: { portable?: boolean; warmUpBytes?: number } = {}): Promise<Sha256Hasher> {
  const compiledSha256 = options.portable ? null : await compiledModule();
  if (!compiledSha256) return portableSha256();
  const instance = await WebAssembly.instantiate(compiledSha256);
  const memory = instance.exports.memory as WebAssembly.Memory;
  const compress = instance.exports.compress as Compress;
  for (let fed = 0; fed < (options.warmUpBytes ?? 0); fed += WINDOW_BYTES) compress(INPUT_OFFSET, WINDOW_BYTES / 64);
  // The warm-up left its own state behind: simdSha256 starts from SHA-256's initial state regardless.
  return simdSha256(memory, compress);
}

function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function simdSha256(memory: WebAssembly.Memory, compress: Compress): Sha256Hasher {
  // The memory never grows, so these views stay valid.
  const heap = new Uint8Array(memory.buffer);
  new Uint32Array(memory.buffer, STATE_OFFSET, 8).set(INITIAL_STATE);
  /** Bytes at INPUT_OFFSET not yet compressed: always fewer than 64 between calls. */
  let pending = 0;
  let length = 0;
  let finished = false;

  return {
    update(bytes) {
      if (finished) throw new Error("This SHA-256 hasher has already produced its digest.");
      length += bytes.length;
      for (let offset = 0; offset < bytes.length;) {
        const take = Math.min(WINDOW_BYTES - pending, bytes.length - offset);
        heap.set(bytes.subarray(offset, offset + take), INPUT_OFFSET + pending);
        offset += take;
        pending += take;
        const blocks = pending >>> 6;
        if (blocks === 0) continue;
        compress(INPUT_OFFSET, blocks);
        const tail = pending & 63;
        heap.copyWithin(INPUT_OFFSET, INPUT_OFFSET + blocks * 64, INPUT_OFFSET + pending);
        pending = tail;
      }
    },
    digest() {
      if (finished) throw new Error("This SHA-256 hasher has already produced its digest.");
      finished = true;
      // 0x80, zeros, then the length in bits as a big-endian 64-bit number, ending on a block boundary.
      const paddedBytes = pending < 56 ? 64 : 128;
      heap.fill(0, INPUT_OFFSET + pending, INPUT_OFFSET + paddedBytes);
      heap[INPUT_OFFSET + pending] = 0x80;
      const view = new DataView(memory.buffer);
      view.setBigUint64(INPUT_OFFSET + paddedBytes - 8, BigInt(length) * 8n, false);
      compress(INPUT_OFFSET, paddedBytes / 64);
      let hex = "";
      for (let i = 0; i < 8; i++)
        hex += view
          .getUint32(STATE_OFFSET + 4 * i, true)
          .toString(16)
          .padStart(8, "0");
      return `0x${hex}`;
    },
  };
}

async function portableSha256(): Promise<Sha256Hasher> {
  // Loaded only where it runs: otherwise every hashing worker would fetch and parse its ~40 KB for nothing.
  const { createSHA256 } = await import("hash-wasm");
  const hasher = await createSHA256();
  hasher.init();
  return {
    update: (bytes) => void hasher.update(bytes),
    digest: () => `0x${hasher.digest("hex")}`,
  };
}
