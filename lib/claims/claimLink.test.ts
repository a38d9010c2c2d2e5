import type { Hex } from "viem";
import { describe, expect, it } from "vitest";
import { APP_CHAIN_ID } from "@/lib/config/appChain";
import { claimLinkPath, readClaimLink } from "./claimLink";

const RECORD = "0xabcdef00000000000000000000000000000000000000000000000000000000aa" as Hex;
const OTHER_CHAIN = APP_CHAIN_ID + 1;

/** The claims page's reading of a link's query string. */
const read = (path: string) => {
  const params = new URL(path, "https://app.example").searchParams;
  return readClaimLink((name) => params.get(name));
};

describe("claimLinkPath", () => {
  it("names no chain for a token on the default chain: links handed out before several chains stay byte for byte", () => {
    expect(claimLinkPath(RECORD, 3n)).toBe(`/claims?record=${RECORD}&token=3`);
    expect(claimLinkPath(RECORD, 3n, APP_CHAIN_ID)).toBe(`/claims?record=${RECORD}&token=3`);
  });

  it("names the chain of a token on another chain", () => {
    expect(claimLinkPath(RECORD, 1n, OTHER_CHAIN)).toBe(`/claims?record=${RECORD}&token=1&chain=${OTHER_CHAIN}`);
  });
});

describe("readClaimLink", () => {
  it("reads back the token and chain of every link claimLinkPath makes", () => {
    expect(read(claimLinkPath(RECORD, 3n))).toEqual({ kind: "token", integraHash: RECORD, tokenId: 3n, chainId: APP_CHAIN_ID });
    expect(read(claimLinkPath(RECORD, 1n, OTHER_CHAIN))).toEqual({ kind: "token", integraHash: RECORD, tokenId: 1n, chainId: OTHER_CHAIN });
  });

  it("takes a record in upper case or without 0x as the same record", () => {
    expect(read(`/claims?record=${RECORD.slice(2).toUpperCase()}&token=2`)).toMatchObject({ kind: "token", integraHash: RECORD });
  });

  it("is no link when the query names nothing", () => {
    expect(read("/claims")).toEqual({ kind: "none" });
  });

  it.each([
    ["a record that is not 32 bytes", `/claims?record=0x1234&token=1`],
    ["a token that is not a whole number", `/claims?record=${RECORD}&token=one`],
    ["a negative token", `/claims?record=${RECORD}&token=-1`],
    ["a record without its token", `/claims?record=${RECORD}`],
    ["a token without its record", `/claims?token=1`],
    ["a chain that is not a whole number", `/claims?record=${RECORD}&token=1&chain=base`],
    ["a chain alone", `/claims?chain=${OTHER_CHAIN}`],
  ])("is broken for %s", (_, path) => {
    expect(read(path)).toEqual({ kind: "broken" });
  });
});
