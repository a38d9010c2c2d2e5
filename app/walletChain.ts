import type { Chain } from "viem";
import { base, baseSepolia, mainnet, optimism, sepolia } from "viem/chains";
import { appChain, withRpc } from "@/lib/config/appChain";

const viemChains: Record<number, Chain> = {
  [mainnet.id]: mainnet,
  [sepolia.id]: sepolia,
  [base.id]: base,
  [baseSepolia.id]: baseSepolia,
  [optimism.id]: optimism,
};

/**
 * The wallet's chain: viem's full definition of the app's chain when viem has one (its contracts, and the OP Stack's
 * formatters and serializers on Base and Optimism), with the app's RPC; the app's own definition otherwise. Loaded
 * with the wallet only: the pages' first load carries the few facts lib/config/appChain.ts writes out.
 */
export const walletChain: Chain = viemChains[appChain.id] ? withRpc(viemChains[appChain.id]) : appChain;
