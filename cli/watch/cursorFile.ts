// The --cursor FILE of `integra watch`: where a restart resumes.
import { readFile, rename, writeFile } from "node:fs/promises";
import type { WatchCursor } from "@/lib/sdk";
import { CliError } from "../errors";

/** The saved cursor, or undefined when the file does not exist yet (the first run). */
export async function readCursor(path: string): Promise<WatchCursor | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw new CliError(`Cannot read the cursor file ${path}.`);
  }
  try {
    const cursor = JSON.parse(text) as Partial<WatchCursor>;
    if (cursor.version !== 1 || !/^\d+$/.test(String(cursor.block)) || !/^\d+$/.test(String(cursor.from)) || !Array.isArray(cursor.tail)) {
      throw new Error("shape");
    }
    return cursor as WatchCursor;
  } catch {
    throw new CliError(`The cursor file ${path} is not a watch cursor: delete it to start over, or give another --cursor.`);
  }
}

/** Written whole, then renamed over the old one: a crash leaves the old cursor or the new one, never half of one. */
export async function saveCursor(path: string, cursor: WatchCursor): Promise<void> {
  await writeFile(`${path}.tmp`, `${JSON.stringify(cursor)}\n`);
  await rename(`${path}.tmp`, path);
}
