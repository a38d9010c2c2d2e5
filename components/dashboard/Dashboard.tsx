"use client";

import dynamic from "next/dynamic";
import { myRecordsQuery, offersQuery, reservationsQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useWalletAccount } from "@/hooks/wallet";
import { Card } from "@/components/ui/Card";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Loading } from "@/components/ui/Skeleton";
import { tokenizerKindOf, tokenizers } from "@/lib/deployment";
import { tokenLabel } from "@/lib/format/token";
import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";
import { RecentActivity } from "./RecentActivity";

// Shown to a connected wallet only: the escrow's readers and ABI load then.
const EscrowsWaiting = dynamic(() => import("./EscrowsWaiting").then((m) => m.EscrowsWaiting));

/** The connected wallet's records and the tokens waiting for it. */
export function Dashboard() {
  const { address } = useWalletAccount();
  const records = useQuery(myRecordsQuery(address));
  const reservations = useQuery(reservationsQuery(address));
  const offers = useQuery(offersQuery(address));
  if (!address) {
    return (
      <Card title="Your records and tokens">
        <p className="text-sm text-slate-600">
          Connect a wallet to see the records you own and the tokens reserved for you. Reading and verifying need no wallet.
        </p>
      </Card>
    );
  }
  const waiting = reservations.data?.filter((r) => r.status === "reserved") ?? [];
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {offers.data && offers.data.length > 0 && (
        <div className="md:col-span-2">
          <Card title={`Records offered to you (${offers.data.length})`} id="offers">
            <ul className="space-y-2 text-sm">
              {offers.data.map((offer) => (
                <li key={offer.integraHash} className="flex flex-wrap items-center gap-x-2">
                  <span className="mono">{shortHex(offer.integraHash, 10, 6)}</span>
                  <span className="text-slate-600">from {shortHex(offer.owner)}</span>
                  <Link className="font-medium text-teal-800 underline" href={`/records/${offer.integraHash}`}>
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
        {reservations.isPending ? (
          <Loading label="Looking for tokens reserved for you…" />
        ) : reservations.isError ? (
          <ErrorNotice error={reservations.error} />
        ) : waiting.length === 0 ? (
          <p className="text-sm text-slate-600">None right now.</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {waiting.map((r) => (
              <li key={`${r.tokenizer}-${r.integraHash}-${r.tokenId}`}>
                <Link className="text-teal-800 underline" href={`/claims?record=${r.integraHash}&token=${r.tokenId}`}>
                  {tokenLabel(r.tokenId, r.role)} of record <span className="mono">{shortHex(r.integraHash, 10, 6)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Records you own" id="my-records">
        {records.isPending ? (
          <Loading label="Looking for your records…" />
        ) : records.isError ? (
          <ErrorNotice error={records.error} />
        ) : records.data.length === 0 ? (
          <p className="text-sm text-slate-600">
            You own no records yet.{" "}
            <Link href="/register" className="underline">
              Register a document
            </Link>
            .
          </p>
        ) : (
          <ul className="space-y-2 text-sm">
            {records.data.map(({ integraHash, record }) => {
              const kind = tokenizerKindOf(record.tokenizer);
              return (
                <li key={integraHash}>
                  <Link className="mono text-teal-800 underline" href={`/records/${integraHash}`}>
                    {shortHex(integraHash, 10, 6)}
                  </Link>
                  <span className="text-slate-500">
                    {" "}
                    · {kind ? tokenizers[kind].name : "no tokens"} · {formatTimestamp(record.registeredAt)}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      <div className="md:col-span-2">
        <Card title="Escrows waiting for you" id="escrows-waiting">
          <EscrowsWaiting account={address} />
        </Card>
      </div>
    </div>
  );
}
