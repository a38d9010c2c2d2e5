"use client";

import { type ComponentType, type ReactNode, Suspense, createElement, lazy, useEffect } from "react";
import { useWallet } from "@/hooks/wallet";

/**
 * Renders `children` inside wagmi's context, loading the wallet stack first if it is not there yet (until then,
 * `fallback`). For components that write: they use wagmi hooks, which need that context.
 */
export function WithWallet({ children, fallback = null }: { children: ReactNode; fallback?: ReactNode }) {
  const { Scope, load } = useWallet();
  useEffect(() => {
    if (!Scope) load();
  }, [Scope, load]);
  if (!Scope) return fallback;
  return (
    <Scope>
      <Suspense fallback={fallback}>{children}</Suspense>
    </Scope>
  );
}

/**
 * A component that writes, as a lazily loaded part: its code (and wagmi's) is fetched only when it first renders,
 * which is when a wallet is connected, so it stays out of read pages' first load. Until it is ready, `Fallback`
 * (given the same props, e.g. the read-only version of the same view) or nothing is shown.
 */
export function walletPart<P extends object>(load: () => Promise<ComponentType<P>>, Fallback?: ComponentType<P>): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  function WalletPart(props: P) {
    return <WithWallet fallback={Fallback ? createElement(Fallback, props) : null}>{createElement(Lazy, props)}</WithWallet>;
  }
  return WalletPart;
}
