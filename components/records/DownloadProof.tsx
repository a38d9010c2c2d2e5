"use client";

import Link from "next/link";
import { useState } from "react";
import type { Hex } from "viem";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { useRecordChainId } from "@/components/records/RecordChainContext";

type State =
  { step: "idle" } | { step: "building" } | { step: "done"; fileName: string; events: number } | { step: "failed"; error: unknown };

/** Hands `text` to the browser as a file download, without a server round trip. */
function saveAs(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next tick: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "Download proof": the record's portable proof bundle, read from the chain in the browser and saved as a JSON file. */
export function DownloadProof({ integraHash }: { integraHash: Hex }) {
  const chainId = useRecordChainId();
  const [state, setState] = useState<State>({ step: "idle" });

  async function download() {
    setState({ step: "building" });
    try {
      // The proof's code (reading every event, receipt and attestation) loads on the first click.
      const [{ buildProof }, { serializeProofBundle }, { readClientOn }] = await Promise.all([
        import("@/lib/proof/buildProof"),
        import("@/lib/proof/proofBundle"),
        import("@/lib/chain/readClient"),
      ]);
      const bundle = await buildProof(readClientOn(chainId), integraHash);
      const fileName = `proof-${integraHash.slice(0, 10)}.json`;
      saveAs(serializeProofBundle(bundle), fileName);
      setState({ step: "done", fileName, events: bundle.logs.length });
    } catch (error) {
      setState({ step: "failed", error });
    }
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        A proof file holds this record, every event of it with its block and transaction receipt, and the attestations behind each claim.
        Anyone can check it on the{" "}
        <Link href="/verify#proof" className="underline">
          Verify page
        </Link>{" "}
        or with <span className="mono">integra check-proof</span>, without relying on this website.
      </p>
      <button
        type="button"
        onClick={download}
        disabled={state.step === "building"}
        aria-busy={state.step === "building"}
        className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50"
      >
        {state.step === "building" ? "Reading the chain…" : "Download proof"}
      </button>
      <p role="status" className="text-sm text-slate-700">
        {state.step === "done" ? `Saved ${state.fileName} (${state.events} events).` : ""}
      </p>
      {state.step === "failed" && <ErrorNotice error={state.error} />}
    </div>
  );
}
