// Test support (not a test): two private anvils, chain A (31337, the default) and chain B (31338), with one relayer on
// each over one SQLite file, and POST /api/relay as the route handles it, for the relayer's tests across chains.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Hex } from "viem";
import { expect } from "vitest";
import { PEER_ADDRESS_HEADER } from "./peerAddress";
import { handleRelayPost } from "./relayHttp";
import type { Relayer } from "./relayer";
import type { RelayerPolicy } from "./relayerPolicy";
import { type TestChain, makeRelayer, startTestChain, testStoreOptions } from "./relayerTestChain";
import { SqliteStore } from "./store/sqliteStore";

export const CHAIN_B = 31338;

/** A claim reserves about 265,000 gas at 2 gwei: about 0.00053 ETH, so one claim fits under ONE_CLAIM_WEI and two do not. */
export const RELAY_FEES = { maxFeePerGas: 2n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n };
export const ONE_CLAIM_WEI = 7n * 10n ** 14n;

export interface TwoChains {
  a: TestChain;
  b: TestChain;
  /** Where the relayers' SQLite files go. */
  storeDir: string;
  stop(): Promise<void>;
}

/**
 * Starts both chains. "apart": chain B deployed from another deployer nonce, so none of its addresses is one of chain
 * A's (as the local stack runs them); "same addresses": a deterministic deployment, where only the chain id tells the
 * two apart.
 */
export async function startTwoChains(layout: "apart" | "same addresses"): Promise<TwoChains> {
  const [a, b] = await Promise.all([
    startTestChain(),
    startTestChain(["--chain-id", String(CHAIN_B)], layout === "apart" ? { deployerNonce: 1000 } : {}),
  ]);
  const storeDir = mkdtempSync(path.join(tmpdir(), "relayer-chains-"));
  return {
    a,
    b,
    storeDir,
    stop: async () => {
      await Promise.all([a.stop(), b.stop()]);
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

/**
 * A relayer on each chain, as the app's server keeps them (one per served chain), over one SQLite file: each keeps its
 * limits and caps under its own chain's namespace in the same store.
 */
export async function relayersOnBoth(chains: TwoChains, file: string, policy: Partial<RelayerPolicy> = {}): Promise<[Relayer, Relayer]> {
  const store = (chain: TestChain) => new SqliteStore(path.join(chains.storeDir, file), testStoreOptions(chain, policy));
  const [a, b] = await Promise.all(
    [chains.a, chains.b].map((chain) => makeRelayer(chain, { policy, fees: RELAY_FEES, store: store(chain) })),
  );
  return [a, b];
}

/** POST /api/relay as the route handles it, with each chain's relayer; chain A is the default chain. */
export async function postAcross(
  relayers: readonly Relayer[],
  defaultChainId: number,
  body: Record<string, unknown>,
  options: { chainInAddress?: number; peer: string },
): Promise<{ status: number; hash?: Hex; check?: string; message?: string }> {
  const url = `http://localhost/api/relay${options.chainInAddress === undefined ? "" : `?chainId=${options.chainInAddress}`}`;
  const response = await handleRelayPost(
    new Request(url, {
      method: "POST",
      headers: { "content-type": "application/json", [PEER_ADDRESS_HEADER]: options.peer },
      body: JSON.stringify(body),
    }),
    {
      relayer: async (chainId) =>
        relayers.find((relayer) => relayer.chainId === chainId) ?? { unserved: `Chain ${chainId} is not served here.` },
      defaultChainId,
      identity: () => ({ trustedProxies: 0 }),
      peerStamped: () => true,
    },
  );
  const answer = (await response.json()) as { hash?: Hex; error?: { check: string; message: string } };
  return { status: response.status, hash: answer.hash, check: answer.error?.check, message: answer.error?.message };
}

/** The transaction `hash` was mined on `chain`, and succeeded. */
export async function minedOn(chain: TestChain, hash: Hex | undefined) {
  expect(hash).toBeDefined();
  const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash: hash as Hex });
  expect(receipt.status).toBe("success");
  return receipt;
}
