import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { type RecordedToken, partySetDifferences } from "./partySet";

const multi = "0x0000000000000000000000000000000000001005" as Address;
const ownership = "0x0000000000000000000000000000000000001004" as Address;
const buyer = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as Address;
const seller = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as Address;
const lender = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" as Address;

const token = (tokenId: bigint, reservedFor: Address, role: string, status: RecordedToken["status"] = "reserved"): RecordedToken => ({
  tokenId,
  status,
  reservedFor,
  role,
  amount: 1n,
});
const recorded = { tokenizer: multi, tokens: [token(1n, buyer, "Buyer"), token(2n, seller, "Seller", "claimed")] };

describe("partySetDifferences", () => {
  it("finds none for the same parties, in any letter case, claimed or not", () => {
    const parties = [
      { address: buyer.toLowerCase() as Address, role: "Buyer" },
      { address: seller, role: "Seller", amount: 1n },
    ];
    expect(partySetDifferences({ tokenizer: multi, parties }, recorded)).toEqual([]);
  });

  it("names each token whose party, role or amount differs, and a party asked for or recorded only on one side", () => {
    const parties = [
      { address: buyer, role: "Purchaser" },
      { address: lender, role: "Seller", amount: 2n },
      { address: lender, role: "Lender" },
    ];
    expect(partySetDifferences({ tokenizer: multi, parties }, recorded)).toEqual([
      `token #1: asked for Purchaser=${buyer}, the record has Buyer=${buyer}`,
      `token #2: asked for Seller=${lender} (amount 2), the record has Seller=${seller}`,
      `token #3: asked for Lender=${lender}, the record has none`,
    ]);
    expect(partySetDifferences({ tokenizer: multi, parties: [{ address: buyer, role: "Buyer" }] }, recorded)).toEqual([
      `token #2: the record has Seller=${seller}, not asked for`,
    ]);
  });

  it("counts a cancelled token as no party, and names a different tokenizer", () => {
    const cancelled = { tokenizer: multi, tokens: [token(1n, buyer, "Buyer"), token(2n, seller, "Seller", "cancelled")] };
    expect(partySetDifferences({ tokenizer: multi, parties: [{ address: buyer, role: "Buyer" }] }, cancelled)).toEqual([]);
    expect(partySetDifferences({ tokenizer: ownership, parties: [{ address: buyer, role: "Buyer" }] }, cancelled)).toEqual([
      `tokenizer: asked for ${ownership}, the record uses ${multi}`,
    ]);
  });
});
