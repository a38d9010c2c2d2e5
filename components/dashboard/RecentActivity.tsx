"use client";

import { activityQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { TimelineList } from "@/components/timeline/TimelineList";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Loading } from "@/components/ui/Skeleton";

/** The latest events that concern the connected wallet, across all records. */
export function RecentActivity({ account }: { account: Address }) {
  const activity = useQuery(activityQuery(account));
  if (activity.isPending) return <Loading label="Reading your recent activity…" />;
  if (activity.isError) return <ErrorNotice error={activity.error} />;
  return <TimelineList entries={activity.data} showRecord />;
}
