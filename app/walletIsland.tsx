"use client";

import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { preloadWalletParts } from "@/components/wallet/WithWallet";
import { DISCONNECTED, type WalletAccount, type WalletIsland, WalletContext } from "@/hooks/wallet";
import { hadWalletSession } from "@/lib/wallet/previousSession";

type WalletStack = typeof import("./walletStack");

let stackModule: Promise<WalletStack> | undefined;

/** The wallet stack's code, fetched once per tab; a failed fetch (offline) may be tried again. */
function loadStack(): Promise<WalletStack> {
  // The parts that write come along: a page shows them once a wallet is connected, which is after this resolves.
  stackModule ??= Promise.all([import("./walletStack"), preloadWalletParts()]).then(
    ([stack]) => stack,
    (error: unknown) => {
      stackModule = undefined;
      throw error;
    },
  );
  return stackModule;
}

function reportLoadError(error: unknown) {
  console.error("The wallet could not be loaded:", error);
}

function savedSession(): boolean {
  try {
    return hadWalletSession((key) => window.localStorage.getItem(key));
  } catch {
    return false; // storage blocked: no session to restore
  }
}

/**
 * The wallet island: read pages render with no wallet code at all. The stack (wagmi, RainbowKit, connectors)
 * loads when someone asks to connect, when a component that writes mounts, or at once when this browser had a
 * wallet connected last time, so a returning user's wallet reconnects as before.
 */
export function WalletIslandProvider({ children }: { children: ReactNode }) {
  const [stack, setStack] = useState<WalletStack>();
  const [account, setAccount] = useState<WalletAccount>(DISCONNECTED);
  const [menuSlot, setMenuSlot] = useState<HTMLElement | null>(null);
  const [connectRequests, setConnectRequests] = useState(0);

  const ready = useCallback(async () => {
    const loaded = await loadStack();
    setStack(() => loaded);
    return loaded;
  }, []);
  const load = useCallback(() => {
    ready().catch(reportLoadError);
  }, [ready]);

  // A returning user: load at once so that wagmi restores the session, as it did when it was always loaded.
  useEffect(() => {
    if (!savedSession()) return;
    loadStack().then((loaded) => setStack(() => loaded), reportLoadError);
  }, []);

  const island = useMemo<WalletIsland>(
    () => ({
      account,
      loaded: stack !== undefined,
      Scope: stack?.WagmiScope,
      load,
      openConnectModal: () => {
        setConnectRequests((n) => n + 1);
        load();
      },
      connectEphemeral: async () => (await ready()).connectEphemeral(),
      disconnect: async () => (await ready()).disconnectWallet(),
      switchChain: async (chainId) => (await ready()).switchToChain(chainId),
      setMenuSlot,
    }),
    [account, stack, load, ready],
  );

  return (
    <WalletContext.Provider value={island}>
      {children}
      {stack && <stack.WalletRoot menuSlot={menuSlot} connectRequests={connectRequests} onAccount={setAccount} />}
    </WalletContext.Provider>
  );
}
