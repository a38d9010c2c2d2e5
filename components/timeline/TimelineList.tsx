"use client";

import Link from "next/link";
import { zeroHash } from "viem";
import { AddressText } from "@/components/ui/AddressText";
import { explorerTxUrl } from "@/lib/config/appChain";
import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";
import type { TimelineEntry } from "@/lib/timeline/decodeEntry";
import { describeEntry } from "@/lib/timeline/describeEntry";
import { tokenRolesOf } from "@/lib/timeline/tokenRoles";

/**
 * Timeline rows, newest first; with `showRecord` each row names its record (workflow view; a workflow's own
 * events, such as admitting a member, belong to no record).
 */
export function TimelineList({ entries, showRecord = false }: { entries: TimelineEntry[]; showRecord?: boolean }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No events yet.</p>;
  // The reservations among the entries name every later event's token by its role.
  const roles = tokenRolesOf(entries);
  return (
    <ol className="space-y-0" aria-label="Events, newest first">
      {entries.map((entry) => {
        const text = describeEntry(entry, roles);
        const url = explorerTxUrl(entry.transactionHash);
        return (
          <li key={entry.id} className="grid gap-1 border-l-2 border-teal-200 py-2 pl-4 sm:grid-cols-[11rem_1fr]">
            <time className="text-xs text-slate-500" dateTime={new Date(Number(entry.timestamp) * 1000).toISOString()}>
              {formatTimestamp(entry.timestamp)}
              <span className="block">block {entry.blockNumber.toString()}</span>
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
                  <Link href={`/records/${entry.integraHash}`} className="mono text-teal-800 underline">
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
