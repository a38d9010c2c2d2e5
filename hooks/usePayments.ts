"use client";

import { useQuery } from "@tanstack/react-query";
import type { Hex } from "viem";
import { usePublicClient } from "wagmi";
import { queryKeys } from "@/lib/queryKeys";
import { readPayments } from "@/lib/reads/payments";

export function usePayments(integraHash: Hex, fromBlock: bigint) {
  const client = usePublicClient();
  return useQuery({
    queryKey: queryKeys.payments(integraHash),
    queryFn: () => readPayments(client!, integraHash, fromBlock),
    enabled: Boolean(client),
  });
}
