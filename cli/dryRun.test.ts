import { type Address, type Hex, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { selectDeployment } from "@/lib/deployment";
import { testDeployment } from "@/lib/sdk/testDeployment";
import { decodeContractCall, integraCalls, multiPartyTokenizer } from "@/lib/sdk";
import { callJson, formatValue, renderCalls } from "./dryRun";

// Distinct addresses for every contract, whatever the checkout has deployed (a clean one has none); chosen before
// the calls below are encoded.
selectDeployment(testDeployment);

const hash = (byte: string) => `0x${byte.repeat(32)}` as Hex;
const buyer = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as Address;
const seller = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as Address;

describe("a dry run's calls", () => {
  it("shows a first registration as the multicall it is: the workflow opened, then the record and its parties", () => {
    const call = integraCalls.registerWithParties({
      contentHash: hash("ab"),
      encryptedRef: "0x",
      tokenizer: multiPartyTokenizer.address,
      executor: zeroAddress,
      processHash: hash("cd"),
      parties: [
        { recipient: buyer, amount: 1n, role: "Buyer" },
        { recipient: seller, amount: 1n, role: "Seller" },
      ],
      openWorkflowId: hash("ef"),
    });
    const decoded = decodeContractCall(call);
    expect(renderCalls([decoded]).split("\n")).toEqual([
      "1. IntegraRecordV1.multicall(…) at 0x0000000000000000000000000000000000001002",
      `       openWorkflow(workflowId: ${hash("ef")})`,
      `       registerWithParties(contentHash: ${hash("ab")}, encryptedRef: 0x, tokenizer: 0x0000000000000000000000000000000000001005, ` +
        `executor: ${zeroAddress}, processHash: ${hash("cd")}, resolvers: [], parties: [{recipient: ${buyer}, amount: 1, role: "Buyer"}, ` +
        `{recipient: ${seller}, amount: 1, role: "Seller"}])`,
    ]);
    const json = callJson(decoded);
    expect(json).toMatchObject({ contract: "IntegraRecordV1", functionName: "multicall", sponsored: false });
    expect(json.calls?.map((c) => c.functionName)).toEqual(["openWorkflow", "registerWithParties"]);
    expect(json.calls?.[1].args).toMatchObject({
      contentHash: hash("ab"),
      parties: [{ recipient: buyer, amount: 1n, role: "Buyer" }, expect.anything()],
    });
  });

  it("shows what an attestation grants, in words, and marks what a relayer may pay for", () => {
    const attest = integraCalls.issueCapabilities({
      grants: [
        { integraHash: hash("ab"), tokenId: 1n, capabilities: 1n, recipient: buyer, processHash: hash("cd") },
        { integraHash: hash("ab"), tokenId: 2n, capabilities: 5n, recipient: seller, processHash: hash("cd") },
      ],
    });
    const claim = integraCalls.claimToken({
      integraHash: hash("ab"),
      tokenizer: multiPartyTokenizer.address,
      tokenId: 1n,
      uid: hash("99"),
      processHash: hash("cd"),
    });
    expect(renderCalls([attest, claim].map(decodeContractCall)).split("\n")).toEqual([
      "1. EAS.multiAttest(…) at 0x0000000000000000000000000000000000001000",
      `       grants CLAIM on token #1 of ${hash("ab")} to ${buyer}`,
      `       grants CLAIM+REQUEST_PAYMENT on token #2 of ${hash("ab")} to ${seller}`,
      `2. MultiPartyTokenizerV1.claimToken(integraHash: ${hash("ab")}, tokenId: 1, attestationUid: ${hash("99")}, processHash: ${hash("cd")}) at 0x0000000000000000000000000000000000001005 (a relayer may pay)`,
    ]);
  });

  it("says what it cannot decode, by selector, rather than guess", () => {
    const decoded = decodeContractCall({ to: buyer, data: "0x12345678aa", sponsored: false });
    expect(decoded).toEqual({
      to: buyer,
      contract: "unknown",
      functionName: "0x12345678",
      args: [{ name: "data", value: "0x12345678aa" }],
      sponsored: false,
    });
    expect(formatValue({ a: [1n, "x", true] })).toBe('{a: [1, "x", true]}');
  });
});
