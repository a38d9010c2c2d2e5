"use client";

import { useQuery } from "@tanstack/react-query";
import type { Hex } from "viem";
import { usePublicClient } from "wagmi";
import { queryKeys } from "@/lib/queryKeys";
import { readRecordsByContent } from "@/lib/reads/records";

/** Every record registered with this content hash, with owner, time and claim progress. */
export function useRecordsByContent(contentHash: Hex | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: queryKeys.recordsByContent(contentHash ?? "0x"),
    queryFn: () => readRecordsByContent(client!, contentHash!),
    enabled: Boolean(client && contentHash),
  });
}
