const WIDTH = 30;
const REDRAW_MS = 100;

/** Bytes in the unit that reads best: B, KiB, MiB or GiB. */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** What the bar counts: bytes (shown as KiB, MiB…) or plain items such as files. */
type Unit = "bytes" | "files";

function amount(value: number, unit: Unit): string {
  return unit === "bytes" ? size(value) : String(value);
}

function bar(label: string, done: number, total: number, unit: Unit): string {
  const fraction = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(fraction * WIDTH);
  return `${label} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${amount(done, unit)} of ${amount(total, unit)}${unit === "files" ? " files" : ""}`;
}

/**
 * A progress bar on stderr (stdout stays clean for --json). On a terminal it redraws in place at most every
 * 100 ms; otherwise it prints only the finished bar, so logs do not fill with partial lines.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr, unit: Unit = "bytes") {
  let last = 0;
  let done = 0;
  let total = 0;
  return {
    update(bytesRead: number, totalBytes: number): void {
      done = bytesRead;
      total = totalBytes;
      const now = Date.now();
      if (stream.isTTY && now - last >= REDRAW_MS) {
        last = now;
        stream.write(`\r${bar(label, done, total, unit)}`);
      }
    },
    finish(totalBytes: number): void {
      stream.write(`${stream.isTTY ? "\r" : ""}${bar(label, totalBytes, totalBytes, unit)}\n`);
    },
  };
}
