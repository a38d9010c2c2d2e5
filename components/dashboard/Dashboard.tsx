"use client";

import dynamic from "next/dynamic";
import { myRecordsQuery, offersQuery, reservationsQuery } from "@/hooks/queries";
import Link from "next/link";
import { useWalletAccount } from "@/hooks/wallet";
import { OnServedChains } from "@/components/OnServedChains";
import { SEVERAL_CHAINS, onChainWords } from "@/lib/config/servedChains";
import { recordHref } from "@/components/records/recordHref";
import { Card } from "@/components/ui/Card";
import { rowsOnChains, useOnServedChains } from "@/hooks/useOnServedChains";
import { claimLinkPath } from "@/lib/claims/claimLink";
import { factsOn } from "@/lib/deployment";
import { tokenLabel } from "@/lib/format/token";
import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";
import { RecentActivity } from "./RecentActivity";

// Shown to a connected wallet only: the escrow's readers and ABI load then.
const EscrowsWaiting = dynamic(() => import("./EscrowsWaiting").then((m) => m.EscrowsWaiting));

/** The connected wallet's records and the tokens waiting for it, on every served chain. */
export function Dashboard() {
  const { address } = useWalletAccount();
  const records = useOnServedChains((chainId) => myRecordsQuery(chainId, address));
  const reservations = useOnServedChains((chainId) => reservationsQuery(chainId, address));
  const offers = rowsOnChains(useOnServedChains((chainId) => offersQuery(chainId, address)));
  if (!address) {
    return (
      <Card title="Your records and tokens">
        <p className="text-sm text-slate-600">
          Connect a wallet to see the records you own and the tokens reserved for you. Reading and verifying need no wallet.
        </p>
      </Card>
    );
  }
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {offers.length > 0 && (
        <div className="md:col-span-2">
          <Card title={`Records offered to you (${offers.length})`} id="offers">
            <ul className="space-y-2 text-sm">
              {offers.map(({ chainId, row: offer }) => (
                <li key={`${chainId}:${offer.integraHash}`} className="flex flex-wrap items-center gap-x-2">
                  <span className="mono">{shortHex(offer.integraHash, 10, 6)}</span>
                  <span className="text-slate-600">
                    from {shortHex(offer.owner)}
                    {onChainWords(chainId)}
                  </span>
                  <Link className="font-medium text-teal-800 underline" href={recordHref(offer.integraHash, chainId)}>
                    Review and accept
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      )}
      <div className="md:col-span-2">
        <Card title="Recent activity" id="activity">
          <RecentActivity account={address} />
        </Card>
      </div>
      <Card title="Tokens waiting for you" id="waiting">
        <OnServedChains reads={reservations} loading="Looking for tokens reserved for you…" what="tokens reserved for you">
          {(answered) => {
            const waiting = rowsOnChains(answered).filter(({ row }) => row.status === "reserved");
            return waiting.length === 0 ? (
              <p className="text-sm text-slate-600">None right now.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {waiting.map(({ chainId, row: r }) => (
                  <li key={`${chainId}-${r.tokenizer}-${r.integraHash}-${r.tokenId}`}>
                    <Link className="text-teal-800 underline" href={claimLinkPath(r.integraHash, r.tokenId, chainId)}>
                      {tokenLabel(r.tokenId, r.role)} of record <span className="mono">{shortHex(r.integraHash, 10, 6)}</span>
                    </Link>
                    {SEVERAL_CHAINS && <span className="text-slate-500">{onChainWords(chainId)}</span>}
                  </li>
                ))}
              </ul>
            );
          }}
        </OnServedChains>
      </Card>
      <Card title="Records you own" id="my-records">
        <OnServedChains reads={records} loading="Looking for your records…" what="records you own">
          {(answered) => {
            const owned = rowsOnChains(answered);
            return owned.length === 0 ? (
              <p className="text-sm text-slate-600">
                You own no records yet.{" "}
                <Link href="/register" className="underline">
                  Register a document
                </Link>
                .
              </p>
            ) : (
              <ul className="space-y-2 text-sm">
                {owned.map(({ chainId, row: { integraHash, record } }) => {
                  // A chain's rows exist only once it was read, so its deployment is known.
                  const { tokenizers, tokenizerKindOf } = factsOn(chainId);
                  const kind = tokenizerKindOf(record.tokenizer);
                  return (
                    <li key={`${chainId}:${integraHash}`}>
                      <Link className="mono text-teal-800 underline" href={recordHref(integraHash, chainId)}>
                        {shortHex(integraHash, 10, 6)}
                      </Link>
                      <span className="text-slate-500">
                        {" "}
                        · {kind ? tokenizers[kind].name : "no tokens"} · {formatTimestamp(record.registeredAt)}
                        {onChainWords(chainId)}
                      </span>
                    </li>
                  );
                })}
              </ul>
            );
          }}
        </OnServedChains>
      </Card>
      <div className="md:col-span-2">
        <Card title="Escrows waiting for you" id="escrows-waiting">
          <EscrowsWaiting account={address} />
        </Card>
      </div>
    </div>
  );
}
