"use client";

import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { isUnreachable } from "@/lib/chain/unreachable";
import { APP_CHAIN_ID } from "@/lib/config/appChain";
import { probeBlockNumber } from "@/lib/chain/rpcProbe";

/**
 * The chain answers: the outage banner's probe. Every 10 s while it does, every 2 s while it does not, so the
 * banner goes soon after the chain is back. Never retried: the next probe is the retry. A plain fetch of
 * eth_blockNumber (lib/chain/rpcProbe.ts): it runs on every page, which then need no viem client until they read.
 */
export const rpcHealthQuery = () =>
  queryOptions({
    queryKey: ["rpcHealth", APP_CHAIN_ID] as const,
    queryFn: () => probeBlockNumber(),
    refetchInterval: (query) => (query.state.status === "error" ? 2_000 : 10_000),
    retry: false,
  });

const healthKey = rpcHealthQuery().queryKey;

/**
 * Whether the chain's RPC answers, judged by a probe (rpcHealthQuery) that any read failing for want of an answer
 * sets off at once, so an outage shows within a second or two. When the chain answers again every read is
 * refreshed: the ones that kept retrying resume at once instead of at their next retry.
 */
export function useRpcReachability() {
  const queryClient = useQueryClient();
  const health = useQuery(rpcHealthQuery());
  const unreachable = health.isError && isUnreachable(health.error);

  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type !== "updated" || (event.action.type !== "failed" && event.action.type !== "error")) return;
        if (event.query.queryKey[0] === healthKey[0] || !isUnreachable(event.action.error)) return;
        // Already known to be down: the probe repeats by itself. A probe under way is not restarted.
        if (queryClient.getQueryState(healthKey)?.status === "error") return;
        void queryClient.refetchQueries({ queryKey: healthKey }, { cancelRefetch: false });
      }),
    [queryClient],
  );

  const wasUnreachable = useRef(false);
  useEffect(() => {
    if (wasUnreachable.current && health.isSuccess) void queryClient.invalidateQueries();
    wasUnreachable.current = unreachable;
  }, [unreachable, health.isSuccess, queryClient]);

  const retry = useCallback(() => void queryClient.refetchQueries({ queryKey: healthKey }), [queryClient]);
  return { unreachable, checking: health.isFetching, retry };
}
