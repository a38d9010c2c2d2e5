"use client";

import { paymentsQuery, recordTokensQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import type { Hex } from "viem";
import { useWalletAccount } from "@/hooks/wallet";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Loading } from "@/components/ui/Skeleton";
import { type RecordInfo, roleOfToken } from "@/lib/reads/records";
import { PaymentItem } from "./PaymentItem";
import { walletPart } from "@/components/wallet/WithWallet";
import { useRecordChainId } from "@/components/records/RecordChainContext";

/** Only a connected party sees the form: its code (and the wallet's) loads then. */
const RequestPaymentForm = walletPart(() => import("./RequestPaymentForm.wallet").then((m) => m.RequestPaymentForm));

/** Payment signals between the record's parties: claimants who still hold their tokens, as the contract checks. */
export function PaymentsPanel({ integraHash, record }: { integraHash: Hex; record: RecordInfo }) {
  const chainId = useRecordChainId();
  const { address } = useWalletAccount();
  const payments = useQuery(paymentsQuery(chainId, integraHash, record.registeredBlock));
  const tokens = useQuery(recordTokensQuery(chainId, integraHash, record.tokenizer, record.registeredBlock));
  if (payments.isPending) return <Loading label="Reading payment requests…" />;
  if (payments.isError) return <ErrorNotice error={payments.error} />;
  const held = (tokens.data?.tokens ?? []).filter((t) => t.party).map((t) => ({ tokenId: t.tokenId, holder: t.reservedFor, role: t.role }));
  const mine = held.filter((t) => t.holder.toLowerCase() === address?.toLowerCase());
  const others = held.filter((t) => t.holder.toLowerCase() !== address?.toLowerCase());
  const roleOf = (tokenId: bigint) => roleOfToken(tokens.data, tokenId);
  return (
    <div className="space-y-3">
      {payments.data.length === 0 ? (
        <p className="text-sm text-slate-600">No payment requests on this record.</p>
      ) : (
        <ul className="space-y-3">
          {payments.data.map((p) => (
            <PaymentItem key={p.paymentId.toString()} integraHash={integraHash} payment={p} roleOf={roleOf} />
          ))}
        </ul>
      )}
      {mine.length > 0 && others.length > 0 && <RequestPaymentForm integraHash={integraHash} mine={mine} others={others} />}
      {address && mine.length === 0 && (
        <p className="text-xs text-slate-500">Only parties of this record (who claimed a token and still hold it) can request payments.</p>
      )}
    </div>
  );
}
