"use client";

import { useId, useState } from "react";
import { useOrigin } from "@/hooks/useOrigin";
import { CopyButton } from "@/components/ui/CopyButton";
import { QrCode } from "@/components/ui/QrCode";

/**
 * The page's own link: a counterparty opens it to see the record and verify the file. The QR code is drawn when
 * asked for: its encoder is ~8 KB gzip that every visit to a record (most of them on a phone, from this very link)
 * would otherwise download for a code few scan.
 */
export function SharePanel({ path }: { path: string }) {
  const origin = useOrigin();
  const [showQr, setShowQr] = useState(false);
  const qrId = useId();
  const url = `${origin}${path}`;
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
      {origin && showQr && (
        <div id={qrId}>
          <QrCode value={url} label="QR code of the link to this record" />
        </div>
      )}
      <div className="min-w-0 space-y-2">
        <p className="text-sm text-slate-600">
          Send this link to a counterparty: they can check the record and verify their copy of the file without a wallet.
        </p>
        <div className="flex items-start gap-2">
          <span className="mono break-all text-sm">{url}</span>
          <CopyButton value={url} label="Copy link" />
        </div>
        <button
          type="button"
          onClick={() => setShowQr((shown) => !shown)}
          aria-expanded={showQr}
          aria-controls={origin && showQr ? qrId : undefined}
          className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100"
        >
          {showQr ? "Hide QR code" : "Show QR code"}
        </button>
      </div>
    </div>
  );
}
