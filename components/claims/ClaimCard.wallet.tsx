"use client";

import { relayerInfoQuery } from "@/hooks/queries";
import { operations } from "@/hooks/operations";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { type Address, type Hex, zeroHash } from "viem";
import { useBalance } from "wagmi";
import { TransactionStatus } from "@/components/TransactionStatus";
import { AddressText } from "@/components/ui/AddressText";
import { Field } from "@/components/ui/Field";
import { recordHref } from "@/components/records/recordHref";
import { useSignForwarded } from "@/hooks/useSignForwarded.wallet";
import { useTransaction } from "@/hooks/useTransaction.wallet";
import { type ClaimState, claimStateOf, judgeAttestation } from "@/lib/claims/claimability";
import { onChainWords } from "@/lib/config/servedChains";
import { APP_CHAIN_ID } from "@/lib/config/appChain";
import { factsOn } from "@/lib/contracts";
import { parseBytes32, shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";
import { tokenLabel } from "@/lib/format/token";
import type { Capability } from "@/lib/reads/capabilities";
import { SignedLinkPanel } from "./SignedLinkPanel";
import { type ClaimPayer, WhoPays, ruledPayer } from "./WhoPays";

export interface ClaimableToken {
  integraHash: Hex;
  tokenizer: Address;
  tokenId: bigint;
  amount: bigint;
  processHash: Hex;
  status: string;
  reservedFor: Address;
  /** The role it was reserved in ("Seller"); empty for none. */
  role: string;
}

function stateText(state: ClaimState): { tone: string; text: string } {
  switch (state.kind) {
    case "claimable":
      return { tone: "text-emerald-800", text: "Ready to claim." };
    case "claimed":
      return { tone: "text-emerald-800", text: "Already claimed: this token is in the wallet that claimed it." };
    case "other-wallet":
      return {
        tone: "text-amber-800",
        text: `Reserved for another wallet (${shortHex(state.reservedFor)}). Connect that wallet to claim it, or import its key on the Ephemeral wallet page.`,
      };
    case "not-reserved":
      return { tone: "text-amber-800", text: "Not reserved (never reserved, or the reservation was cancelled)." };
    case "no-attestation":
      return {
        tone: "text-amber-800",
        text: "No attestation yet: the record's owner or executor has not issued you the CLAIM capability. Ask the clerk.",
      };
    case "blocked":
      return { tone: "text-red-800", text: `Cannot be claimed yet: ${state.reason} Ask the clerk for a new attestation.` };
  }
}

/**
 * One token for the connected wallet: its status, the attestations that authorize it, and Claim, on the record's chain
 * `chainId` (the default chain's unless named): the claim is sent, or signed for the clerk, there.
 */
export function ClaimCard({
  token,
  capabilities,
  now,
  account,
  chainId = APP_CHAIN_ID,
}: {
  token: ClaimableToken;
  capabilities: Capability[];
  now: bigint;
  account: Address;
  chainId?: number;
}) {
  const tx = useTransaction();
  const signer = useSignForwarded();
  const relayer = useQuery(relayerInfoQuery(chainId));
  const balance = useBalance({ address: account, chainId });
  const [chosenPayer, setChosenPayer] = useState<ClaimPayer>();
  /** The claim, encoded as every write is: sent, or signed for the clerk; only the attestation it names varies. */
  const claimRequest = (uid: Hex) =>
    operations.claimToken({
      chainId,
      integraHash: token.integraHash,
      tokenizer: token.tokenizer,
      tokenId: token.tokenId,
      uid,
      processHash: token.processHash,
      account,
    });
  // Whether a relayer sponsors a claim depends on its tokenizer, not on the attestation it names.
  const payer = chosenPayer ?? ruledPayer(claimRequest(zeroHash).sponsored, relayer.data, balance.data?.value);
  const [manualUid, setManualUid] = useState("");
  const [manualError, setManualError] = useState<string>();
  const state = claimStateOf(token, capabilities, account, now);
  const { tone, text } = stateText(state);
  const { tokenizers, tokenizerKindOf } = factsOn(chainId);
  const kind = tokenizerKindOf(token.tokenizer);
  const relevant = capabilities.filter(
    (c) => c.integraHash.toLowerCase() === token.integraHash.toLowerCase() && (c.tokenId === 0n || c.tokenId === token.tokenId),
  );

  function claim(uid: Hex) {
    const request = claimRequest(uid);
    if (payer === "clerk") return signer.sign(request);
    // Not yet decided on screen (still reading): the engine applies the same rule when it sends.
    return tx.send(request, { payer: payer ?? "auto" });
  }
  const busy = tx.busy || signer.state.phase === "checking" || signer.state.phase === "awaiting-signature";
  const name = tokenLabel(token.tokenId, token.role);
  // With several chains served, a card names the chain its token is on (the claim is sent there).
  const onChain = onChainWords(chainId);
  const actionLabel = `${payer === "clerk" ? "Sign a claim link for" : "Claim"} ${tokenLabel(token.tokenId, token.role, true)}`;

  function submitManual(event: FormEvent) {
    event.preventDefault();
    const uid = parseBytes32(manualUid);
    if (!uid) return setManualError("An attestation UID is 0x followed by 64 hexadecimal characters.");
    setManualError(undefined);
    void claim(uid);
  }

  return (
    <article
      aria-label={`${name} of record ${shortHex(token.integraHash)}${onChain}`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">
          {name} of{" "}
          <Link href={recordHref(token.integraHash, chainId)} className="mono text-teal-800 underline">
            record {shortHex(token.integraHash, 10, 6)}
          </Link>
          {onChain && <span className="font-normal text-slate-600">{onChain}</span>}
        </h3>
        <span className="text-sm text-slate-500">
          {kind ? tokenizers[kind].name : "Tokenizer"} · amount {token.amount.toString()}
        </span>
      </div>
      <p className={`text-sm font-medium ${tone}`} role="status">
        {text}
      </p>
      {relevant.length > 0 && (
        <div>
          <h4 className="text-sm font-medium text-slate-700">Attestations for you</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {relevant.map((c) => {
              const verdict = judgeAttestation(c, { integraHash: token.integraHash, tokenId: token.tokenId, account, now });
              return (
                <li key={c.uid} className="flex flex-wrap items-center gap-2">
                  <span className="mono" title={c.uid}>
                    {shortHex(c.uid, 10, 6)}
                  </span>
                  <span className="text-slate-500">by</span> <AddressText address={c.attester} />
                  {c.expirationTime !== 0n && <span className="text-slate-500">expires {formatTimestamp(c.expirationTime)}</span>}
                  <span className={verdict.usable ? "text-emerald-800" : "text-red-800"}>{verdict.usable ? "valid" : verdict.reason}</span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {state.kind !== "claimed" && state.kind !== "other-wallet" && (
        <WhoPays
          name={`payer-${token.integraHash}-${token.tokenId}`}
          value={payer}
          onChange={(next) => {
            setChosenPayer(next);
            signer.reset();
          }}
          relayer={relayer.data}
          balance={balance.data?.value}
        />
      )}
      {state.kind === "claimable" && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void claim(state.uid)}
          className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50"
        >
          {actionLabel}
        </button>
      )}
      {state.kind !== "claimed" && (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">Claim with a specific attestation UID</summary>
          <form onSubmit={submitManual} className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-end">
            <Field
              className="flex-1"
              id={`uid-${token.integraHash}-${token.tokenId}`}
              label="Attestation UID"
              placeholder="0x…"
              value={manualUid}
              error={manualError}
              onChange={(e) => setManualUid(e.target.value)}
            />
            <button type="submit" disabled={busy} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
              {payer === "clerk" ? "Sign a claim link with this UID" : "Claim with this UID"}
            </button>
          </form>
        </details>
      )}
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
      {signer.state.phase === "checking" && (
        <p role="status" className="text-sm text-slate-600">
          Checking the claim before you sign…
        </p>
      )}
      {signer.state.phase === "awaiting-signature" && (
        <p role="status" className="text-sm text-slate-600">
          Sign the claim request in your wallet (this costs nothing).
        </p>
      )}
      {signer.state.phase === "failed" && (
        <TransactionStatus
          state={{ phase: "failed", label: `Sign a claim link for token #${token.tokenId}`, error: signer.state.error }}
          onDismiss={signer.reset}
        />
      )}
      {signer.state.phase === "signed" && (
        <SignedLinkPanel recordPath={recordHref(token.integraHash, chainId)} request={signer.state.request} />
      )}
    </article>
  );
}
