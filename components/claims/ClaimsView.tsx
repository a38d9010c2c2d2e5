"use client";

import { capabilitiesQuery, reservationsQuery } from "@/hooks/queries";
import { useSearchParams } from "next/navigation";
import type { Address } from "viem";
import { useWalletAccount } from "@/hooks/wallet";
import { ChainNotRead, OnServedChains } from "@/components/OnServedChains";
import { Card } from "@/components/ui/Card";
import { CopyButton } from "@/components/ui/CopyButton";
import { Notice } from "@/components/ui/Notice";
import { type ChainRead, bothOnEachChain, useOnServedChains } from "@/hooks/useOnServedChains";
import { type ClaimLinkTarget, readClaimLink } from "@/lib/claims/claimLink";
import { servedChain, servedChains } from "@/lib/config/servedChains";
import type { Capability } from "@/lib/reads/capabilities";
import type { Reservation } from "@/lib/reads/reservations";
import { ClaimCard } from "./ClaimCardPart";
import { ConnectPrompt } from "./ConnectPrompt";
import { LinkedClaim } from "./LinkedClaim";

/** What the page reads of one chain: the tokens reserved for the wallet there, and its attestations with the chain's time. */
type ClaimsOnChain = ChainRead<{ first: Reservation[]; second: { capabilities: Capability[]; now: bigint } }>;

/**
 * Every token reserved for the connected wallet on every served chain, with the attestations that authorize it
 * (each chain's own, judged by its own clock); a claim link's token first, on the chain the link names.
 */
export function ClaimsView() {
  const params = useSearchParams();
  const { address } = useWalletAccount();
  const reservations = useOnServedChains((chainId) => reservationsQuery(chainId, address));
  const capabilities = useOnServedChains((chainId) => capabilitiesQuery(chainId, address ? { recipient: address } : undefined));
  const reads: ClaimsOnChain[] = bothOnEachChain(reservations, capabilities);
  const link = readClaimLink((name) => params.get(name));

  if (link.kind === "broken") {
    return (
      <Notice tone="error" title="This claim link is broken">
        It should name a record (0x and 64 hexadecimal characters) and a token number. Ask the clerk to send it again.
      </Notice>
    );
  }
  const linked = link.kind === "token" ? link : undefined;
  if (linked && !servedChain(linked.chainId)) {
    return (
      <Notice tone="error" title="This claim link names a chain this app does not read">
        Chain {linked.chainId} is not among the chains this app reads ({servedChains.map((chain) => chain.name).join(", ")}). Check that the
        link was copied whole, or ask the clerk to send it again.
      </Notice>
    );
  }
  if (!address) {
    return (
      <ConnectPrompt
        why={
          linked
            ? "Connect the wallet this token was reserved for, or make an ephemeral wallet and send its address to the clerk."
            : "Connect a wallet to see the tokens reserved for it."
        }
      />
    );
  }
  return (
    <OnServedChains reads={reads} loading="Looking for tokens reserved for your wallet…" what="tokens reserved for you">
      {(answered) => <ClaimsLists reads={reads} answered={answered} linked={linked} account={address} />}
    </OnServedChains>
  );
}

/** The link's token, then the wallet's tokens still to claim, then those claimed, across the chains that answered. */
function ClaimsLists({
  reads,
  answered,
  linked,
  account,
}: {
  reads: readonly ClaimsOnChain[];
  answered: readonly ClaimsOnChain[];
  linked: ClaimLinkTarget | undefined;
  account: Address;
}) {
  const isLinked = (chainId: number, token: Reservation) =>
    linked !== undefined &&
    chainId === linked.chainId &&
    token.integraHash.toLowerCase() === linked.integraHash &&
    token.tokenId === linked.tokenId;
  const others = answered.flatMap(({ chain, data }) =>
    data ? data.first.filter((token) => !isLinked(chain.id, token)).map((token) => ({ chainId: chain.id, token, ...data.second })) : [],
  );
  const waiting = others.filter(({ token }) => token.status === "reserved");
  const claimed = others.filter(({ token }) => token.status === "claimed");
  const linkedRead = linked && reads.find((read) => read.chain.id === linked.chainId);
  const card = ({ chainId, token, capabilities, now }: (typeof others)[number]) => (
    <ClaimCard
      key={`${chainId}-${token.tokenizer}-${token.integraHash}-${token.tokenId}`}
      token={token}
      capabilities={capabilities}
      now={now}
      account={account}
      chainId={chainId}
    />
  );

  return (
    <div className="space-y-4">
      {linked && linkedRead && (
        <section aria-label="The token from your link" className="space-y-2">
          <h2 className="text-base font-semibold">From your link</h2>
          {linkedRead.data ? (
            <LinkedClaim
              integraHash={linked.integraHash}
              tokenId={linked.tokenId}
              chainId={linked.chainId}
              account={account}
              capabilities={linkedRead.data.second.capabilities}
              now={linkedRead.data.second.now}
            />
          ) : (
            <ChainNotRead read={linkedRead} what="token of this link and its attestations" />
          )}
        </section>
      )}
      <section aria-label="Waiting for you" className="space-y-2">
        <h2 className="text-base font-semibold">Waiting for you ({waiting.length})</h2>
        {waiting.length === 0 ? (
          <Card>
            <p className="text-sm text-slate-600">
              No tokens are reserved for this wallet{linked ? " besides the one above" : ""}. Your address, to send to the clerk:
            </p>
            <p className="mt-1 flex items-center gap-2">
              <span className="mono break-all text-sm">{account}</span>
              <CopyButton value={account} />
            </p>
          </Card>
        ) : (
          waiting.map(card)
        )}
      </section>
      {claimed.length > 0 && (
        <section aria-label="Claimed" className="space-y-2">
          <h2 className="text-base font-semibold">Claimed ({claimed.length})</h2>
          {claimed.map(card)}
        </section>
      )}
    </div>
  );
}
