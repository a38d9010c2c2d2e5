"use client";

import { recordsByContentQuery } from "@/hooks/queries";
import { useQueries } from "@tanstack/react-query";
import Link from "next/link";
import type { Hex } from "viem";
import { recordHref } from "@/components/records/recordHref";
import { AddressText } from "@/components/ui/AddressText";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import { isUnreachable } from "@/lib/chain/unreachable";
import { servedChains } from "@/lib/config/servedChains";
import { factsOn } from "@/lib/deployment";
import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";

/** Several chains served: each record names its chain, and a chain that cannot be searched is named. */
const SEVERAL_CHAINS = servedChains.length > 1;

/** The names of `chains`, for a sentence: "A", "A and B", "A, B and C". */
function namesOf(chains: readonly { name: string }[]): string {
  const names = chains.map((chain) => chain.name);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * Every record of one content hash on every served chain, with its chain, owner, time and claim status; "not
 * registered" when none on the chains searched. A chain that cannot be searched is said, the others' records shown.
 */
export function ContentRecordsList({ contentHash }: { contentHash: Hex }) {
  const searches = useQueries({ queries: servedChains.map((chain) => recordsByContentQuery(chain.id, contentHash)) });
  const searched = servedChains.filter((_, i) => searches[i].data !== undefined);
  const failing = servedChains.flatMap((chain, i) => (searches[i].failureReason ? [{ chain, failure: searches[i].failureReason }] : []));
  // The same words as VerifyPanel's while this code loads. A chain still answering holds the verdict back.
  if (servedChains.some((_, i) => searches[i].isPending && !searches[i].failureReason)) {
    return <Loading label="Looking for records of this content on chain…" />;
  }
  if (searched.length === 0 && !SEVERAL_CHAINS)
    return searches[0].isError ? (
      <ErrorNotice error={searches[0].error} />
    ) : (
      <Loading label="Looking for records of this content on chain…" />
    );
  const records = servedChains.flatMap((chain, i) => (searches[i].data ?? []).map((record) => ({ chainId: chain.id, chain, record })));
  const unsearched =
    SEVERAL_CHAINS &&
    failing.map(({ chain, failure }) => (
      <Notice key={chain.id} tone="warning" title={`${chain.name} ${isUnreachable(failure) ? "is unreachable" : "could not be searched"}`}>
        Records of this content on {chain.name} are not shown{isUnreachable(failure) ? "" : ` (${failure.message})`}.
      </Notice>
    ));
  if (records.length === 0) {
    return (
      <div className="space-y-3">
        {unsearched}
        {searched.length > 0 && (
          <Notice tone="warning" title="Not registered">
            No record on {SEVERAL_CHAINS ? namesOf(searched) : "this chain"} has content hash{" "}
            <span className="mono break-all">{contentHash}</span>. If you expected one, check that you have the exact file: any change to
            its bytes changes the hash.
          </Notice>
        )}
      </div>
    );
  }
  const registeredOn = servedChains.filter((chain) => records.some((r) => r.chainId === chain.id));
  return (
    <div className="space-y-3">
      {unsearched}
      <Notice tone="success" title={`Registered: ${records.length} record${records.length > 1 ? "s" : ""} of this content`}>
        The file&apos;s SHA-256 matches what was registered on {SEVERAL_CHAINS ? namesOf(registeredOn) : "chain"}.
      </Notice>
      <ul className="space-y-3">
        {records.map(({ chainId, chain, record }) => {
          const { tokenizers, tokenizerKindOf } = factsOn(chainId);
          const kind = tokenizerKindOf(record.tokenizer);
          return (
            <li key={`${chainId}:${record.integraHash}`} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link href={recordHref(record.integraHash, chainId)} className="mono font-medium text-teal-800 underline">
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
                {SEVERAL_CHAINS && (
                  <>
                    <dt className="text-slate-500">Chain</dt>
                    <dd>{chain.name}</dd>
                  </>
                )}
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
