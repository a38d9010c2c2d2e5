"use client";

import { recordTokensQuery } from "@/hooks/queries";
import { operations } from "@/hooks/operations";
import { useQuery } from "@tanstack/react-query";
import type { Hex } from "viem";
import { AddressText } from "@/components/ui/AddressText";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Loading } from "@/components/ui/Skeleton";
import { Fragment } from "react";
import { TransactionStatus } from "@/components/TransactionStatus";
import { formatTimestamp } from "@/lib/format/time";
import { tokenLabel } from "@/lib/format/token";
import { IssueCapability } from "./IssueCapability";
import { useTransaction } from "@/hooks/useTransaction";
import type { RecordInfo } from "@/lib/reads/records";

const STATUS_STYLE = {
  reserved: "bg-amber-100 text-amber-900",
  claimed: "bg-emerald-100 text-emerald-900",
  cancelled: "bg-slate-200 text-slate-700",
  none: "bg-slate-100 text-slate-600",
} as const;

/** The record's tokens, n of m claimed, and (for the owner or executor) cancelling a reservation. */
export function TokensTable({ integraHash, record, canAdminister }: { integraHash: Hex; record: RecordInfo; canAdminister: boolean }) {
  const tokens = useQuery(recordTokensQuery(integraHash, record.tokenizer, record.registeredBlock));
  const tx = useTransaction();

  if (tokens.isPending) return <Loading label="Reading tokens…" />;
  if (tokens.isError) return <ErrorNotice error={tokens.error} />;
  const { tokens: rows, claimed, reserved, complete, completedAt, sealed, parties } = tokens.data;
  return (
    <div className="space-y-3">
      <p className="text-sm" aria-live="polite">
        <strong>
          {claimed} of {reserved}
        </strong>{" "}
        reserved tokens claimed
        {complete && (
          <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">
            Agreement complete{completedAt !== undefined && ` since ${formatTimestamp(completedAt)}`}
          </span>
        )}
      </p>
      {rows.length > 0 && (
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          {sealed ? (
            <span>
              Party set fixed: {parties} token{parties === 1 ? "" : "s"}. The agreement completes when every one of them is claimed.
            </span>
          ) : (
            <span>
              Party set still open: the agreement cannot complete until it is fixed, so a party who claims early cannot complete it alone.
            </span>
          )}
          {!sealed && canAdminister && (
            <button
              type="button"
              disabled={tx.busy}
              className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50"
              onClick={() => tx.send(operations.sealParties({ integraHash, tokenizer: record.tokenizer, parties: reserved }))}
            >
              Fix the party set
            </button>
          )}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No tokens reserved yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Token
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Reserved for / holder
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Amount
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Status
                </th>
                {canAdminister && (
                  <th scope="col" className="py-1 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Fragment key={row.tokenId.toString()}>
                  <tr className="border-t border-slate-100">
                    <td className="py-2 pr-3 font-medium">
                      #{row.tokenId.toString()}
                      {row.role && (
                        <>
                          {" "}
                          <span className="font-normal text-slate-700">{row.role}</span>
                        </>
                      )}
                    </td>
                    <td className="py-2 pr-3">
                      <AddressText address={row.reservedFor} />
                    </td>
                    <td className="py-2 pr-3">{row.amount.toString()}</td>
                    <td className="py-2 pr-3">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[row.status]}`}>{row.status}</span>
                    </td>
                    {canAdminister && (
                      <td className="py-2">
                        {row.status === "reserved" && (
                          <button
                            type="button"
                            disabled={tx.busy}
                            onClick={() =>
                              tx.send(operations.cancelReservation({ integraHash, tokenizer: record.tokenizer, tokenId: row.tokenId }))
                            }
                            className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50"
                          >
                            Cancel reservation
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                  {canAdminister && row.status === "reserved" && (
                    <tr>
                      <td colSpan={5} className="pb-3">
                        <details>
                          <summary className="cursor-pointer text-sm text-teal-800">
                            Capability and claim link for {tokenLabel(row.tokenId, row.role, true)}
                          </summary>
                          <IssueCapability
                            integraHash={integraHash}
                            tokenId={row.tokenId}
                            recipient={row.reservedFor}
                            processHash={row.processHash}
                          />
                        </details>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
    </div>
  );
}
