import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type { Hex } from "viem";
import { sha256OfStream } from "@/lib/hash/hashStream";

/** Called as the file is read: bytes hashed so far, and the file's size. */
export type HashProgress = (bytesRead: number, totalBytes: number) => void;

/**
 * SHA-256 of a file on disk (Node), streamed: the file is read in chunks through the app's own stream hasher
 * (`lib/hash/hashStream.ts`), so memory stays flat whatever the size. Resolves to 0x-prefixed lowercase hex,
 * the content hash a record is registered under (what `sha256sum` prints).
 */
export async function hashFile(path: string, onProgress?: HashProgress): Promise<Hex> {
  const { size } = await stat(path);
  // Node's web stream type comes from node:stream/web; it is the same WHATWG stream at runtime.
  const stream = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return sha256OfStream(stream, onProgress ? (bytesRead) => onProgress(bytesRead, size) : undefined);
}
