"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import type { Hex } from "viem";
import { FileDropzone } from "@/components/FileDropzone";
import { Notice } from "@/components/ui/Notice";
import { readClient } from "@/lib/chain/readClient";
import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";
import type { ProofBundle } from "@/lib/proof/proofBundle";
import type { ProofCheck } from "@/lib/proof/proofCheck";
import { ProofCheckList } from "./ProofCheckList";
import { ProofFilePicker } from "./ProofFilePicker";

type Online = { step: "checking" } | { step: "done"; checks: ProofCheck[] } | { step: "failed"; message: string };

type ProofCode = typeof import("@/lib/proof/checkProof") &
  typeof import("@/lib/proof/proofBundle") &
  typeof import("@/lib/errors/describeError");

/**
 * The proof checker's code, fetched with the first proof file chosen (the page's first load does without it), with
 * the words for a failed chain read.
 */
function loadProofCode(): Promise<ProofCode> {
  return Promise.all([import("@/lib/proof/checkProof"), import("@/lib/proof/proofBundle"), import("@/lib/errors/describeError")]).then(
    ([check, bundle, errors]) => ({ ...check, ...bundle, ...errors }),
  );
}

type Loaded = { fileName: string; bundle: ProofBundle; code: ProofCode } | { fileName: string; problem: string };

/**
 * A proof file, checked in the browser as OpenCerts-style verifiers check a certificate: offline (consistent with
 * itself, of this chain and deployment; optionally of the document dropped alongside), then online through the app's
 * read client (every event and attestation re-read from the chain).
 */
export function ProofCheckPanel() {
  const [loaded, setLoaded] = useState<Loaded>();
  const [online, setOnline] = useState<Online>();
  const [fileHash, setFileHash] = useState<Hex>();
  // The newest proof chosen: online results of an earlier one that arrive late are dropped.
  const latest = useRef(0);

  async function check(file: File) {
    const run = ++latest.current;
    setOnline(undefined);
    let bundle: ProofBundle;
    let code: ProofCode;
    try {
      code = await loadProofCode();
    } catch (error) {
      // Offline before the checker's code arrived: nothing can be checked yet; choosing the file again retries.
      if (run === latest.current) setLoaded({ fileName: file.name, problem: `The proof checker could not be loaded (${String(error)}).` });
      return;
    }
    if (run !== latest.current) return;
    try {
      bundle = code.parseProofBundleText(await file.text());
    } catch (error) {
      const problem = error instanceof code.ProofFormatError ? error.message : String(error);
      setLoaded({ fileName: file.name, problem });
      return;
    }
    setLoaded({ fileName: file.name, bundle, code });
    setOnline({ step: "checking" });
    try {
      const checks = await code.checkProofOnline(bundle, readClient);
      if (run === latest.current) setOnline({ step: "done", checks });
    } catch (error) {
      if (run === latest.current) setOnline({ step: "failed", message: code.describeError(error).message });
    }
  }

  const bundle = loaded && "bundle" in loaded ? loaded.bundle : undefined;
  const offline = loaded && "bundle" in loaded ? loaded.code.checkProofOffline(loaded.bundle, { fileHash }) : [];
  const checks = [...offline, ...(online?.step === "done" ? online.checks : [])];
  const failures = checks.filter((c) => !c.ok);

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        A proof file is downloaded from a record&apos;s page (&ldquo;Download proof&rdquo;) or made with{" "}
        <span className="mono">integra proof</span>. Checking it shows whether every event and attestation in it is genuine and still on the
        chain.
      </p>
      <ProofFilePicker onFile={(file) => void check(file)} />

      {loaded && "problem" in loaded && (
        <Notice tone="error" title={`${loaded.fileName} is not a proof file this page can read`}>
          <span className="break-words [overflow-wrap:anywhere]">{loaded.problem}</span>
        </Notice>
      )}

      {bundle && loaded && (
        <section aria-label="Proof check result" className="space-y-3">
          <h3 className="text-sm font-semibold text-slate-900">
            {loaded.fileName}: proof of record{" "}
            <Link href={`/records/${bundle.integraHash}`} className="mono font-normal underline" title={bundle.integraHash}>
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
              onHashed={({ hash }) => setFileHash(hash)}
              onReset={() => setFileHash(undefined)}
            />
          </div>
        </section>
      )}
    </div>
  );
}
