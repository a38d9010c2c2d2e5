/**
 * Where the SHA-256 module (lib/hash/sha256Module.ts) keeps its state and takes its input, and how big its memory
 * is: shared by the module's source and the code that runs it, which must not import the module's emitter (the
 * hashing worker compiles bytes made ahead of time, lib/generated/sha256Module.ts).
 */

export const STATE_OFFSET = 0;
/** Where callers put input; 16-byte aligned. */
export const INPUT_OFFSET = 64;
/** Input copied into the module's memory per compress call: big enough to amortize the call, small enough for L2. */
export const WINDOW_BYTES = 512 * 1024;
const PAGE_BYTES = 64 * 1024;
/** The window plus room for the padding block(s) after a partial block. */
export const MEMORY_PAGES = Math.ceil((INPUT_OFFSET + WINDOW_BYTES + 128) / PAGE_BYTES);
