"use client";

// The wallet stack: wagmi, RainbowKit, their styles and every connector. Only app/walletIsland.tsx imports it, and
// only with import(), so none of it is in a page's first load: it comes when someone connects, when a previous
// session should reconnect, or when a component that writes mounts.
import "@rainbow-me/rainbowkit/styles.css";
import { ConnectButton, RainbowKitProvider, lightTheme, useConnectModal } from "@rainbow-me/rainbowkit";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { WagmiContext, WagmiProvider, useAccount } from "wagmi";
import { connect, disconnect, getAccount, switchChain, watchAccount } from "wagmi/actions";
import type { WalletAccount } from "@/hooks/wallet";
import { appChain } from "@/lib/config/appChain";
import { EPHEMERAL_CONNECTOR_ID } from "./ephemeralConnector";
import { createWagmiConfig } from "./wagmiConfig";

/** One config per browser tab: this module is only ever evaluated in the browser. */
const config = createWagmiConfig();

let markMounted: () => void = () => undefined;
const mounted = new Promise<void>((resolve) => (markMounted = resolve));

const busy = (status: string) => status === "connecting" || status === "reconnecting";

/**
 * Resolves once WagmiProvider has restored the last session (or found none): connecting before that would race
 * wagmi's own reconnect, which ends by writing "disconnected" when it found nothing to restore.
 */
async function settled(): Promise<void> {
  await mounted;
  // WagmiProvider starts its reconnect after a promise (the store's rehydration): let it begin.
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (!busy(getAccount(config).status)) return;
  await new Promise<void>((resolve) => {
    const stop = watchAccount(config, {
      onChange(account) {
        if (busy(account.status)) return;
        stop();
        resolve();
      },
    });
  });
}

export async function connectEphemeral(): Promise<void> {
  await settled();
  const connector = config.connectors.find((c) => c.id === EPHEMERAL_CONNECTOR_ID);
  if (!connector) throw new Error("The ephemeral wallet is not available in this build.");
  if (getAccount(config).connector?.id === EPHEMERAL_CONNECTOR_ID) return;
  await connect(config, { connector });
}

export async function disconnectWallet(): Promise<void> {
  await settled();
  await disconnect(config);
}

export async function switchToChain(chainId: number): Promise<void> {
  await switchChain(config, { chainId });
}

/** wagmi's context alone, for components that write: WalletRoot (rendered once) restores sessions. */
export function WagmiScope({ children }: { children: ReactNode }) {
  return <WagmiContext.Provider value={config}>{children}</WagmiContext.Provider>;
}

interface WalletRootProps {
  /** The header's place for the account button. */
  menuSlot: HTMLElement | null;
  /** Counts the times someone asked to connect; each new one opens the dialog once the wallet is idle. */
  connectRequests: number;
  onAccount: (account: WalletAccount) => void;
}

/** wagmi (restoring the last session on mount) and RainbowKit (the dialogs, and the header's button via a portal). */
export function WalletRoot({ menuSlot, connectRequests, onAccount }: WalletRootProps) {
  useEffect(() => markMounted(), []);
  return (
    <WagmiProvider config={config}>
      <RainbowKitProvider initialChain={appChain} theme={lightTheme({ accentColor: "#0f766e", borderRadius: "medium" })}>
        <Bridge connectRequests={connectRequests} onAccount={onAccount} />
        {menuSlot &&
          createPortal(
            // RainbowKit's styles and theme apply under data-rk, which its provider sets on the tree it wraps; a portal
            // leaves that tree, so the button carries its own.
            <div data-rk="" className="contents">
              <ConnectButton chainStatus="icon" showBalance={false} accountStatus="address" />
            </div>,
            menuSlot,
          )}
      </RainbowKitProvider>
    </WagmiProvider>
  );
}

/** Tells the island the account, and opens the dialog when asked. */
function Bridge({ connectRequests, onAccount }: Omit<WalletRootProps, "menuSlot">) {
  const { address, chainId, isConnected, connector, status } = useAccount();
  const { openConnectModal } = useConnectModal();
  const handled = useRef(0);
  // The dialog waits for wagmi's own first reconnect: a connection made meanwhile could be undone when it ends.
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    let live = true;
    void settled().then(() => live && setRestored(true));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    onAccount({ address, chainId, isConnected, connectorId: connector?.id, status });
  }, [address, chainId, isConnected, connector?.id, status, onAccount]);

  useEffect(() => {
    if (!restored || connectRequests <= handled.current || busy(status)) return;
    handled.current = connectRequests;
    // Already connected (a session came back meanwhile): nothing to open.
    if (!isConnected) openConnectModal?.();
  }, [restored, connectRequests, status, isConnected, openConnectModal]);

  return null;
}
