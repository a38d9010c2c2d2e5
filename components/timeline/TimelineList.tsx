"use client";

import Link from "next/link";
import { zeroHash } from "viem";
import { recordHref } from "@/components/records/recordHref";
import { AddressText } from "@/components/ui/AddressText";
import { explorerTxUrl } from "@/lib/config/appChain";
import { servedChain } from "@/lib/config/servedChains";
import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";
import { type ChainEntry, chainEntryId } from "@/lib/timeline/chainTimeline";
import { describeEntry } from "@/lib/timeline/describeEntry";
import { type TokenRoles, tokenRolesOf } from "@/lib/timeline/tokenRoles";

/**
 * Timeline rows, newest first, each on its chain (its transaction linked on that chain's explorer). With `showRecord`
 * each row names its record (workflow view; a workflow's own events, such as admitting a member, belong to no record);
 * with `showChain` each row names its chain (a workflow followed on several chains).
 */
export function TimelineList({
  entries,
  showRecord = false,
  showChain = false,
}: {
  entries: readonly ChainEntry[];
  showRecord?: boolean;
  showChain?: boolean;
}) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No events yet.</p>;
  // The reservations among each chain's entries name its later events' tokens by their role: a record is on one chain.
  const rolesByChain = new Map<number, TokenRoles>();
  for (const chainId of new Set(entries.map((e) => e.chainId))) {
    rolesByChain.set(chainId, tokenRolesOf(entries.filter((e) => e.chainId === chainId).map((e) => e.entry)));
  }
  return (
    <ol className="space-y-0" aria-label="Events, newest first">
      {entries.map((chainEntry) => {
        const { chainId, entry } = chainEntry;
        const chain = servedChain(chainId);
        const text = describeEntry(entry, rolesByChain.get(chainId));
        const url = chain ? explorerTxUrl(entry.transactionHash, chain) : undefined;
        return (
          <li key={chainEntryId(chainEntry)} className="grid gap-1 border-l-2 border-teal-200 py-2 pl-4 sm:grid-cols-[11rem_1fr]">
            <time className="text-xs text-slate-500" dateTime={new Date(Number(entry.timestamp) * 1000).toISOString()}>
              {formatTimestamp(entry.timestamp)}
              <span className="block">block {entry.blockNumber.toString()}</span>
              {showChain && <span className="block">on {chain?.name ?? `chain ${chainId}`}</span>}
            </time>
            <div className="min-w-0 text-sm">
              <p className="font-medium text-slate-900">{text.title}</p>
              <p className="flex flex-wrap items-center gap-x-2 text-slate-600">
                {text.who && (
                  <>
                    <span>{text.whoLabel}</span> <AddressText address={text.who} />
                  </>
                )}
                {text.detail && <span>{text.detail}</span>}
              </p>
              <p className="flex flex-wrap gap-x-3 text-xs text-slate-500">
                {showRecord && entry.integraHash !== zeroHash && (
                  <Link href={recordHref(entry.integraHash, chainId)} className="mono text-teal-800 underline">
                    record {shortHex(entry.integraHash, 10, 6)}
                  </Link>
                )}
                <span className="mono" title={entry.transactionHash}>
                  tx{" "}
                  {url ? (
                    <a className="underline" href={url}>
                      {shortHex(entry.transactionHash)}
                    </a>
                  ) : (
                    shortHex(entry.transactionHash)
                  )}
                </span>
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
