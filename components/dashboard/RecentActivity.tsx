"use client";

import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { TimelineList } from "@/components/timeline/TimelineList";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Loading } from "@/components/ui/Skeleton";
import { queryKeys } from "@/lib/queryKeys";
import { readActivityOf } from "@/lib/reads/activity";

/** The latest events that concern the connected wallet, across all records. */
export function RecentActivity({ account }: { account: Address }) {
  const client = usePublicClient();
  const activity = useQuery({
    queryKey: queryKeys.activity(account),
    queryFn: () => readActivityOf(client!, account),
    enabled: Boolean(client),
    refetchInterval: 8_000,
  });
  if (activity.isPending) return <Loading label="Reading your recent activity…" />;
  if (activity.isError) return <ErrorNotice error={activity.error} />;
  return <TimelineList entries={activity.data} showRecord />;
}
