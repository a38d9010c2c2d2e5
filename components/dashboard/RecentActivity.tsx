"use client";

import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { TimelineList } from "@/components/timeline/TimelineList";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import { describeError } from "@/lib/errors/describeError";
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
  if (activity.isError) {
    const { title, message } = describeError(activity.error);
    return <Notice tone="error" title={title}>{message}</Notice>;
  }
  return <TimelineList entries={activity.data} showRecord />;
}
