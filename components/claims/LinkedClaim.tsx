"use client";

import { recordQuery, recordTokensQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Notice } from "@/components/ui/Notice";
import { Loading } from "@/components/ui/Skeleton";
import type { Capability } from "@/lib/reads/capabilities";
import { ClaimCard } from "./ClaimCardPart";

/** The token a claim link points at, on the chain it names, whoever it is reserved for. */
export function LinkedClaim({
  integraHash,
  tokenId,
  chainId,
  account,
  capabilities,
  now,
}: {
  integraHash: Hex;
  tokenId: bigint;
  chainId: number;
  account: Address;
  capabilities: Capability[];
  now: bigint;
}) {
  const record = useQuery(recordQuery(chainId, integraHash));
  const tokens = useQuery(recordTokensQuery(chainId, integraHash, record.data?.tokenizer));
  if (record.isPending || (record.isSuccess && tokens.isPending)) return <Loading label="Reading the token this link points at…" />;
  const error = record.error ?? tokens.error;
  if (error) return <ErrorNotice error={error} />;
  const token = tokens.data?.tokens.find((t) => t.tokenId === tokenId);
  if (!record.data || !token) {
    return (
      <Notice tone="warning" title="Nothing to claim here">
        Token #{tokenId.toString()} of this record has never been reserved. Check the link with the clerk.
      </Notice>
    );
  }
  return (
    <ClaimCard
      token={{ ...token, integraHash, tokenizer: record.data.tokenizer }}
      capabilities={capabilities}
      now={now}
      account={account}
      chainId={chainId}
    />
  );
}
