"use client";

import { capabilitiesQuery, recordTokensQuery } from "@/hooks/queries";
import { tokenLabel } from "@/lib/format/token";
import { type RecordInfo, roleOfToken } from "@/lib/reads/records";
import { operations } from "@/hooks/operations";
import type { TransactionRequest } from "@/hooks/useTransaction.wallet";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { Hex } from "viem";
import { useWalletAccount } from "@/hooks/wallet";
import { AddressText } from "@/components/ui/AddressText";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Loading } from "@/components/ui/Skeleton";
import { CAPABILITY } from "@/lib/capabilities";
import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";
import { useRecordChainId } from "@/components/records/RecordChainContext";

const NAMES: [bigint, string][] = [
  [CAPABILITY.CLAIM, "claim"],
  [CAPABILITY.TRANSFER, "transfer"],
  [CAPABILITY.REQUEST_PAYMENT, "request payment"],
  [CAPABILITY.APPROVE_PAYMENT, "approve payment"],
];

export interface CapabilityListProps {
  integraHash: Hex;
  record: RecordInfo;
}

/** Revoke, for the wallet that issued a capability; given by CapabilityListRevoke, which loads with the wallet. */
export interface CapabilityRevocation {
  busy: boolean;
  send: (request: TransactionRequest) => void;
  status: ReactNode;
}

/** The list itself; Revoke only when `revoke` is given (a wallet is connected). */
export function CapabilityList({ integraHash, record, revoke }: CapabilityListProps & { revoke?: CapabilityRevocation }) {
  const chainId = useRecordChainId();
  const { address } = useWalletAccount();
  const capabilities = useQuery(capabilitiesQuery(chainId, { integraHash, fromBlock: record.registeredBlock }));
  const tokens = useQuery(recordTokensQuery(chainId, integraHash, record.tokenizer, record.registeredBlock));
  const roleOf = (tokenId: bigint) => roleOfToken(tokens.data, tokenId);
  if (capabilities.isPending) return <Loading label="Reading capability attestations…" />;
  if (capabilities.isError) return <ErrorNotice error={capabilities.error} />;
  const { capabilities: list, now } = capabilities.data;
  if (list.length === 0) return <p className="text-sm text-slate-600">No capabilities issued for this record yet.</p>;
  return (
    <div className="space-y-3">
      <ul className="space-y-2 text-sm">
        {list.map((c) => {
          const state = c.revocationTime !== 0n ? "revoked" : c.expirationTime !== 0n && c.expirationTime <= now ? "expired" : "active";
          const mine = address?.toLowerCase() === c.attester.toLowerCase();
          return (
            <li key={c.uid} className="flex flex-wrap items-center gap-x-2 gap-y-1 border-t border-slate-100 pt-2">
              <span className="font-medium">{c.tokenId === 0n ? "Any token" : tokenLabel(c.tokenId, roleOf(c.tokenId))}</span>
              <span className="text-slate-500">to</span> <AddressText address={c.recipient} />
              <span className="text-slate-600">
                (
                {NAMES.filter(([bit]) => (c.capabilities & bit) !== 0n)
                  .map(([, n]) => n)
                  .join(", ")}
                )
              </span>
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-semibold ${state === "active" ? "bg-emerald-100 text-emerald-900" : "bg-slate-200 text-slate-700"}`}
              >
                {state}
              </span>
              {c.expirationTime !== 0n && <span className="text-xs text-slate-500">expires {formatTimestamp(c.expirationTime)}</span>}
              <span className="mono text-xs text-slate-500" title={c.uid}>
                {shortHex(c.uid, 8, 4)}
              </span>
              {revoke && mine && state === "active" && (
                <button
                  type="button"
                  disabled={revoke.busy}
                  className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50"
                  onClick={() =>
                    revoke.send(
                      operations.revokeCapability({ chainId, integraHash, uid: c.uid, tokenId: c.tokenId, recipient: c.recipient }),
                    )
                  }
                >
                  Revoke
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {revoke?.status}
    </div>
  );
}
