// The --cursor FILE of `integra watch`: where a restart resumes.
import { readFile, rename, writeFile } from "node:fs/promises";
import type { AnyWatchCursor, WatchCursor } from "@/lib/sdk";
import { CliError } from "../errors";

const isBlock = (value: unknown) => /^\d+$/.test(String(value));

/** Whether `value` is one chain's cursor as the watch writes it (version 1). */
function isChainCursor(value: unknown): value is WatchCursor {
  if (typeof value !== "object" || value === null) return false;
  const cursor = value as Partial<WatchCursor>;
  return (
    cursor.version === 1 &&
    typeof cursor.target === "string" &&
    isBlock(cursor.block) &&
    isBlock(cursor.from) &&
    Array.isArray(cursor.tail) &&
    (cursor.chainId === undefined || Number.isSafeInteger(cursor.chainId))
  );
}

/** Whether `value` is a cursor: one chain's (version 1), or one per chain of a watch of several (version 2). */
function isCursor(value: unknown): value is AnyWatchCursor {
  if (isChainCursor(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  const { version, target, chains } = value as { version?: unknown; target?: unknown; chains?: unknown };
  return (
    version === 2 &&
    typeof target === "string" &&
    typeof chains === "object" &&
    chains !== null &&
    Object.entries(chains).every(([chainId, cursor]) => /^\d+$/.test(chainId) && isChainCursor(cursor))
  );
}

/** The saved cursor, or undefined when the file does not exist yet (the first run). */
export async function readCursor(path: string): Promise<AnyWatchCursor | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw new CliError(`Cannot read the cursor file ${path}.`);
  }
  let cursor: unknown;
  try {
    cursor = JSON.parse(text);
  } catch {
    cursor = undefined;
  }
  if (!isCursor(cursor)) {
    throw new CliError(`The cursor file ${path} is not a watch cursor: delete it to start over, or give another --cursor.`);
  }
  return cursor;
}

/** Written whole, then renamed over the old one: a crash leaves the old cursor or the new one, never half of one. */
export async function saveCursor(path: string, cursor: AnyWatchCursor): Promise<void> {
  await writeFile(`${path}.tmp`, `${JSON.stringify(cursor)}\n`);
  await rename(`${path}.tmp`, path);
}
