"use client";

import { recordsByContentQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { Hex } from "viem";
import { AddressText } from "@/components/ui/AddressText";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import { tokenizerKindOf, tokenizers } from "@/lib/deployment";
import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";

/** Every record of one content hash with owner, time and claim status; "not registered" when none. */
export function ContentRecordsList({ contentHash }: { contentHash: Hex }) {
  const records = useQuery(recordsByContentQuery(contentHash));
  // The same words as VerifyPanel's while this code loads.
  if (records.isPending) return <Loading label="Looking for records of this content on chain…" />;
  if (records.isError) return <ErrorNotice error={records.error} />;
  if (records.data.length === 0) {
    return (
      <Notice tone="warning" title="Not registered">
        No record on this chain has content hash <span className="mono break-all">{contentHash}</span>. If you expected one, check that you
        have the exact file: any change to its bytes changes the hash.
      </Notice>
    );
  }
  return (
    <div className="space-y-3">
      <Notice tone="success" title={`Registered: ${records.data.length} record${records.data.length > 1 ? "s" : ""} of this content`}>
        The file&apos;s SHA-256 matches what was registered on chain.
      </Notice>
      <ul className="space-y-3">
        {records.data.map((record) => {
          const kind = tokenizerKindOf(record.tokenizer);
          return (
            <li key={record.integraHash} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link href={`/records/${record.integraHash}`} className="mono font-medium text-teal-800 underline">
                  Record {shortHex(record.integraHash, 10, 6)}
                </Link>
                {record.progress && (
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-semibold ${record.progress.complete ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}
                  >
                    {record.progress.complete ? "Complete" : "Not complete"} · {record.progress.claimed} of {record.progress.reserved}{" "}
                    claimed
                  </span>
                )}
              </div>
              <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
                <dt className="text-slate-500">Registered by</dt>
                <dd className="flex flex-wrap items-center gap-2">
                  <AddressText address={record.registrant} />
                  {record.workflowOwner && record.registrant.toLowerCase() !== record.workflowOwner.toLowerCase() && (
                    <span className="text-slate-600">a member admitted to the workflow</span>
                  )}
                </dd>
                {record.owner.toLowerCase() !== record.registrant.toLowerCase() && (
                  <>
                    <dt className="text-slate-500">Owner now</dt>
                    <dd>
                      <AddressText address={record.owner} />
                    </dd>
                  </>
                )}
                <dt className="text-slate-500">Workflow</dt>
                <dd className="flex flex-wrap items-center gap-2">
                  {record.workflowOwner ? (
                    <>
                      <Link href={`/workflows/${record.processHash}`} className="mono text-teal-800 underline">
                        {shortHex(record.processHash, 10, 6)}
                      </Link>
                      <span className="text-slate-600">owned by</span>
                      <AddressText address={record.workflowOwner} />
                    </>
                  ) : (
                    <span className="text-slate-500">None</span>
                  )}
                </dd>
                <dt className="text-slate-500">When</dt>
                <dd>{formatTimestamp(record.registeredAt)}</dd>
                <dt className="text-slate-500">Tokens</dt>
                <dd>{kind ? tokenizers[kind].name : "No tokenizer"}</dd>
              </dl>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
