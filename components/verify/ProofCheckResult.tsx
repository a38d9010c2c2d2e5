"use client";

import Link from "next/link";
import { recordHref } from "@/components/records/recordHref";
import type { Hex } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { FileDropzone } from "@/components/FileDropzone";
import { Notice } from "@/components/ui/Notice";
import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";
import type { ProofBundle } from "@/lib/proof/proofBundle";
import type { ProofCheck } from "@/lib/proof/checkOutcome";
import { ProofCheckList } from "./ProofCheckList";

export type Online = { step: "checking" } | { step: "done"; checks: ProofCheck[] } | { step: "failed"; message: string };

/** What ProofCheckPanel fetches with the first proof file: the checker, the error words and this view. */
export type ProofCode = typeof import("@/lib/proof/checkProof") &
  typeof import("@/lib/proof/proofBundle") &
  typeof import("@/lib/errors/describeError") & {
    ProofCheckResult: typeof ProofCheckResult;
    /** The client that reads the proof's chain. */
    readClientOf: (chainId: number) => ReadClient;
  };

/** A proof file's checks and verdict (fetched with the proof checker's code: /verify's first load does without it). */
export function ProofCheckResult({
  fileName,
  bundle,
  code,
  online,
  fileHash,
  onFileHash,
}: {
  fileName: string;
  bundle: ProofBundle;
  code: ProofCode;
  online: Online | undefined;
  fileHash: Hex | undefined;
  onFileHash: (hash: Hex | undefined) => void;
}) {
  const offline = code.checkProofOffline(bundle, { fileHash });
  const checks = [...offline, ...(online?.step === "done" ? online.checks : [])];
  const failures = checks.filter((c) => !c.ok);
  return (
    <section aria-label="Proof check result" className="space-y-3">
      <h3 className="text-sm font-semibold text-slate-900">
        {fileName}: proof of record{" "}
        <Link href={recordHref(bundle.integraHash, bundle.chainId)} className="mono font-normal underline" title={bundle.integraHash}>
          {shortHex(bundle.integraHash, 10, 8)}
        </Link>{" "}
        <span className="font-normal text-slate-600">
          (chain {bundle.chainId}, block {bundle.block.number}, {bundle.logs.length} events)
        </span>
      </h3>
      <p className="text-sm text-slate-600">
        Registered {formatTimestamp(BigInt(bundle.record.registeredAt))}; owner{" "}
        <span className="mono break-all">{bundle.record.owner}</span>; content hash{" "}
        <span className="mono">{shortHex(bundle.record.contentHash, 10, 8)}</span>.
      </p>
      {online?.step === "checking" ? (
        <Notice title="Re-reading the chain…">The proof&apos;s own checks are below; the chain checks follow in a moment.</Notice>
      ) : online?.step === "failed" ? (
        <Notice tone="warning" title="Could not read the chain to finish the checks">
          {online.message} Only the proof&apos;s own consistency was checked, which a forger could fake.
        </Notice>
      ) : failures.length === 0 ? (
        <Notice tone="success" title={`Genuine: all ${checks.length} checks passed`}>
          Every event and attestation in this proof is on the chain as recorded
          {fileHash ? ", and your document is the registered one" : ""}.
        </Notice>
      ) : failures.length === 1 && failures[0].id === "file" ? (
        <Notice tone="error" title="The proof is genuine, but your document is not the registered one">
          {failures[0].detail}
        </Notice>
      ) : (
        <Notice tone="error" title={`Not valid: ${failures.length} of ${checks.length} checks failed`}>
          <p>This proof file was altered, or does not match the chain: do not rely on it.</p>
          <p className="mt-1 break-words [overflow-wrap:anywhere]">
            First failure, {failures[0].title.toLowerCase()}: {failures[0].detail}
          </p>
        </Notice>
      )}
      <ProofCheckList checks={checks} label="Proof checks" />
      <div className="space-y-2 border-t border-slate-100 pt-3">
        <p className="text-sm text-slate-600">Optionally, also check that your copy of the document is the one this proof is about.</p>
        <FileDropzone
          label="Choose or drop the document (optional)"
          onHashed={({ hash }) => onFileHash(hash)}
          onReset={() => onFileHash(undefined)}
        />
      </div>
    </section>
  );
}
