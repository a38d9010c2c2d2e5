/** Decimal (SI) units, as operating systems show file sizes to people: 1.2 GB = 1.2 × 10⁹ bytes. */
const UNITS = ["B", "kB", "MB", "GB", "TB", "PB"] as const;

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "—";
  let unit = 0;
  let value = n;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  // One decimal while it carries information ("1.2 GB"), none for bytes or three-digit values ("512 MB").
  let rounded = unit === 0 || value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  // 999.96 kB would otherwise print as "1000 kB".
  if (rounded >= 1000 && unit < UNITS.length - 1) {
    unit += 1;
    rounded = Math.round(rounded / 100) / 10;
  }
  return `${rounded} ${UNITS[unit]}`;
}
