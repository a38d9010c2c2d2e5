import { type Chain, defineChain } from "viem";
import { base, baseSepolia, mainnet, optimism, sepolia } from "viem/chains";

/**
 * The one chain the app reads and writes, chosen by configuration: the local anvil chain by default,
 * any EVM chain with NEXT_PUBLIC_CHAIN_ID and NEXT_PUBLIC_RPC_URL (and a deployment for it).
 */
export const APP_CHAIN_ID = Number(process.env.NEXT_PUBLIC_CHAIN_ID ?? 31337);
export const RPC_URL = process.env.NEXT_PUBLIC_RPC_URL ?? "http://127.0.0.1:8545";
export const IS_LOCAL_CHAIN = APP_CHAIN_ID === 31337;
/**
 * Optional: the provider's eth_getLogs block span cap, if known (0: none known). Only the first window's size:
 * the log reader (lib/chain/adaptiveLogs.ts) narrows by itself when a provider refuses a window.
 */
export const LOG_BLOCK_RANGE = BigInt(process.env.NEXT_PUBLIC_LOG_BLOCK_RANGE ?? 0);

const localChain = defineChain({
  id: 31337,
  name: "Local chain (anvil)",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [RPC_URL] } },
  testnet: true,
});

const known: Record<number, Chain> = {
  [mainnet.id]: mainnet,
  [sepolia.id]: sepolia,
  [base.id]: base,
  [baseSepolia.id]: baseSepolia,
  [optimism.id]: optimism,
};

function withRpc(chain: Chain): Chain {
  return { ...chain, rpcUrls: { ...chain.rpcUrls, default: { http: [RPC_URL] } } };
}

export const appChain: Chain = IS_LOCAL_CHAIN
  ? localChain
  : withRpc(
      known[APP_CHAIN_ID] ??
        defineChain({
          id: APP_CHAIN_ID,
          name: `Chain ${APP_CHAIN_ID}`,
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          rpcUrls: { default: { http: [RPC_URL] } },
        }),
    );

/** A link to a transaction on the chain's explorer, when it has one. */
export function explorerTxUrl(hash: string): string | undefined {
  const explorer = appChain.blockExplorers?.default.url;
  return explorer ? `${explorer}/tx/${hash}` : undefined;
}
