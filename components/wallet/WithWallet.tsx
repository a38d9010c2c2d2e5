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

/** Every wallet part defined by the modules loaded so far: the wallet stack fetches their code along with its own. */
const preloaders = new Set<() => Promise<unknown>>();

/** Fetches the code of every wallet part the current page can show; the island waits for it with the stack's. */
export function preloadWalletParts(): Promise<unknown> {
  return Promise.all([...preloaders].map((preload) => preload()));
}

/**
 * A component that writes, as a lazily loaded part: its code (and wagmi's) is fetched with the wallet stack, so it
 * stays out of read pages' first load, and it renders at once when a connected wallet first shows it (no stand-in
 * replaced a moment later). If it is shown before its code is there, `Fallback` (given the same props, e.g. the
 * read-only version of the same view) or nothing is shown meanwhile.
 */
export function walletPart<P extends object>(load: () => Promise<ComponentType<P>>, Fallback?: ComponentType<P>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined; // offline for a moment: the next render may try again
        throw error;
      },
    ));
  preloaders.add(preload);
  const Lazy = lazy(() => {
    const ready = loaded;
    // Already fetched: a thenable that answers at once, so React renders the part without suspending.
    if (ready) {
      const now = { then: (resolve: (module: { default: ComponentType<P> }) => void) => resolve({ default: ready }) };
      // React reads only `then`; its types ask for a whole Promise.
      return now as unknown as Promise<{ default: ComponentType<P> }>;
    }
    return preload().then((component) => ({ default: component }));
  });
  function WalletPart(props: P) {
    return <WithWallet fallback={Fallback ? createElement(Fallback, props) : null}>{createElement(Lazy, props)}</WithWallet>;
  }
  return WalletPart;
}
