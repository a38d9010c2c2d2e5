"use client";

import { useOrigin } from "@/hooks/useOrigin";
import { CopyButton } from "@/components/ui/CopyButton";
import { QrCode } from "@/components/ui/QrCode";
import type { SignedForwardRequest } from "@/lib/forwarder/forwardRequest";
import { signedRequestPath } from "@/lib/forwarder/signedRequestLink";
import { formatTimestamp } from "@/lib/format/time";

/** A signed claim as a link and QR code for the clerk, who checks it and submits it with their own wallet. */
export function SignedLinkPanel({ recordPath, request }: { recordPath: string; request: SignedForwardRequest }) {
  const origin = useOrigin();
  const url = `${origin}${signedRequestPath(recordPath, request)}`;
  return (
    <section aria-label="Signed claim link" className="space-y-2 rounded-md border border-teal-200 bg-teal-50 p-3 text-sm">
      <p className="font-medium text-teal-950">Signed. Send this link to the clerk: their wallet submits your claim and pays the fee.</p>
      <p className="text-teal-900">
        It can only claim this token for this wallet, once, until {formatTimestamp(BigInt(request.deadline))}. Nothing has been sent yet.
      </p>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        {origin && <QrCode value={url} label="QR code of the signed claim link" size={200} />}
        <div className="flex min-w-0 items-start gap-2">
          <span className="mono break-all text-xs" data-testid="signed-claim-link">
            {url}
          </span>
          <CopyButton value={url} label="Copy signed link" />
        </div>
      </div>
    </section>
  );
}
