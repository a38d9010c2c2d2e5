import { describe, expect, it } from "vitest";
import { displayRole, roleProblem, tokenLabel } from "./token";

describe("token names and roles", () => {
  it("names a token by its role, capitalised or mid-sentence", () => {
    expect(tokenLabel(2n, "Seller")).toBe("Token #2 (Seller)");
    expect(tokenLabel(2n, "Seller", true)).toBe("token #2 (Seller)");
    expect(tokenLabel(3n, "")).toBe("Token #3");
  });

  it("shows no control characters or direction overrides from a stranger's role", () => {
    expect(displayRole("Sel\u202eler")).toBe("Seller");
    expect(tokenLabel(1n, "\u001b[2K\r#1 claimed\n")).toBe("Token #1 ([2K#1 claimed)");
    expect(tokenLabel(1n, "\u2066\u2069")).toBe("Token #1");
  });

  it("counts a role in bytes, as the contract does, and refuses what it would refuse", () => {
    expect(roleProblem("é".repeat(16))).toBeUndefined();
    expect(roleProblem("€".repeat(11))).toBe("A role is at most 32 bytes; this one is 33. Shorten it.");
    expect(roleProblem("Seller\tPaid")).toBe("A role is plain text: remove line breaks, tabs and direction marks.");
    expect(roleProblem("  Lender  ")).toBeUndefined();
  });
});
