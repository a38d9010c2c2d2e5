import type { Address } from "viem";

/** The local stack's default chain (anvil's own id): chain A, where the app writes unless a record lives elsewhere. */
export const LOCAL_CHAIN_ID = 31337;
/** The local stack's second chain, chain B: the same workflow followed across two chains. */
export const SECOND_LOCAL_CHAIN_ID = 31338;
/** Every local anvil chain: EAS and the local-only contracts (stablecoin, arbitrator) are deployed fresh on each. */
export const LOCAL_CHAIN_IDS: readonly number[] = [LOCAL_CHAIN_ID, SECOND_LOCAL_CHAIN_ID];

/** Canonical EAS deployments, used on any chain but the local one (override with EAS_ADDRESS etc.). */
export const CANONICAL_EAS: Record<number, { eas: Address; schemaRegistry: Address }> = {
  1: { eas: "0xA1207F3BBa224E2c9c3c6D5aF63D0eb1582Ce587", schemaRegistry: "0xA7b39296258348C78294F95B872b282326A97BDF" },
  11155111: { eas: "0xC2679fBD37d54388Ce493F1DB75320D236e1815e", schemaRegistry: "0x0a7E2Ff54e76B8E6659aedc9103FB21c038050D0" },
  10: { eas: "0x4200000000000000000000000000000000000021", schemaRegistry: "0x4200000000000000000000000000000000000020" },
  8453: { eas: "0x4200000000000000000000000000000000000021", schemaRegistry: "0x4200000000000000000000000000000000000020" },
  84532: { eas: "0x4200000000000000000000000000000000000021", schemaRegistry: "0x4200000000000000000000000000000000000020" },
};

/** Anvil's well-known dev keys (mnemonic "test test ... junk"); public, for the local chain only. */
export const ANVIL_KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
  "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
  "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
  "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
  "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
] as const;
