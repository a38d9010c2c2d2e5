"use client";

import { capabilitiesQuery, reservationsQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useWalletAccount } from "@/hooks/wallet";
import { Card } from "@/components/ui/Card";
import { CopyButton } from "@/components/ui/CopyButton";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import { parseBytes32 } from "@/lib/format/hex";
import { ClaimCard } from "./ClaimCardPart";
import { ConnectPrompt } from "./ConnectPrompt";
import { LinkedClaim } from "./LinkedClaim";

/** Every token reserved for the connected wallet, with the attestations that authorize it; a claim link's token first. */
export function ClaimsView() {
  const params = useSearchParams();
  const { address } = useWalletAccount();
  const reservations = useQuery(reservationsQuery(address));
  const capabilities = useQuery(capabilitiesQuery(address ? { recipient: address } : undefined));
  const linkedHash = params.get("record") ? parseBytes32(params.get("record") ?? "") : undefined;
  const linkedToken = params.get("token") && /^\d+$/.test(params.get("token") ?? "") ? BigInt(params.get("token") ?? "0") : undefined;
  const badLink = (params.get("record") && !linkedHash) || (params.get("token") && linkedToken === undefined);

  if (badLink) {
    return (
      <Notice tone="error" title="This claim link is broken">
        It should name a record (0x and 64 hexadecimal characters) and a token number. Ask the clerk to send it again.
      </Notice>
    );
  }
  if (!address) {
    return (
      <ConnectPrompt
        why={
          linkedHash
            ? "Connect the wallet this token was reserved for, or make an ephemeral wallet and send its address to the clerk."
            : "Connect a wallet to see the tokens reserved for it."
        }
      />
    );
  }
  if (reservations.isPending || capabilities.isPending) return <Loading label="Looking for tokens reserved for your wallet…" />;
  const error = reservations.error ?? capabilities.error;
  if (error) return <ErrorNotice error={error} />;
  const { capabilities: caps, now } = capabilities.data!;
  const others = reservations.data!.filter((r) => !(linkedHash && r.integraHash.toLowerCase() === linkedHash && r.tokenId === linkedToken));
  const waiting = others.filter((r) => r.status === "reserved");
  const claimed = others.filter((r) => r.status === "claimed");

  return (
    <div className="space-y-4">
      {linkedHash && linkedToken !== undefined && (
        <section aria-label="The token from your link" className="space-y-2">
          <h2 className="text-base font-semibold">From your link</h2>
          <LinkedClaim integraHash={linkedHash} tokenId={linkedToken} account={address} capabilities={caps} now={now} />
        </section>
      )}
      <section aria-label="Waiting for you" className="space-y-2">
        <h2 className="text-base font-semibold">Waiting for you ({waiting.length})</h2>
        {waiting.length === 0 ? (
          <Card>
            <p className="text-sm text-slate-600">
              No tokens are reserved for this wallet{linkedHash ? " besides the one above" : ""}. Your address, to send to the clerk:
            </p>
            <p className="mt-1 flex items-center gap-2">
              <span className="mono break-all text-sm">{address}</span>
              <CopyButton value={address} />
            </p>
          </Card>
        ) : (
          waiting.map((r) => (
            <ClaimCard key={`${r.tokenizer}-${r.integraHash}-${r.tokenId}`} token={r} capabilities={caps} now={now} account={address} />
          ))
        )}
      </section>
      {claimed.length > 0 && (
        <section aria-label="Claimed" className="space-y-2">
          <h2 className="text-base font-semibold">Claimed ({claimed.length})</h2>
          {claimed.map((r) => (
            <ClaimCard key={`${r.tokenizer}-${r.integraHash}-${r.tokenId}`} token={r} capabilities={caps} now={now} account={address} />
          ))}
        </section>
      )}
    </div>
  );
}
