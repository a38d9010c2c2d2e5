/**
 * The little of the WebAssembly binary format (https://webassembly.github.io/spec/core/binary/) that the SHA-256
 * module needs: LEB128 numbers, sections, and the instructions it uses, each as its bytes. Emitting the module from
 * code keeps it readable and reviewable here, with no toolchain and no opaque binary in the repository.
 */

export type Bytes = number[];

/** Unsigned LEB128. */
export function uleb(value: number): Bytes {
  const out: Bytes = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (i32.const takes its operand signed). */
export function sleb(value: number): Bytes {
  const out: Bytes = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    if ((rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export const vector = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
export const section = (id: number, content: Bytes): Bytes => [id, ...uleb(content.length), ...content];
export const name = (text: string): Bytes => [...uleb(text.length), ...[...text].map((c) => c.charCodeAt(0))];

export const I32 = 0x7f;
export const V128 = 0x7b;

export const SECTION = { type: 1, function: 3, memory: 5, export: 7, code: 10 } as const;
export const EXPORT_KIND = { function: 0, memory: 2 } as const;
export const MAGIC_AND_VERSION: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

const simd = (opcode: number, ...immediates: Bytes): Bytes => [0xfd, ...uleb(opcode), ...immediates];
/** Memory access immediates: alignment as a power of two, then the constant offset. */
const memarg = (alignLog2: number, offset: number): Bytes => [alignLog2, ...uleb(offset)];

/** Instructions by name; those with immediates are functions. */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (depth: number): Bytes => [0x0d, ...uleb(depth)],
  localGet: (index: number): Bytes => [0x20, ...uleb(index)],
  localSet: (index: number): Bytes => [0x21, ...uleb(index)],
  localTee: (index: number): Bytes => [0x22, ...uleb(index)],
  i32Load: (offset: number): Bytes => [0x28, ...memarg(2, offset)],
  i32Store: (offset: number): Bytes => [0x36, ...memarg(2, offset)],
  i32Const: (value: number): Bytes => [0x41, ...sleb(value)],
  i32Eqz: [0x45],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32And: [0x71],
  i32Or: [0x72],
  i32Xor: [0x73],
  i32Rotr: [0x78],
  v128Load: (offset: number): Bytes => simd(0x00, ...memarg(0, offset)),
  /** Four i32 lanes, little-endian. */
  v128Const: (lanes: readonly number[]): Bytes =>
    simd(0x0c, ...lanes.flatMap((lane) => [lane & 0xff, (lane >>> 8) & 0xff, (lane >>> 16) & 0xff, (lane >>> 24) & 0xff])),
  /** Bytes 0-15 pick from the first operand, 16-31 from the second. */
  i8x16Shuffle: (lanes: readonly number[]): Bytes => simd(0x0d, ...lanes),
  i32x4ExtractLane: (lane: number): Bytes => simd(0x1b, lane),
  v128Xor: simd(0x51),
  i32x4Shl: simd(0xab),
  i32x4ShrU: simd(0xad),
  i32x4Add: simd(0xae),
};
