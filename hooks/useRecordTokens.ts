"use client";

import { useQuery } from "@tanstack/react-query";
import { type Address, type Hex, zeroAddress } from "viem";
import { usePublicClient } from "wagmi";
import { queryKeys } from "@/lib/queryKeys";
import { readRecordTokens } from "@/lib/reads/records";

/** A record's tokens with their status, and n of m claimed. */
export function useRecordTokens(integraHash: Hex | undefined, tokenizer: Address | undefined, fromBlock?: bigint) {
  const client = usePublicClient();
  return useQuery({
    queryKey: queryKeys.recordTokens(integraHash ?? "0x"),
    queryFn: () => readRecordTokens(client!, integraHash!, tokenizer!, fromBlock),
    enabled: Boolean(client && integraHash && tokenizer && tokenizer !== zeroAddress),
  });
}
