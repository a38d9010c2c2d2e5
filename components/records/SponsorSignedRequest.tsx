"use client";

import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Hex } from "viem";
import { signedRequestChecksQuery } from "@/hooks/queries";
import { useWalletAccount } from "@/hooks/wallet";
import { Field } from "@/components/ui/Field";
import { Notice } from "@/components/ui/Notice";
import { walletPart } from "@/components/wallet/WithWallet";
import { useUrlFragment } from "@/hooks/useUrlFragment";
import { type SignedForwardRequest } from "@/lib/forwarder/forwardRequest";
import { parseSignedRequest } from "@/lib/forwarder/signedRequestLink";
import { shortHex } from "@/lib/format/hex";
import { useRecordChainId } from "@/components/records/RecordChainContext";

/** Submitting takes a wallet: its code loads once one is connected. */
const SubmitSignedRequest = walletPart(() => import("./SubmitSignedRequest.wallet").then((m) => m.SubmitSignedRequest));

/**
 * A party's signed claim, opened from their link (or pasted): every check in words, then the connected
 * wallet submits it through the forwarder and pays the fee. The party needs no ether and the two wallets are
 * never linked by a transfer.
 */
export function SponsorSignedRequest({ integraHash }: { integraHash: Hex }) {
  const fragment = useUrlFragment();
  const [pasted, setPasted] = useState("");
  const [pastedLink, setPastedLink] = useState<string>();
  const fromUrl = parseSignedRequest(fragment);
  const parsed = pastedLink !== undefined ? parseSignedRequest(pastedLink) : fromUrl;

  function submitPasted(event: FormEvent) {
    event.preventDefault();
    setPastedLink(pasted);
  }

  return (
    <div className="space-y-3">
      {parsed.kind === "broken" && (
        <Notice tone="error" title="This signed claim link is broken">
          {parsed.reason}
        </Notice>
      )}
      {parsed.kind === "ok" && <SignedRequestChecks integraHash={integraHash} request={parsed.request} />}
      <form onSubmit={submitPasted} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <Field
          className="flex-1"
          id="signed-link"
          label="Signed claim link from a party"
          placeholder="https://…#signed=…"
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
        />
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-2 text-sm">
          Check the link
        </button>
      </form>
    </div>
  );
}

function SignedRequestChecks({ integraHash, request }: { integraHash: Hex; request: SignedForwardRequest }) {
  const chainId = useRecordChainId();
  const { address } = useWalletAccount();
  const checks = useQuery(signedRequestChecksQuery(chainId, request));

  if (checks.isPending)
    return (
      <p role="status" className="text-sm text-slate-600">
        Checking the signed request against the chain…
      </p>
    );
  if (checks.isError)
    return (
      <Notice tone="error" title="Could not check the signed request">
        {String(checks.error.message)}
      </Notice>
    );
  const result = checks.data;
  // A link sponsors a claim on this record only: what the clerk pays for is what the page is about.
  const notAClaim = result.call !== undefined && result.call.contract !== "tokenizer";
  const otherRecord = result.call?.contract === "tokenizer" && result.call.integraHash.toLowerCase() !== integraHash.toLowerCase();
  const submittable = result.ok && !otherRecord && !notAClaim;

  return (
    <section aria-label="Signed request from a party" className="space-y-2 rounded-md border border-slate-200 p-3 text-sm">
      <p className="font-medium">
        A signed request from <span className="mono">{shortHex(request.from)}</span>: no ether needed from them; whoever submits it pays the
        fee.
      </p>
      <ul className="space-y-1" aria-label="Checks of the signed request">
        {result.checks.map((check) => (
          <li key={check.id} className={check.ok ? "text-emerald-800" : "text-red-800"}>
            <span aria-hidden>{check.ok ? "✓ " : "✗ "}</span>
            <span className="sr-only">{check.ok ? "Passed: " : "Failed: "}</span>
            {check.text}
          </li>
        ))}
      </ul>
      {otherRecord && (
        <Notice tone="warning" title="For another record">
          This request claims a token of record {shortHex(result.call?.contract === "tokenizer" ? result.call.integraHash : "", 10, 6)}, not
          this one.
        </Notice>
      )}
      {notAClaim && (
        <Notice tone="warning" title="Not a claim">
          Only claims are sponsored from a link; this request would {result.call?.words.toLowerCase()}. Ask the party to use the relayer or
          pay for it themselves.
        </Notice>
      )}
      {address ? (
        <SubmitSignedRequest
          integraHash={integraHash}
          request={request}
          words={result.call?.words}
          submittable={submittable}
          onSubmitted={() => void checks.refetch()}
        />
      ) : (
        submittable && <p className="text-slate-600">Connect your wallet to submit it; your wallet pays the network fee.</p>
      )}
    </section>
  );
}
