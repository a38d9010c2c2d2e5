"use client";

import type { ReactNode } from "react";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import { type ChainRead, noChainAnswered } from "@/hooks/useOnServedChains";
import { isUnreachable } from "@/lib/chain/unreachable";
import { SEVERAL_CHAINS } from "@/lib/config/servedChains";

/** With several chains served, a row's chain in words (" on Base"); with one, nothing. */
/**
 * A list read on every served chain (hooks/useOnServedChains.ts): `children` renders the chains that answered. With one
 * chain the page is as it always was: reading, then the list or its error. With several, the chains that answered are
 * shown as soon as one has, and each chain that has not is named: still being read, unreachable, or failed, in words.
 * `what` names the list in those words ("tokens reserved for you").
 */
export function OnServedChains<TData>({
  reads,
  loading,
  what,
  children,
}: {
  reads: readonly ChainRead<TData>[];
  loading: string;
  what: string;
  children: (answered: readonly ChainRead<TData>[]) => ReactNode;
}) {
  if (!SEVERAL_CHAINS) {
    const [only] = reads;
    if (only.data === undefined) return only.failed ? <ErrorNotice error={only.failure} /> : <Loading label={loading} />;
    return children(reads);
  }
  if (noChainAnswered(reads)) return <Loading label={loading} />;
  return (
    <>
      {children(reads.filter((read) => read.data !== undefined))}
      <ChainsNotRead reads={reads} what={what} />
    </>
  );
}

/** For each chain whose part of a list is not shown: that it is still being read, or why not. */
export function ChainsNotRead({ reads, what }: { reads: readonly ChainRead<unknown>[]; what: string }) {
  const missing = reads.filter((read) => read.data === undefined);
  if (missing.length === 0) return null;
  return (
    <div className="mt-2 space-y-2">
      {missing.map((read) => (
        <ChainNotRead key={read.chain.id} read={read} what={what} />
      ))}
    </div>
  );
}

/**
 * One chain's part not shown: being read (a failed read is retried a few times first), unreachable (asked again
 * without end meanwhile), or failed for good with its reason.
 */
export function ChainNotRead({ read, what }: { read: ChainRead<unknown>; what: string }) {
  const { chain, failure } = read;
  if (failure === null || (!read.failed && !isUnreachable(failure))) return <Loading label={`Reading ${chain.name}…`} />;
  if (isUnreachable(failure)) {
    return (
      <Notice tone="warning" title={`${chain.name} is unreachable`}>
        The {what} on {chain.name} are not shown; this page keeps asking and shows them when it answers.
      </Notice>
    );
  }
  return (
    <Notice tone="warning" title={`${chain.name} could not be read`}>
      The {what} on {chain.name} are not shown: {failure.message}
    </Notice>
  );
}
