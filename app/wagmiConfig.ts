import { connectorsForWallets } from "@rainbow-me/rainbowkit";
import { injectedWallet, walletConnectWallet } from "@rainbow-me/rainbowkit/wallets";
import { http } from "viem";
import { createConfig } from "wagmi";
import { ephemeralWallet } from "./ephemeralWallet";
import { walletChain as appChain } from "./walletChain";

const walletConnectProjectId = process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID;

/** wagmi config: injected wallets, the Ephemeral wallet, and WalletConnect only when a project id is set. */
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
  return createConfig({
    chains: [appChain],
    connectors,
    // One HTTP request per burst of reads: anvil has no Multicall3, JSON-RPC batching does the same job.
    transports: { [appChain.id]: http(appChain.rpcUrls.default.http[0], { batch: { wait: 16 } }) },
    ssr: true,
  });
}
