"use client";

import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { queryKeys } from "@/lib/queryKeys";
import { readOffersFor } from "@/lib/reads/offers";

/** Records offered to `account` that it has not accepted yet. */
export function useOffers(account: Address | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: queryKeys.offersFor(account ?? "0x"),
    queryFn: () => readOffersFor(client!, account!),
    enabled: Boolean(client && account),
  });
}
