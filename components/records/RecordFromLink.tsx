"use client";

import { recordQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import type { Hex } from "viem";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import { appChain } from "@/lib/config/appChain";
import { revertedErrorName } from "@/lib/errors/revertedErrorName";
import { parseBytes32 } from "@/lib/format/hex";
import type { RecordInfo } from "@/lib/reads/records";

/** The page's heading over what stands in for the record, so every state of the page has one to navigate by. */
function WithoutRecord({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Record</h1>
      {children}
    </div>
  );
}

/**
 * The record a page's link names, read from the chain; `children` renders it. A malformed hash, an unknown record
 * and a failed read each get their own words instead (the record page and its certificate share them).
 */
export function RecordFromLink({ rawHash, children }: { rawHash: string; children: (integraHash: Hex, record: RecordInfo) => ReactNode }) {
  const integraHash = parseBytes32(rawHash);
  const record = useQuery(recordQuery(integraHash));
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
  if (record.isPending)
    return (
      <WithoutRecord>
        <Loading label="Reading the record from the chain…" />
      </WithoutRecord>
    );
  if (record.isError) {
    if (revertedErrorName(record.error) === "RecordNotFound") {
      return (
        <WithoutRecord>
          <Notice tone="error" title="No such record">
            No record <span className="mono break-all">{integraHash}</span> is registered on {appChain.name}. It may be on another chain, or
            the link may be mistyped.{" "}
            <Link href="/verify" className="underline">
              Look a document up by its file
            </Link>
            .
          </Notice>
        </WithoutRecord>
      );
    }
    return (
      <WithoutRecord>
        <ErrorNotice error={record.error} />
      </WithoutRecord>
    );
  }
  return children(integraHash, record.data);
}
