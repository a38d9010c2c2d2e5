"use client";

import { useRef, useState } from "react";
import type { Hex } from "viem";
import { Notice } from "@/components/ui/Notice";
import { servedChain } from "@/lib/config/servedChains";
import type { ProofBundle } from "@/lib/proof/proofBundle";
import type { Online, ProofCode } from "./ProofCheckResult";
import { ProofFilePicker } from "./ProofFilePicker";

/**
 * The proof checker's code, fetched with the first proof file chosen (the page's first load does without it), with
 * the words for a failed chain read, the result's view and the read clients.
 */
function loadProofCode(): Promise<ProofCode> {
  return Promise.all([
    import("@/lib/proof/checkProof"),
    import("@/lib/proof/proofBundle"),
    import("@/lib/errors/describeError"),
    import("./ProofCheckResult"),
    import("@/lib/chain/readClient"),
  ]).then(([check, bundle, errors, result, client]) => ({
    ...check,
    ...bundle,
    ...errors,
    ProofCheckResult: result.ProofCheckResult,
    // The proof's own chain when the app serves it; else the default chain's, whose check then says it is not the proof's.
    readClientOf: (chainId: number) => (servedChain(chainId) ? client.readClientOn(chainId) : client.readClient),
  }));
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
      const checks = await code.checkProofOnline(bundle, code.readClientOf(bundle.chainId));
      if (run === latest.current) setOnline({ step: "done", checks });
    } catch (error) {
      if (run === latest.current) setOnline({ step: "failed", message: code.describeError(error).message });
    }
  }

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

      {loaded && "bundle" in loaded && (
        <loaded.code.ProofCheckResult
          fileName={loaded.fileName}
          bundle={loaded.bundle}
          code={loaded.code}
          online={online}
          fileHash={fileHash}
          onFileHash={setFileHash}
        />
      )}
    </div>
  );
}
