import { type Chain, defineChain } from "viem";

/**
 * The one chain the app reads and writes, chosen by configuration: the local anvil chain by default,
 * any EVM chain with NEXT_PUBLIC_CHAIN_ID and NEXT_PUBLIC_RPC_URL (and a deployment for it).
 */
export const APP_CHAIN_ID = Number(process.env.NEXT_PUBLIC_CHAIN_ID ?? 31337);
export const RPC_URL = process.env.NEXT_PUBLIC_RPC_URL ?? "http://127.0.0.1:8545";
/** The local anvil chains `npm run dev` starts: the default one, and a second for workflows across chains. */
export const LOCAL_CHAIN_IDS: readonly number[] = [31337, 31338];
export const IS_LOCAL_CHAIN = LOCAL_CHAIN_IDS.includes(APP_CHAIN_ID);
/**
 * Optional: the provider's eth_getLogs block span cap, if known (0: none known). Only the first window's size:
 * the log reader (lib/chain/adaptiveLogs.ts) narrows by itself when a provider refuses a window.
 */
export const LOG_BLOCK_RANGE = BigInt(process.env.NEXT_PUBLIC_LOG_BLOCK_RANGE ?? 0);

const localChains: Record<number, Chain> = {
  31337: localChainFacts(31337, "Local chain (anvil)"),
  31338: localChainFacts(31338, "Local chain B (anvil)"),
};

function localChainFacts(id: number, name: string): Chain {
  return defineChain({
    id,
    name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [RPC_URL] } },
    testnet: true,
  });
}

const ETHER = { name: "Ether", symbol: "ETH", decimals: 18 } as const;
const SEPOLIA_ETHER = { name: "Sepolia Ether", symbol: "ETH", decimals: 18 } as const;

/**
 * What the pages say of the chains the app knows by id (name, currency, explorer), written out: viem/chains'
 * definitions bring the OP Stack's formatters and serializers (~3-4 KB gzip) to every page's first load. The
 * wallet's chain (app/walletChain.ts, loaded with the wallet) is viem's full definition. A test checks these are
 * viem's facts.
 */
export const knownChains: Record<number, Chain> = {
  1: chainFacts(1, "Ethereum", ETHER, "Etherscan", "https://etherscan.io"),
  11155111: chainFacts(11155111, "Sepolia", SEPOLIA_ETHER, "Etherscan", "https://sepolia.etherscan.io", true),
  8453: chainFacts(8453, "Base", ETHER, "Basescan", "https://basescan.org"),
  84532: chainFacts(84532, "Base Sepolia", SEPOLIA_ETHER, "Basescan", "https://sepolia.basescan.org", true),
  10: chainFacts(10, "OP Mainnet", ETHER, "Optimism Explorer", "https://optimistic.etherscan.io"),
};

function chainFacts(
  id: number,
  name: string,
  nativeCurrency: Chain["nativeCurrency"],
  explorerName: string,
  explorerUrl: string,
  testnet?: boolean,
): Chain {
  return defineChain({
    id,
    name,
    nativeCurrency,
    rpcUrls: { default: { http: [RPC_URL] } },
    blockExplorers: { default: { name: explorerName, url: explorerUrl } },
    ...(testnet ? { testnet } : {}),
  });
}

/** A chain with the app's RPC as its default. */
export function withRpc(chain: Chain): Chain {
  return { ...chain, rpcUrls: { ...chain.rpcUrls, default: { http: [RPC_URL] } } };
}

/** The chain `id` as the pages name it (its name, currency, explorer when known), with `rpcUrl` as its RPC. */
export function chainFor(id: number, rpcUrl: string = RPC_URL): Chain {
  const chain =
    localChains[id] ??
    knownChains[id] ??
    defineChain({
      id,
      name: `Chain ${id}`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [rpcUrl] } },
    });
  return { ...chain, rpcUrls: { ...chain.rpcUrls, default: { http: [rpcUrl] } } };
}

export const appChain: Chain = chainFor(APP_CHAIN_ID);

/** A link to a transaction on the chain's explorer (the app's chain by default), when it has one. */
export function explorerTxUrl(hash: string, chain: Chain = appChain): string | undefined {
  const explorer = chain.blockExplorers?.default.url;
  return explorer ? `${explorer}/tx/${hash}` : undefined;
}
