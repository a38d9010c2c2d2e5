"use client";

import { activityQuery } from "@/hooks/queries";
import type { Address } from "viem";
import { OnServedChains } from "@/components/OnServedChains";
import { TimelineList } from "@/components/timeline/TimelineList";
import { useOnServedChains } from "@/hooks/useOnServedChains";
import { SEVERAL_CHAINS } from "@/lib/config/servedChains";
import { RECENT_ACTIVITY_BLOCKS } from "@/lib/reads/activity";
import { mergeChainEntries } from "@/lib/timeline/chainTimeline";

/**
 * The latest events that concern the connected wallet, across all records, in the last few thousand blocks of each
 * served chain: one timeline, newest first, each row on its chain.
 */
export function RecentActivity({ account }: { account: Address }) {
  const activity = useOnServedChains((chainId) => activityQuery(chainId, account));
  return (
    <OnServedChains reads={activity} loading="Reading your recent activity…" what="recent events">
      {(answered) => {
        const entries = mergeChainEntries(answered.map(({ chain, data }) => ({ chainId: chain.id, entries: data ?? [] })));
        if (entries.length === 0) {
          return (
            <p className="text-sm text-slate-600">
              Nothing in the last {RECENT_ACTIVITY_BLOCKS.toLocaleString("en-US")} blocks{SEVERAL_CHAINS ? " of any chain read" : ""}.
            </p>
          );
        }
        return <TimelineList entries={entries} showRecord showChain={SEVERAL_CHAINS} />;
      }}
    </OnServedChains>
  );
}
