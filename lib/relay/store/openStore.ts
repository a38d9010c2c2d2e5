import path from "node:path";
import type { RelayerStore, StoreOptions } from "./relayerStore";

/** Where the embedded store keeps its file when RELAYER_STORE is not set: under the app's directory, gitignored. */
export const DEFAULT_SQLITE_FILE = path.join(".relayer", "relayer.sqlite");

export type StoreLocation = { kind: "sqlite"; file: string } | { kind: "redis"; url: string };

/**
 * RELAYER_STORE: `sqlite:<file>` (relative to the server's working directory; `sqlite::memory:` keeps nothing),
 * `redis://…` or `rediss://…` (TLS). Unset: the SQLite file DEFAULT_SQLITE_FILE. Throws on anything else, so a
 * typo cannot quietly give each instance a cap of its own.
 */
export function parseStoreLocation(value: string | undefined): StoreLocation {
  const text = value?.trim() ?? "";
  if (text === "") return { kind: "sqlite", file: DEFAULT_SQLITE_FILE };
  if (text.startsWith("sqlite:")) {
    const file = text.slice("sqlite:".length);
    if (file === "") throw new Error("RELAYER_STORE=sqlite: needs a file, e.g. sqlite:.relayer/relayer.sqlite.");
    return { kind: "sqlite", file };
  }
  if (/^rediss?:\/\//.test(text)) return { kind: "redis", url: text };
  throw new Error(`RELAYER_STORE must be sqlite:<file> or redis://host:port; it is "${text}".`);
}

/** Opens the store; each implementation is loaded only when chosen (the SQLite one is a native module). */
export async function openStore(location: StoreLocation, options: StoreOptions): Promise<RelayerStore> {
  if (location.kind === "redis") {
    const { RedisStore } = await import("./redisStore");
    return new RedisStore(location.url, options);
  }
  const { SqliteStore } = await import("./sqliteStore");
  return new SqliteStore(location.file === ":memory:" ? ":memory:" : path.resolve(location.file), options);
}

/** Where a store lives, for logs (a Redis URL's password left out). */
export function describeStoreLocation(location: StoreLocation): string {
  if (location.kind === "sqlite") return `SQLite file ${location.file}`;
  const url = new URL(location.url);
  if (url.password) url.password = "***";
  return `Redis at ${url.toString()}`;
}
