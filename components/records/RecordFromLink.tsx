"use client";

import { recordChainQuery, recordQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import type { Hex } from "viem";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import { servedChain, servedChains } from "@/lib/config/servedChains";
import { revertedErrorName } from "@/lib/errors/revertedErrorName";
import { parseBytes32 } from "@/lib/format/hex";
import type { RecordInfo } from "@/lib/reads/records";
import { RecordChainContext } from "./RecordChainContext";

/** The page's heading over what stands in for the record, so every state of the page has one to navigate by. */
function WithoutRecord({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Record</h1>
      {children}
    </div>
  );
}

/** The names of the chains the app reads, for the words of a record not found on any. */
const servedChainNames = servedChains.map((chain) => chain.name).join(", ");

/**
 * The record a page's link names, read from the chain the link names (`?chain=<id>`, `rawChain`), or without one from
 * the first served chain that has it (the default chain first); `children` renders it, and every read of the page's
 * cards is on its chain (RecordChainContext). A malformed hash, a chain the app does not read, an unknown record and a
 * failed read each get their own words instead (the record page and its certificate share them).
 */
export function RecordFromLink({ rawHash, rawChain, children }: { rawHash: string; rawChain?: string; children: RecordChildren }) {
  const integraHash = parseBytes32(rawHash);
  const namedChain = rawChain === undefined ? undefined : /^[0-9]+$/.test(rawChain) ? servedChain(Number(rawChain)) : undefined;
  const lookup = useQuery(recordChainQuery(rawChain === undefined ? integraHash : undefined));
  if (!integraHash) {
    return (
      <WithoutRecord>
        <Notice tone="error" title="This record link is broken">
          &ldquo;{decodeURIComponent(rawHash)}&rdquo; is not a record id. A record id (integraHash) is 0x followed by 64 hexadecimal
          characters; check that the link was copied whole.{" "}
          <Link href="/verify" className="underline">
            Look a document up by its file instead
          </Link>
          .
        </Notice>
      </WithoutRecord>
    );
  }
  if (rawChain !== undefined) {
    if (!namedChain) {
      return (
        <WithoutRecord>
          <Notice tone="error" title="This record link names a chain this app does not read">
            &ldquo;{rawChain}&rdquo; is not the id of a chain this app reads ({servedChainNames}). Check that the link was copied whole.
          </Notice>
        </WithoutRecord>
      );
    }
    return (
      <RecordOnChain integraHash={integraHash} chainId={namedChain.id}>
        {children}
      </RecordOnChain>
    );
  }
  if (lookup.isPending) return <ReadingRecord />;
  if (lookup.isError) {
    if (revertedErrorName(lookup.error) === "RecordNotFound") {
      return (
        <RecordNotFound
          integraHash={integraHash}
          where={servedChains.length > 1 ? `any chain this app reads (${servedChainNames})` : undefined}
        />
      );
    }
    return (
      <WithoutRecord>
        <ErrorNotice error={lookup.error} />
      </WithoutRecord>
    );
  }
  return (
    <RecordOnChain integraHash={integraHash} chainId={lookup.data}>
      {children}
    </RecordOnChain>
  );
}

type RecordChildren = (integraHash: Hex, record: RecordInfo, chainId: number) => ReactNode;

/** The record `integraHash` on served chain `chainId`, kept fresh (a write's refresh of the record lands here). */
function RecordOnChain({ integraHash, chainId, children }: { integraHash: Hex; chainId: number; children: RecordChildren }) {
  const record = useQuery(recordQuery(chainId, integraHash));
  if (record.isPending) return <ReadingRecord />;
  if (record.isError) {
    if (revertedErrorName(record.error) === "RecordNotFound") {
      return <RecordNotFound integraHash={integraHash} where={servedChain(chainId)?.name} />;
    }
    return (
      <WithoutRecord>
        <ErrorNotice error={record.error} />
      </WithoutRecord>
    );
  }
  return <RecordChainContext.Provider value={chainId}>{children(integraHash, record.data, chainId)}</RecordChainContext.Provider>;
}

function ReadingRecord() {
  return (
    <WithoutRecord>
      <Loading label="Reading the record from the chain…" />
    </WithoutRecord>
  );
}

/** No record `integraHash` on `where` (a chain's name, or the chains read; the one chain served when undefined). */
function RecordNotFound({ integraHash, where }: { integraHash: Hex; where: string | undefined }) {
  return (
    <WithoutRecord>
      <Notice tone="error" title="No such record">
        No record <span className="mono break-all">{integraHash}</span> is registered on {where ?? servedChains[0].name}. It may be on
        another chain, or the link may be mistyped.{" "}
        <Link href="/verify" className="underline">
          Look a document up by its file
        </Link>
        .
      </Notice>
    </WithoutRecord>
  );
}
