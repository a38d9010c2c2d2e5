"use client";

import { useOrigin } from "@/hooks/useOrigin";
import { CopyButton } from "@/components/ui/CopyButton";
import { QrCode } from "@/components/ui/QrCode";

/** The page's own link: a counterparty opens it to see the record and verify the file. */
export function SharePanel({ path }: { path: string }) {
  const origin = useOrigin();
  const url = `${origin}${path}`;
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
      {origin && <QrCode value={url} label="QR code of the link to this record" />}
      <div className="min-w-0 space-y-2">
        <p className="text-sm text-slate-600">
          Send this link to a counterparty: they can check the record and verify their copy of the file without a wallet.
        </p>
        <div className="flex items-start gap-2">
          <span className="mono break-all text-sm">{url}</span>
          <CopyButton value={url} label="Copy link" />
        </div>
      </div>
    </div>
  );
}
