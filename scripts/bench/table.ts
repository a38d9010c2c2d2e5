// A plain-text table with padded columns, so every section prints the same way.

export type Align = "left" | "right";

export function formatTable(headers: string[], rows: string[][], align: Align[]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (align[i] === "right" ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const rule = "-".repeat(widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1));
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

export const MIB = 1024 * 1024;

export function mib(bytes: number, digits = 1): string {
  return (bytes / MIB).toFixed(digits);
}

export function kib(bytes: number, digits = 1): string {
  return (bytes / 1024).toFixed(digits);
}
