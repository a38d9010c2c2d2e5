"use client";

import Link from "next/link";
import { zeroAddress } from "viem";
import { AddressText } from "@/components/ui/AddressText";
import { CopyButton } from "@/components/ui/CopyButton";
import { servedChain } from "@/lib/config/servedChains";
import { factsOn } from "@/lib/deployment";
import { formatTimestamp } from "@/lib/format/time";
import type { RecordInfo } from "@/lib/reads/records";
import { useRecordChainId } from "./RecordChainContext";

export function RecordFacts({ record }: { record: RecordInfo }) {
  const chainId = useRecordChainId();
  const { tokenizers, tokenizerKindOf } = factsOn(chainId);
  const kind = tokenizerKindOf(record.tokenizer);
  return (
    <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
      <dt className="text-slate-500">Chain</dt>
      <dd>
        {servedChain(chainId)?.name} <span className="text-slate-500">(chain id {chainId})</span>
      </dd>
      <dt className="text-slate-500">Owner</dt>
      <dd>
        <AddressText address={record.owner} />
      </dd>
      <dt className="text-slate-500">Executor</dt>
      <dd>
        {record.executor === zeroAddress ? <span className="text-slate-500">None</span> : <AddressText address={record.executor} />}
        {record.pendingExecutor !== zeroAddress && (
          <span className="block text-slate-600">
            offered to <AddressText address={record.pendingExecutor} />, not yet accepted
          </span>
        )}
      </dd>
      <dt className="text-slate-500">Tokenizer</dt>
      <dd>{kind ? tokenizers[kind].name : record.tokenizer === zeroAddress ? "None" : <AddressText address={record.tokenizer} />}</dd>
      <dt className="text-slate-500">Resolvers</dt>
      <dd>
        {record.resolvers.length === 0 ? (
          <span className="text-slate-500">None</span>
        ) : (
          <ul>
            {record.resolvers.map((r) => (
              <li key={r}>
                <AddressText address={r} />
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt className="text-slate-500">Content hash (SHA-256)</dt>
      <dd className="flex items-start gap-2">
        <span className="mono break-all">{record.contentHash}</span>
        <CopyButton value={record.contentHash} />
      </dd>
      <dt className="text-slate-500">Workflow</dt>
      <dd>
        <Link href={`/workflows/${record.processHash}`} className="mono break-all text-teal-800 underline">
          {record.processHash}
        </Link>
      </dd>
      <dt className="text-slate-500">Registered</dt>
      <dd>
        {formatTimestamp(record.registeredAt)} <span className="text-slate-500">(block {record.registeredBlock.toString()})</span>
      </dd>
    </dl>
  );
}
