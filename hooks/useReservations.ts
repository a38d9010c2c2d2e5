"use client";

import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { queryKeys } from "@/lib/queryKeys";
import { readReservationsFor } from "@/lib/reads/reservations";

/** Tokens reserved for (or claimed by) `account`, across both tokenizers. */
export function useReservations(account: Address | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: queryKeys.reservedFor(account ?? "0x"),
    queryFn: () => readReservationsFor(client!, account!),
    enabled: Boolean(client && account),
  });
}
