import { connectorsForWallets } from "@rainbow-me/rainbowkit";
import { injectedWallet, walletConnectWallet } from "@rainbow-me/rainbowkit/wallets";
import { type Transport, http } from "viem";
import { createConfig } from "wagmi";
import { ephemeralWallet } from "./ephemeralWallet";
import { walletChains } from "./walletChain";

const walletConnectProjectId = process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID;

/**
 * wagmi config: every served chain (the default first, each over its own RPC), injected wallets, the Ephemeral
 * wallet, and WalletConnect only when a project id is set. A write moves the wallet to its record's chain.
 */
export function createWagmiConfig() {
  const connectors = connectorsForWallets(
    [
      {
        groupName: "Wallets",
        wallets: walletConnectProjectId ? [injectedWallet, ephemeralWallet, walletConnectWallet] : [injectedWallet, ephemeralWallet],
      },
    ],
    { appName: "Integra Agreements", projectId: walletConnectProjectId ?? "none" },
  );
  // One HTTP request per burst of reads: anvil has no Multicall3, JSON-RPC batching does the same job.
  const transports: Record<number, Transport> = Object.fromEntries(
    walletChains.map((chain) => [chain.id, http(chain.rpcUrls.default.http[0], { batch: { wait: 16 } })]),
  );
  return createConfig({ chains: walletChains, connectors, transports, ssr: true });
}
