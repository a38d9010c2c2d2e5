"use client";

import { activityQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { TimelineList } from "@/components/timeline/TimelineList";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Loading } from "@/components/ui/Skeleton";
import { RECENT_ACTIVITY_BLOCKS } from "@/lib/reads/activity";

/** The latest events that concern the connected wallet, across all records, in the last few thousand blocks. */
export function RecentActivity({ account }: { account: Address }) {
  const activity = useQuery(activityQuery(account));
  if (activity.isPending) return <Loading label="Reading your recent activity…" />;
  if (activity.isError) return <ErrorNotice error={activity.error} />;
  if (activity.data.length === 0) {
    return <p className="text-sm text-slate-600">Nothing in the last {RECENT_ACTIVITY_BLOCKS.toLocaleString("en-US")} blocks.</p>;
  }
  return <TimelineList entries={activity.data} showRecord />;
}
