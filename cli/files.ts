import { readFile, stat } from "node:fs/promises";
import { CliError } from "./errors";

/** One line saying why `path` cannot be read; `what` names it for the person ("file", "proof file"). */
function fileProblem(path: string, what: string, error: unknown): string {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (code === "ENOENT") return `No such ${what}: ${path}`;
  if (code === "EISDIR") return `Not a file: ${path}`;
  return `Cannot read ${path}: ${error instanceof Error ? error.message : code}`;
}

/** Checks the path names a readable regular file, with a specific message otherwise. */
export async function checkFile(path: string, what = "file"): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new CliError(fileProblem(path, what, error));
  }
  if (!info.isFile()) throw new CliError(`Not a file: ${path}`);
}

/** A file's text, or one line saying why it cannot be read. */
export async function readTextFile(path: string, what = "file"): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new CliError(fileProblem(path, what, error));
  }
}
