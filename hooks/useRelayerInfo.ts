"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchRelayerInfo } from "@/lib/relay/relayClient";

/** Who sponsors party calls on this deployment: the app's relayer, or nobody (then the clerk can). */
export function useRelayerInfo() {
  return useQuery({ queryKey: ["relayerInfo"], queryFn: () => fetchRelayerInfo(window.location.origin), staleTime: Infinity });
}
