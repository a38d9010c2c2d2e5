// The --cursor FILE: what `integra watch` writes is what it reads back, of one chain or of several; anything else is refused.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MultiChainWatchCursor, WatchCursor } from "@/lib/sdk";
import { claimLog } from "@/lib/timeline/claimLogFixture";
import { readCursor, saveCursor } from "./cursorFile";

const chainA: WatchCursor = { version: 1, chainId: 31337, target: "workflow:0xabc", from: "10", block: "12", tail: [claimLog(11, 1n)] };
const chainB: WatchCursor = { version: 1, chainId: 31338, target: "workflow:0xabc", from: "3", block: "7", tail: [] };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "integra-cursor-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the cursor file", () => {
  it("reads back a one-chain cursor, one saved before cursors named their chain, and a cursor of several chains", async () => {
    const file = path.join(dir, "cursor.json");
    const acrossChains: MultiChainWatchCursor = { version: 2, target: "workflow:0xabc", chains: { 31337: chainA, 31338: chainB } };
    const older: WatchCursor = { version: 1, target: chainA.target, from: chainA.from, block: chainA.block, tail: chainA.tail };
    for (const cursor of [chainA, older, acrossChains]) {
      await saveCursor(file, cursor);
      expect(await readCursor(file)).toEqual(cursor);
    }
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ version: 2, chains: { "31338": { block: "7" } } });
  });

  it("is none before the first run", async () => {
    expect(await readCursor(path.join(dir, "absent.json"))).toBeUndefined();
  });

  it("refuses what is not a cursor: not JSON, another version, a chain's cursor that is broken, a chain key that is not an id", async () => {
    const file = path.join(dir, "cursor.json");
    const broken = [
      "not json",
      JSON.stringify({ ...chainA, version: 3 }),
      JSON.stringify({ ...chainA, block: "twelve" }),
      JSON.stringify({ version: 2, target: "workflow:0xabc", chains: { 31337: { ...chainA, tail: "none" } } }),
      JSON.stringify({ version: 2, target: "workflow:0xabc", chains: { base: chainA } }),
      JSON.stringify({ version: 2, chains: {} }),
    ];
    for (const text of broken) {
      writeFileSync(file, text);
      await expect(readCursor(file), text).rejects.toThrow(`The cursor file ${file} is not a watch cursor`);
    }
  });
});
