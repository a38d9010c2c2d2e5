import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";
import { type JsonKind, SCHEMA_VERSIONS } from "./schemaVersions";

/** JSON for machines: bigints as decimal strings, two-space indentation. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, bigintsAsStrings, 2);
}

/**
 * The number rule of every --json document (cli/README.md): what viem gives as a bigint (the chain's uint256 and
 * uint64: token ids, amounts, payment ids, versions, block numbers, timestamps) becomes a decimal string, as a double
 * cannot hold every uint256; what is already a JS number (counts, log and transaction indexes, chain ids, seconds to
 * wait) stays a number. So the JS type a command puts in a field decides its JSON type, always the same one.
 */
function bigintsAsStrings(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/**
 * A `--json` document of `kind`: `value` with `schemaVersion` first. The one place schemaVersion is added, so that
 * every document carries the version its schema (cli/schemas/<kind>.schema.json) declares.
 */
export function jsonDocument(kind: JsonKind, value: object): object {
  return { schemaVersion: SCHEMA_VERSIONS[kind], ...value };
}

/** Prints the `--json` answer of `kind` on stdout: one JSON document, indented. */
export function printJson(kind: JsonKind, value: object): void {
  process.stdout.write(`${toJson(jsonDocument(kind, value))}\n`);
}

/** A `--json` document of `kind` on one line, without the newline (watch's event lines and webhook bodies). */
export function jsonLine(kind: JsonKind, value: object): string {
  return JSON.stringify(jsonDocument(kind, value), bigintsAsStrings);
}

/** A plain-text table: a header row, a rule, then the rows, columns padded to their widest cell. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** A titled section of human output; an empty section says so instead of printing an empty table. */
export function section(title: string, body: string | undefined, empty = "none"): string {
  return `${title}\n${body ?? `  (${empty})`}\n`;
}

/** Key/value lines, keys padded to the widest. */
export function fields(entries: readonly (readonly [string, string])[]): string {
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `  ${`${k}:`.padEnd(width + 1)} ${v}`).join("\n");
}

/** A chain timestamp (seconds), as the app shows it; 0 means never. */
export function when(seconds: bigint): string {
  return seconds === 0n ? "never" : formatTimestamp(seconds);
}

export { shortHex };
