import { stat } from "node:fs/promises";
import { CliError } from "./errors";

/** Checks the path names a readable regular file, with a specific message otherwise. */
export async function checkFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    throw new CliError(
      code === "ENOENT" ? `No such file: ${path}` : `Cannot read ${path}: ${error instanceof Error ? error.message : code}`,
    );
  }
  if (!info.isFile()) throw new CliError(`Not a file: ${path}`);
}
