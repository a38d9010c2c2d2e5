"use client";

import { useQuery } from "@tanstack/react-query";
import { rpcHealthQuery } from "@/hooks/useRpcReachability";
import { appChain, RPC_URL } from "@/lib/config/appChain";

/**
 * The chain's latest block, as this browser reads it. It is the layout's own outage probe (one plain-fetch
 * eth_blockNumber, repeated every few seconds), so the page adds no request of its own and its answer is the
 * one every other page's banner is judged by.
 */
export function NetworkStatus() {
  const health = useQuery(rpcHealthQuery());
  return (
    <div role="status" aria-live="polite" className="text-sm">
      {health.isPending ? (
        <p className="text-slate-600">Asking {appChain.name} for its latest block…</p>
      ) : health.isError ? (
        <div className="space-y-1 text-red-800">
          <p className="font-semibold">Can&apos;t reach {appChain.name}</p>
          <p className="break-all">{health.error.message}</p>
          <p>
            Asked again every few seconds at <span className="mono break-all">{RPC_URL}</span>; this updates by itself when the chain
            answers.
          </p>
        </div>
      ) : (
        <p className="text-base">
          Latest block <strong className="mono">{health.data.toString()}</strong> on {appChain.name}
        </p>
      )}
    </div>
  );
}
