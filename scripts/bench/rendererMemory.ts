// The renderer processes' memory as the OS sees it, for "how much does hashing a file cost the tab": anonymous
// memory (JS heaps, WASM memory, Blink's buffers) plus shared memory (the data pipes a Blob is read through).
// Mapped files (the Chromium binary's code pages) are left out: touching them allocates nothing. Linux only.
import { readFileSync, readdirSync } from "node:fs";
import type { Browser, CDPSession } from "@playwright/test";

export class RendererMemoryProbe {
  private constructor(private readonly cdp: CDPSession) {}

  static async open(browser: Browser): Promise<RendererMemoryProbe> {
    return new RendererMemoryProbe(await browser.newBrowserCDPSession());
  }

  /** Summed over every renderer process (workers run in their page's); undefined where /proc cannot tell. */
  async sample(): Promise<number | undefined> {
    const { processInfo } = await this.cdp.send("SystemInfo.getProcessInfo");
    let total: number | undefined;
    for (const process of processInfo) {
      if (process.type !== "renderer") continue;
      // A renderer that exited since the list was made has nothing to count.
      const bytes = privateAndSharedBytes(process.id);
      if (bytes !== undefined) total = (total ?? 0) + bytes;
    }
    return total;
  }

  /**
   * CPU seconds each kind of the browser's processes has used so far ("browser", "renderer", "gpu-process", ...), and
   * the renderers' live threads by name ("renderer/CrRendererMain", ...; Linux only). A thread that has ended (the
   * hashing worker's, once it is terminated) still counts in its process's total but no longer under its name.
   */
  async cpuSeconds(): Promise<Record<string, number>> {
    const { processInfo } = await this.cdp.send("SystemInfo.getProcessInfo");
    const seconds: Record<string, number> = {};
    const add = (key: string, value: number) => (seconds[key] = (seconds[key] ?? 0) + value);
    for (const process of processInfo) {
      add(process.type, process.cpuTime);
      if (process.type === "renderer") for (const [thread, cpu] of threadCpuSeconds(process.id)) add(`renderer/${thread}`, cpu);
    }
    return seconds;
  }

  async close(): Promise<void> {
    await this.cdp.detach();
  }
}

/** Each live thread's CPU seconds, by its name with any trailing number dropped (thread pools share one name). */
function threadCpuSeconds(pid: number): [string, number][] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tids.flatMap((tid): [string, number][] => {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).replace(/\d+$/, "");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime, in the kernel's fixed 100 ticks a second.
      return [[name, (Number(fields[11]) + Number(fields[12])) / 100]];
    } catch {
      return [];
    }
  });
}

function privateAndSharedBytes(pid: number): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  const bytes = (kib("RssAnon") + kib("RssShmem")) * 1024;
  return Number.isNaN(bytes) ? undefined : bytes;
}
