"use client";

import { recordTokensQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { Address, Hex } from "viem";
import { useWalletAccount } from "@/hooks/wallet";
import { Notice } from "@/components/ui/Notice";
import { claimLinkPath } from "@/lib/claims/claimLink";
import { tokenLabel } from "@/lib/format/token";
import { useRecordChainId } from "@/components/records/RecordChainContext";

/** Tells a party looking at the record that a token of it waits for their wallet. */
export function WaitingForYou({ integraHash, tokenizer, fromBlock }: { integraHash: Hex; tokenizer: Address; fromBlock: bigint }) {
  const chainId = useRecordChainId();
  const { address } = useWalletAccount();
  const tokens = useQuery(recordTokensQuery(chainId, integraHash, tokenizer, fromBlock));
  const mine = tokens.data?.tokens.filter((t) => t.status === "reserved" && t.reservedFor.toLowerCase() === address?.toLowerCase()) ?? [];
  if (mine.length === 0) return null;
  return (
    <Notice tone="info" title={`A token of this record is waiting for you`}>
      {mine.map((t) => (
        <Link key={t.tokenId.toString()} href={claimLinkPath(integraHash, t.tokenId, chainId)} className="mr-3 font-medium underline">
          Claim {tokenLabel(t.tokenId, t.role, true)}
        </Link>
      ))}
    </Notice>
  );
}
