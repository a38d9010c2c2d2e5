"use client";

import { capabilitiesQuery, recordTokensQuery } from "@/hooks/queries";
import { useOrigin } from "@/hooks/useOrigin";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { type Hex, zeroAddress } from "viem";
import { PrivateDetails } from "@/components/records/PrivateDetails";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Notice } from "@/components/ui/Notice";
import { QrCode } from "@/components/ui/QrCode";
import { Loading } from "@/components/ui/Skeleton";
import { recordHref } from "@/components/records/recordHref";
import { useRecordChainId } from "@/components/records/RecordChainContext";
import { servedChain } from "@/lib/config/servedChains";
import { factsOn } from "@/lib/deployment";
import { formatTimestamp } from "@/lib/format/time";
import { tokenLabel } from "@/lib/format/token";
import type { RecordInfo } from "@/lib/reads/records";
import { CertificateEscrows } from "./CertificateEscrows";
import { CertificateParty } from "./CertificateParty";
import { PrintButton } from "./PrintButton";

/**
 * A certificate of completion built from the chain alone: the document's hash, the record, each party's role,
 * address, claim and the attestation that authorized it, and the completion. Printed with the print stylesheet
 * (the browser's "Save as PDF"); before completion it is marked "in progress".
 */
export function Certificate({ integraHash, record }: { integraHash: Hex; record: RecordInfo }) {
  const chainId = useRecordChainId();
  const tokens = useQuery(recordTokensQuery(chainId, integraHash, record.tokenizer, record.registeredBlock));
  const capabilities = useQuery(capabilitiesQuery(chainId, { integraHash, fromBlock: record.registeredBlock }));
  const chainName = servedChain(chainId)?.name;
  const origin = useOrigin();
  const [title, setTitle] = useState<string>();

  if (record.tokenizer === zeroAddress) {
    return (
      <Notice tone="info" title="No certificate for this record">
        This record has no tokens, so there are no parties to certify.{" "}
        <Link href={recordHref(integraHash, chainId)} className="underline">
          Back to the record
        </Link>
      </Notice>
    );
  }
  if (tokens.isPending || capabilities.isPending) return <Loading label="Reading the parties and their claims from the chain…" />;
  if (tokens.isError) return <ErrorNotice error={tokens.error} />;
  if (capabilities.isError) return <ErrorNotice error={capabilities.error} />;

  const { complete, completedAt, completion, claimed } = tokens.data;
  const parties = tokens.data.tokens.filter((t) => t.status === "reserved" || t.status === "claimed");
  const attestations = new Map(capabilities.data.capabilities.map((c) => [c.uid.toLowerCase(), c]));
  const recordUrl = `${origin}${recordHref(integraHash, chainId)}`;
  const { tokenizers, tokenizerKindOf } = factsOn(chainId);
  const kind = tokenizerKindOf(record.tokenizer);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href={recordHref(integraHash, chainId)} className="text-sm text-teal-800 underline">
          ← Back to the record
        </Link>
        <PrintButton />
      </div>
      <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm print:hidden">
        <summary className="cursor-pointer font-medium">Add the document&apos;s title (needs the passphrase)</summary>
        <div className="mt-3">
          <PrivateDetails
            integraHash={integraHash}
            registeredBlock={record.registeredBlock}
            onDecrypted={(d) => setTitle(d.title || undefined)}
          />
        </div>
      </details>

      <article
        aria-labelledby="certificate-title"
        className="certificate space-y-5 rounded-lg border border-slate-300 bg-white p-5 sm:p-8 print:rounded-none print:border-0 print:p-0"
      >
        <header className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 pb-4">
          <div className="min-w-0 space-y-1">
            <p className="text-xs font-semibold tracking-widest text-slate-500 uppercase">Integra Agreements</p>
            <h1 id="certificate-title" className="text-2xl font-bold tracking-tight">
              Certificate of completion
            </h1>
            {title && <p className="text-lg font-medium">{title}</p>}
            <p
              role="status"
              className={`inline-block rounded-full px-3 py-0.5 text-sm font-semibold ${
                complete ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"
              }`}
            >
              {complete
                ? `Complete: all ${parties.length} parties claimed`
                : `In progress: ${claimed} of ${parties.length} parties claimed`}
            </p>
          </div>
          {origin && <QrCode value={recordUrl} size={112} label="QR code linking to this record's page" />}
        </header>

        <section aria-labelledby="certificate-document" className="space-y-2">
          <h2 id="certificate-document" className="text-sm font-semibold tracking-wide text-slate-600 uppercase">
            Document and record
          </h2>
          <dl className="grid gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[11rem_1fr] print:grid-cols-[11rem_1fr]">
            <dt className="text-slate-500">Document SHA-256</dt>
            <dd className="mono break-all">{record.contentHash}</dd>
            <dt className="text-slate-500">Record id</dt>
            <dd className="mono break-all">{integraHash}</dd>
            <dt className="text-slate-500">Workflow</dt>
            <dd className="mono break-all">{record.processHash}</dd>
            <dt className="text-slate-500">Chain</dt>
            <dd>
              {chainName} (chain id {chainId})
            </dd>
            <dt className="text-slate-500">Tokens</dt>
            <dd>{kind ? tokenizers[kind].name : record.tokenizer}</dd>
            <dt className="text-slate-500">Registered</dt>
            <dd>
              {formatTimestamp(record.registeredAt)}, block {record.registeredBlock.toString()}
            </dd>
            <dt className="text-slate-500">Completed</dt>
            <dd>
              {complete && completedAt !== undefined && completion ? (
                <>
                  {formatTimestamp(completedAt)}, block {completion.blockNumber.toString()}
                  <span className="mono block break-all text-xs text-slate-500">tx {completion.transactionHash}</span>
                </>
              ) : (
                <span className="text-amber-800">Not yet: the agreement is in progress.</span>
              )}
            </dd>
          </dl>
        </section>

        <section aria-labelledby="certificate-parties" className="space-y-2">
          <h2 id="certificate-parties" className="text-sm font-semibold tracking-wide text-slate-600 uppercase">
            Parties
          </h2>
          <ol className="space-y-3">
            {parties.map((token) => (
              <CertificateParty
                key={token.tokenId.toString()}
                name={tokenLabel(token.tokenId, token.role)}
                token={token}
                attestation={token.claim ? attestations.get(token.claim.attestationUid.toLowerCase()) : undefined}
              />
            ))}
          </ol>
        </section>

        <CertificateEscrows
          integraHash={integraHash}
          fromBlock={record.registeredBlock}
          roleOf={(tokenId) => tokens.data.tokens.find((t) => t.tokenId === tokenId)?.role}
        />

        <footer className="border-t border-slate-200 pt-3 text-xs text-slate-500">
          Built in the browser from the chain alone, as of {new Date().toUTCString()}. Anyone can check every line against {chainName}: the
          record&apos;s page
          {origin && <span className="mono break-all"> {recordUrl}</span>} (the QR code) shows the same events, and its proof file can be
          checked offline.
        </footer>
      </article>
    </div>
  );
}
