import { type Address, type Hex, createClient, custom, encodeFunctionResult, parseAbi, toFunctionSelector, zeroHash } from "viem";
import { foundry } from "viem/chains";
import { describe, expect, it } from "vitest";
import type { PermitTypedData, WriteSigner } from "@/lib/transactions/writeSigner";
import { signPermit } from "./permit";

// An escrow's asset is whatever ERC-20 its opener named, so its ERC-5267 domain is the opener's to say. A permit is
// only ever good for the token it is signed for, on the escrow's chain: a domain naming another chain or another
// contract would have the party sign a permit for something else (a real token, on another chain the app serves, where
// the app's wallet signer would even move the wallet first).

const TOKEN: Address = "0x1111111111111111111111111111111111111111";
const OTHER_TOKEN: Address = "0x2222222222222222222222222222222222222222";
const ESCROW: Address = "0x3333333333333333333333333333333333333333";
const OWNER: Address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const SIGNATURE: Hex = `0x${"11".repeat(32)}${"22".repeat(32)}1b`;

const tokenAbi = parseAbi([
  "function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)",
  "function nonces(address owner) view returns (uint256)",
]);

/** A client of the local chain (31337) whose token at TOKEN says `domain` is its EIP-712 domain. */
function clientWithTokenDomain(domain: { chainId: bigint; verifyingContract: Address }) {
  const request = async ({ method, params }: { method: string; params?: unknown }) => {
    if (method === "eth_chainId") return `0x${foundry.id.toString(16)}`;
    if (method !== "eth_call") throw new Error(`unexpected ${method}`);
    const [{ data }] = params as [{ data: Hex }];
    if (data.startsWith(toFunctionSelector("eip712Domain()"))) {
      return encodeFunctionResult({
        abi: tokenAbi,
        functionName: "eip712Domain",
        result: ["0x0f", "USD Coin", "2", domain.chainId, domain.verifyingContract, zeroHash, []],
      });
    }
    return encodeFunctionResult({ abi: tokenAbi, functionName: "nonces", result: 0n });
  };
  return createClient({ chain: foundry, transport: custom({ request }) });
}

/** A signer that keeps every permit it is asked to sign. */
function recordingSigner() {
  const asked: PermitTypedData[] = [];
  const signer = {
    address: OWNER,
    signPermit: async (typedData: PermitTypedData) => {
      asked.push(typedData);
      return SIGNATURE;
    },
  } as Pick<WriteSigner, "address" | "signPermit"> as WriteSigner;
  return { signer, asked };
}

const permitFor = { token: TOKEN, spender: ESCROW, value: 2_500_000n, deadline: 2_000_000_000n };

describe("signPermit: the token's own domain, on the escrow's chain", () => {
  it("signs in the domain the token gives when it is the token's own on the client's chain", async () => {
    const { signer, asked } = recordingSigner();
    await signPermit(clientWithTokenDomain({ chainId: BigInt(foundry.id), verifyingContract: TOKEN }), signer, permitFor);
    expect(asked).toHaveLength(1);
    expect(asked[0].domain).toMatchObject({ chainId: foundry.id, verifyingContract: TOKEN });
    expect(asked[0].message).toMatchObject({ owner: OWNER, spender: ESCROW, value: 2_500_000n });
  });

  it("refuses, asking nothing, a domain that names another chain", async () => {
    const { signer, asked } = recordingSigner();
    const client = clientWithTokenDomain({ chainId: 31338n, verifyingContract: TOKEN });
    await expect(signPermit(client, signer, permitFor)).rejects.toMatchObject({ code: "PermitDomain" });
    expect(asked).toEqual([]);
  });

  it("refuses, asking nothing, a domain that names another contract than the token", async () => {
    const { signer, asked } = recordingSigner();
    const client = clientWithTokenDomain({ chainId: BigInt(foundry.id), verifyingContract: OTHER_TOKEN });
    await expect(signPermit(client, signer, permitFor)).rejects.toMatchObject({ code: "PermitDomain" });
    expect(asked).toEqual([]);
  });
});
