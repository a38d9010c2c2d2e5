// The capability schema and bits are written once, in contracts/src/Capabilities.sol. They are `internal`
// constants, so no ABI carries them: this reads them from the source. The deploy step registers the schema from
// here, and the generated module (lib/generated/integra.ts) carries both to the app.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./artifacts.ts";

const SOURCE = path.join(ROOT, "contracts", "src", "Capabilities.sol");

export interface Capabilities {
  /** `Capabilities.SCHEMA`: the EAS schema of every capability attestation. */
  schema: string;
  /** `Capabilities.<NAME>` for every `uint256` constant: one bit each, in declaration order. */
  bits: [name: string, bit: bigint][];
}

function bitValue(name: string, expression: string): bigint {
  const shift = /^1\s*<<\s*(\d+)$/.exec(expression);
  const value = shift ? 1n << BigInt(shift[1]) : /^(0x[0-9a-fA-F]+|\d+)$/.test(expression) ? BigInt(expression) : undefined;
  if (value === undefined) throw new Error(`${SOURCE}: Capabilities.${name} = ${expression} is not a literal or 1 << n`);
  if (value === 0n || (value & (value - 1n)) !== 0n) throw new Error(`${SOURCE}: Capabilities.${name} is not a single bit`);
  return value;
}

export function readCapabilities(): Capabilities {
  const source = readFileSync(SOURCE, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "");
  const library = /library\s+Capabilities\s*\{([\s\S]*)\}/.exec(source)?.[1];
  if (library === undefined) throw new Error(`${SOURCE}: no library Capabilities`);

  const schema = /\bstring\s+(?:internal|public)\s+constant\s+SCHEMA\s*=\s*"([^"\\]*)"\s*;/.exec(library)?.[1];
  if (schema === undefined) throw new Error(`${SOURCE}: no string constant SCHEMA`);

  const bits: [string, bigint][] = [
    ...library.matchAll(/\buint256\s+(?:internal|public)\s+constant\s+([A-Z][A-Z0-9_]*)\s*=\s*([^;]+);/g),
  ].map(([, name, expression]) => [name, bitValue(name, expression.trim())]);
  if (bits.length === 0) throw new Error(`${SOURCE}: no capability bits`);
  if (new Set(bits.map(([, bit]) => bit)).size !== bits.length) throw new Error(`${SOURCE}: two capabilities share a bit`);
  return { schema, bits };
}
