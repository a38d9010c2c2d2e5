"use client";

import { useQuery } from "@tanstack/react-query";
import type { Hex } from "viem";
import { usePublicClient } from "wagmi";
import { queryKeys } from "@/lib/queryKeys";
import { readRecord } from "@/lib/reads/records";

/** A record's state from the registry; `enabled` only for a well-formed integraHash. */
export function useRecord(integraHash: Hex | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: queryKeys.record(integraHash ?? "0x"),
    queryFn: () => readRecord(client!, integraHash!),
    enabled: Boolean(client && integraHash),
    retry: (count, error) => count < 2 && !/RecordNotFound/.test(String(error)),
  });
}
