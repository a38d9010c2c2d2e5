// The renderer processes' memory as the OS sees it, for "how much does hashing a file cost the tab": anonymous
// memory (JS heaps, WASM memory, Blink's buffers) plus shared memory (the data pipes a Blob is read through).
// Mapped files (the Chromium binary's code pages) are left out: touching them allocates nothing. Linux only.
import { readFileSync } from "node:fs";
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

  async close(): Promise<void> {
    await this.cdp.detach();
  }
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
