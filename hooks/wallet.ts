"use client";

import { type ComponentType, type ReactNode, createContext, useCallback, useContext, useState } from "react";
import type { Address } from "viem";

/** The connected wallet as pages see it; all empty until the wallet stack has loaded and connected. */
export interface WalletAccount {
  address?: Address;
  chainId?: number;
  isConnected: boolean;
  /** The wagmi connector's id ("ephemeral", "injected", an EIP-6963 rdns). */
  connectorId?: string;
  status: "disconnected" | "connecting" | "reconnecting" | "connected";
}

/**
 * The wallet island: wagmi, RainbowKit and every connector load on demand (app/walletIsland.tsx), so read pages
 * ship none of them. Components ask it for the account, and for the few wallet actions, without importing wagmi.
 */
export interface WalletIsland {
  account: WalletAccount;
  /** True once the wallet stack's code has loaded (it never unloads). */
  loaded: boolean;
  /** wagmi's context for components that write (they use wagmi hooks); undefined until the stack has loaded. */
  Scope?: ComponentType<{ children: ReactNode }>;
  /** Loads the wallet stack (idempotent): a component that writes is about to mount. */
  load(): void;
  /** Loads the wallet stack if needed and opens RainbowKit's "Connect a Wallet" dialog. */
  openConnectModal(): void;
  /** Connects this browser's ephemeral wallet (the key must exist). */
  connectEphemeral(): Promise<void>;
  disconnect(): Promise<void>;
  switchChain(chainId: number): Promise<void>;
  /** Where the header wants RainbowKit's account button; the stack renders it there once loaded. */
  setMenuSlot(element: HTMLElement | null): void;
}

export const DISCONNECTED: WalletAccount = { isConnected: false, status: "disconnected" };

export const WalletContext = createContext<WalletIsland | undefined>(undefined);

export function useWallet(): WalletIsland {
  const island = useContext(WalletContext);
  if (!island) throw new Error("useWallet must be used inside the app's providers (the wallet island).");
  return island;
}

/** The connected account, or `{ isConnected: false }`: what read pages use instead of wagmi's useAccount. */
export function useWalletAccount(): WalletAccount {
  return useWallet().account;
}

/** Asks the wallet to move to another network; the same shape as wagmi's useSwitchChain, as far as pages use it. */
export function useSwitchWalletChain() {
  const island = useWallet();
  const [isPending, setPending] = useState(false);
  const switchChain = useCallback(
    ({ chainId }: { chainId: number }) => {
      setPending(true);
      island
        .switchChain(chainId)
        .catch(() => undefined) // the wallet said no: the banner stays, as it did with wagmi's mutation
        .finally(() => setPending(false));
    },
    [island],
  );
  return { switchChain, isPending };
}
