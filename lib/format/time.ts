/** A chain timestamp (seconds) as a readable local date and time. */
export function formatTimestamp(seconds: bigint | number): string {
  return new Date(Number(seconds) * 1000).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}
