import type { Chain } from "viem";
import { base, baseSepolia, mainnet, optimism, sepolia } from "viem/chains";
import { APP_CHAIN_ID } from "@/lib/config/appChain";
import { servedChains } from "@/lib/config/servedChains";

const viemChains: Record<number, Chain> = {
  [mainnet.id]: mainnet,
  [sepolia.id]: sepolia,
  [base.id]: base,
  [baseSepolia.id]: baseSepolia,
  [optimism.id]: optimism,
};

/**
 * A served chain as the wallet knows it: viem's full definition when viem has one (its contracts, and the OP Stack's
 * formatters and serializers on Base and Optimism), with the served chain's RPC and explorer; the app's own definition
 * otherwise. Loaded with the wallet only: the pages' first load carries the few facts lib/config/appChain.ts writes out.
 */
function walletChainOf(served: Chain): Chain {
  const full = viemChains[served.id];
  return full ? { ...full, rpcUrls: served.rpcUrls, blockExplorers: served.blockExplorers ?? full.blockExplorers } : served;
}

/** Every chain the app serves, as the wallet knows it, the default chain first: a write may go to any of them. */
export const walletChains: readonly [Chain, ...Chain[]] = [
  walletChainOf(servedChains.find((chain) => chain.id === APP_CHAIN_ID) ?? servedChains[0]),
  ...servedChains.filter((chain) => chain.id !== APP_CHAIN_ID).map(walletChainOf),
];
