import { describe, expect, it } from "vitest";
import { base, baseSepolia, mainnet, optimism, sepolia } from "viem/chains";
import { knownChains } from "./appChain";

const viemChainsForTest = Object.fromEntries([mainnet, sepolia, base, baseSepolia, optimism].map((c) => [c.id, c]));

describe("knownChains", () => {
  it("says of each chain what viem/chains says", () => {
    expect(Object.keys(knownChains).sort()).toEqual(Object.keys(viemChainsForTest).sort());
    for (const [id, chain] of Object.entries(knownChains)) {
      const viem = viemChainsForTest[Number(id)];
      expect(chain.id).toBe(viem.id);
      expect(chain.name).toBe(viem.name);
      expect(chain.nativeCurrency).toEqual(viem.nativeCurrency);
      expect(chain.blockExplorers?.default.url).toBe(viem.blockExplorers?.default.url);
      expect(chain.blockExplorers?.default.name).toBe(viem.blockExplorers?.default.name);
      expect(Boolean(chain.testnet)).toBe(Boolean(viem.testnet));
    }
  });
});
