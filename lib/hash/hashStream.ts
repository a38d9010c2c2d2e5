import type { Hex } from "viem";
import { type Sha256Hasher, createSha256 } from "./sha256Wasm";

/**
 * Chromium hands at most 2 MiB per read, so a bigger buffer buys nothing; one buffer reused for the whole
 * stream keeps a 1 GB file from turning into hundreds of MiB of garbage (measured: twice the throughput).
 */
const CHUNK_BYTES = 2 * 1024 * 1024;

/**
 * SHA-256 of everything the stream yields, as 0x-prefixed lowercase hex (what `sha256sum` prints). A fresh `hasher`
 * may be passed in (one made ahead of time); by default one is made here.
 */
export async function sha256OfStream(
  stream: ReadableStream<Uint8Array>,
  onProgress?: (bytesRead: number) => void,
  hasher?: Sha256Hasher,
): Promise<Hex> {
  hasher ??= await createSha256();
  const byobReader = openByobReader(stream);
  if (byobReader) {
    await hashWithByobReader(byobReader, hasher, onProgress);
  } else {
    await hashWithDefaultReader(stream.getReader(), hasher, onProgress);
  }
  return hasher.digest();
}

/** Only byte streams (File/Blob streams among them) support BYOB; others throw a TypeError here. */
function openByobReader(stream: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return stream.getReader({ mode: "byob" });
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

async function hashWithByobReader(
  reader: ReadableStreamBYOBReader,
  hasher: Sha256Hasher,
  onProgress?: (bytesRead: number) => void,
): Promise<void> {
  // Each read transfers (detaches) the buffer we pass in; the returned view holds the same memory under a
  // new ArrayBuffer, which is the one to hand back next time.
  let buffer = new ArrayBuffer(CHUNK_BYTES);
  let bytesRead = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(buffer));
      if (done || !value) break;
      // update() copies into WASM memory synchronously, so reusing the buffer for the next read is safe.
      hasher.update(value);
      bytesRead += value.byteLength;
      onProgress?.(bytesRead);
      buffer = value.buffer;
    }
  } catch (error) {
    await cancelQuietly(reader, error);
    throw error;
  } finally {
    reader.releaseLock();
  }
}

async function hashWithDefaultReader(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  hasher: Sha256Hasher,
  onProgress?: (bytesRead: number) => void,
): Promise<void> {
  let bytesRead = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hasher.update(value);
      bytesRead += value.byteLength;
      onProgress?.(bytesRead);
    }
  } catch (error) {
    await cancelQuietly(reader, error);
    throw error;
  } finally {
    reader.releaseLock();
  }
}

/** Stops the source (e.g. the file read) when we give up; an already-errored stream rejects cancel, which is fine. */
async function cancelQuietly(reader: ReadableStreamBYOBReader | ReadableStreamDefaultReader<Uint8Array>, reason: unknown) {
  try {
    await reader.cancel(reason);
  } catch {
    // The original error is the one worth reporting.
  }
}
