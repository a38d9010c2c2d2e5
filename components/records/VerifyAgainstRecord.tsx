"use client";

import { useState } from "react";
import type { Hex } from "viem";
import { FileDropzone } from "@/components/FileDropzone";
import { Notice } from "@/components/ui/Notice";

/** Drop a file: does its SHA-256 equal this record's content hash? */
export function VerifyAgainstRecord({ contentHash }: { contentHash: Hex }) {
  const [result, setResult] = useState<{ hash: Hex; fileName: string }>();
  const matches = result?.hash.toLowerCase() === contentHash.toLowerCase();
  return (
    <div className="space-y-3">
      <FileDropzone label="Choose or drop your copy of the document" onHashed={(r) => setResult(r)} onReset={() => setResult(undefined)} />
      {result &&
        (matches ? (
          <Notice tone="success" title="Match">
            {result.fileName} is exactly the document registered in this record.
          </Notice>
        ) : (
          <Notice tone="error" title="Mismatch">
            {result.fileName} is not the registered document: its SHA-256 is <span className="mono break-all">{result.hash}</span>, the
            record&apos;s is <span className="mono break-all">{contentHash}</span>.
          </Notice>
        ))}
    </div>
  );
}
