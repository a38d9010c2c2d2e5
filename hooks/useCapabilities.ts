"use client";

import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { usePublicClient } from "wagmi";
import { queryKeys } from "@/lib/queryKeys";
import { readCapabilities } from "@/lib/reads/capabilities";

/**
 * Capability attestations of a recipient or of a record, with the chain's current time (attestation expiry
 * is judged against the chain's clock, not the browser's).
 */
export function useCapabilities(filter: { recipient: Address } | { integraHash: Hex } | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: !filter ? ["capabilities", "none"] : "recipient" in filter ? queryKeys.capabilitiesFor(filter.recipient) : queryKeys.capabilities(filter.integraHash),
    queryFn: async () => {
      const [capabilities, block] = await Promise.all([readCapabilities(client!, filter!), client!.getBlock()]);
      return { capabilities, now: block.timestamp };
    },
    enabled: Boolean(client && filter),
  });
}
