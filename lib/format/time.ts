/** A chain timestamp (seconds) as a readable local date and time. */
export function formatTimestamp(seconds: bigint | number): string {
  return new Date(Number(seconds) * 1000).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** A span of seconds in words, to the two largest units: "29 days 23 hours", "4 hours 5 minutes", "less than a minute". */
export function formatDuration(seconds: bigint | number): string {
  let left = Math.max(0, Math.floor(Number(seconds)));
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  const parts: string[] = [];
  for (const [size, name] of units) {
    const count = Math.floor(left / size);
    left -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count} ${name}${count === 1 ? "" : "s"}`);
    if (parts.length === 2) break;
  }
  const shown = parts.filter((p) => !p.startsWith("0 "));
  return shown.length > 0 ? shown.join(" ") : "less than a minute";
}
