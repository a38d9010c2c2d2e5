"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { isUnreachable } from "@/lib/chain/unreachable";
import { rpcHealthQuery } from "./queries";

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
