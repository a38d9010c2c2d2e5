import { describe, expect, it } from "vitest";
import { integraAbis } from "@/lib/contracts";
import { revertMessages } from "./revertMessages";

// The token standards' own errors (ERC-721/1155 transfers, signature recovery) are reached only outside the
// app's flows; every error the Integra contracts and the forwarder declare must have plain words.
const STANDARD = /^(ERC721|ERC1155|ECDSA|SafeCast|Strings|InvalidAccountNonce|InvalidShortString|StringTooLong)/;

describe("revert messages", () => {
  it("has plain words for every custom error of the Integra contracts", () => {
    const names = new Set(integraAbis.flatMap((abi) => abi.filter((item) => item.type === "error").map((item) => (item as { name: string }).name)));
    const missing = [...names].filter((name) => !STANDARD.test(name) && !(name in revertMessages));
    expect(missing).toEqual([]);
  });
});
