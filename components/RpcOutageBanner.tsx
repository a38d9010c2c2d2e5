"use client";

import { useRpcReachability } from "@/hooks/useRpcReachability";
import { RPC_URL } from "@/lib/config/appChain";

/**
 * While the chain's RPC does not answer: says so, offers Retry, and goes by itself when the chain is back. It sticks
 * to the top of the window, so someone scrolled down to a form sees it too.
 */
export function RpcOutageBanner() {
  const { unreachable, checking, retry } = useRpcReachability();
  if (!unreachable) return null;
  return (
    <div className="sticky top-0 z-30 border-b border-amber-300 bg-amber-50 shadow-sm print:hidden">
      <div role="alert" className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm text-amber-950">
        <p>
          <span className="font-semibold">Can&apos;t reach the chain</span> at <span className="mono break-all">{RPC_URL}</span>. What you
          see stays, what you typed is kept, and reading resumes by itself when the chain is back.
        </p>
        <button
          type="button"
          onClick={retry}
          disabled={checking}
          className="rounded-md bg-amber-900 px-3 py-1 text-sm font-medium text-white disabled:opacity-60"
        >
          {checking ? "Checking…" : "Retry"}
        </button>
      </div>
    </div>
  );
}
