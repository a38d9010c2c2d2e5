"use client";

import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { queryKeys } from "@/lib/queryKeys";
import { readRecordsOwnedBy } from "@/lib/reads/myRecords";

export function useMyRecords(account: Address | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: queryKeys.myRecords(account ?? "0x"),
    queryFn: () => readRecordsOwnedBy(client!, account!),
    enabled: Boolean(client && account),
  });
}
