import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";

/** JSON for machines: bigints as decimal strings, two-space indentation. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
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
