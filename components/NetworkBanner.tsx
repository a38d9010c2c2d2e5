"use client";

import { useSwitchWalletChain, useWalletAccount } from "@/hooks/wallet";
import { APP_CHAIN_ID, appChain } from "@/lib/config/appChain";
import { servedChain, servedChains } from "@/lib/config/servedChains";
import { deploymentsByChainId } from "@/lib/generated/deployments";

/** Whether this build knows a deployment on the default chain (the deployments' data, without their lookups). */
const isDeployed = deploymentsByChainId[APP_CHAIN_ID] !== undefined;

/** The chains the app works on, as the banner names them: "Base (chain 8453)", "… and …" for several. */
const servedChainsWords = new Intl.ListFormat("en", { type: "conjunction" }).format(
  servedChains.map((chain) => `${chain.name} (chain ${chain.id})`),
);

/**
 * Says, before anything fails, when the wallet is on a network the app does not serve or nothing is deployed (an RPC
 * outage: RpcOutageBanner). A wallet on any served chain is where it may be: each write moves it to its record's chain.
 */
export function NetworkBanner() {
  const { chainId, isConnected } = useWalletAccount();
  const { switchChain, isPending } = useSwitchWalletChain();

  const messages: { key: string; text: string; action?: React.ReactNode }[] = [];
  if (!isDeployed) {
    messages.push({
      key: "deploy",
      text: `The Integra contracts are not deployed on ${appChain.name} (chain ${appChain.id}) in this build. Run npm run deploy.`,
    });
  }
  if (isConnected && (chainId === undefined || !servedChain(chainId))) {
    messages.push({
      key: "network",
      text: `Your wallet is on another network (chain ${chainId}). This app works on ${servedChainsWords}.`,
      action: (
        <button
          type="button"
          disabled={isPending}
          onClick={() => switchChain({ chainId: appChain.id })}
          className="rounded-md bg-amber-900 px-3 py-1 text-sm font-medium text-white disabled:opacity-60"
        >
          {isPending ? "Switching…" : `Switch to ${appChain.name}`}
        </button>
      ),
    });
  }
  if (messages.length === 0) return null;
  return (
    <div className="border-b border-amber-300 bg-amber-50">
      {messages.map((m) => (
        <div
          key={m.key}
          role="alert"
          className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm text-amber-950"
        >
          <span>{m.text}</span>
          {m.action}
        </div>
      ))}
    </div>
  );
}
