"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { Suspense, lazy, useState } from "react";
import type { Hex } from "viem";
import { FileDropzone } from "@/components/FileDropzone";
import { Card } from "@/components/ui/Card";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import { parseBytes32 } from "@/lib/format/hex";
import { ProofCheckPanel } from "./ProofCheckPanel";

/**
 * The result's code (its read, the record list, tokenizer names) is fetched as soon as a file is chosen, while it
 * hashes, or when a hash is given: the page's first load does without it. Meanwhile it says what it says while the
 * records are read.
 */
const loadContentRecordsList = () => import("./ContentRecordsList");
/** The list's code and the readers it runs, fetched while a chosen file hashes; if that fails, the list asks again. */
const prefetchResult = () => void Promise.all([loadContentRecordsList(), import("@/lib/reads")]).catch(() => undefined);
const ContentRecordsList = lazy(() => loadContentRecordsList().then((m) => ({ default: m.ContentRecordsList })));
const LOOKING = "Looking for records of this content on chain…";

/** Drop a file or paste a hash; the hash goes into the URL so the result can be shared. */
export function VerifyPanel() {
  const pathname = usePathname();
  const params = useSearchParams();
  const fromUrl = params.get("hash") ?? "";
  const [typed, setTyped] = useState(fromUrl);
  const [typedError, setTypedError] = useState<string>();
  const contentHash = fromUrl ? parseBytes32(fromUrl) : undefined;

  // The browser's own history: Next keeps useSearchParams in step with it, and no request goes to the server.
  function show(hash: Hex) {
    window.history.replaceState(null, "", `${pathname}?hash=${hash}`);
  }

  return (
    <div className="space-y-4">
      <Card title="Check a file">
        <FileDropzone
          label="Choose or drop the document to check"
          onFile={prefetchResult}
          onHashed={({ hash }) => {
            setTyped(hash);
            setTypedError(undefined);
            show(hash);
          }}
        />
      </Card>
      <Card title="…or paste its SHA-256">
        <form
          className="flex flex-col gap-2 sm:flex-row"
          onSubmit={(event) => {
            event.preventDefault();
            const hash = parseBytes32(typed);
            if (!hash) {
              setTypedError("A SHA-256 hash is 64 hexadecimal characters, optionally starting with 0x (as printed by sha256sum).");
              return;
            }
            setTypedError(undefined);
            show(hash);
          }}
        >
          <label htmlFor="content-hash" className="sr-only">
            Content hash (SHA-256)
          </label>
          <input
            id="content-hash"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="e.g. 9f86d081884c7d65… or 0x9f86d081…"
            aria-invalid={typedError ? true : undefined}
            aria-describedby={typedError ? "content-hash-error" : undefined}
            className="mono min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <button type="submit" className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800">
            Verify
          </button>
        </form>
        {typedError && (
          <p id="content-hash-error" role="alert" className="mt-2 text-sm text-red-700">
            {typedError}
          </p>
        )}
      </Card>
      {fromUrl && !contentHash && (
        <Notice tone="error" title="That is not a content hash">
          &ldquo;{fromUrl}&rdquo; is not a SHA-256 hash (64 hexadecimal characters).
        </Notice>
      )}
      {contentHash && (
        <section aria-label="Verification result" className="space-y-2">
          <h2 className="text-base font-semibold">
            Result for <span className="mono break-all text-sm font-normal">{contentHash}</span>
          </h2>
          <Suspense fallback={<Loading label={LOOKING} />}>
            <ContentRecordsList contentHash={contentHash} />
          </Suspense>
        </section>
      )}
      <Card title="Check a proof file" id="proof">
        <ProofCheckPanel />
      </Card>
    </div>
  );
}
