"use client";

import { recordProgressQuery, recordTokensQuery } from "@/hooks/queries";
import { operations } from "@/hooks/operations";
import type { TransactionRequest } from "@/hooks/useTransaction.wallet";
import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { AddressText } from "@/components/ui/AddressText";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { Loading } from "@/components/ui/Skeleton";
import { StackedCell } from "@/components/ui/StackedCell";
import { Fragment, type ReactNode } from "react";
import { formatTimestamp } from "@/lib/format/time";
import { displayRole, tokenLabel } from "@/lib/format/token";
import type { RecordInfo, RecordTokens } from "@/lib/reads/records";
import { useRecordChainId } from "@/components/records/RecordChainContext";

const STATUS_STYLE = {
  reserved: "bg-amber-100 text-amber-900",
  claimed: "bg-emerald-100 text-emerald-900",
  cancelled: "bg-slate-200 text-slate-700",
  none: "bg-slate-100 text-slate-600",
} as const;

export interface TokensTableProps {
  integraHash: Hex;
  record: RecordInfo;
}

/** What the owner or executor can do from the table; given by TokensTableAdmin, which loads with the wallet. */
export interface TokenAdministration {
  busy: boolean;
  send: (request: TransactionRequest) => void;
  /** The reserved token's capability and claim link form. */
  issue: (row: { tokenId: bigint; reservedFor: Address; processHash: Hex }) => ReactNode;
  /** The transaction's progress, shown under the table. */
  status: ReactNode;
}

/** The table itself; the actions only when `admin` is given. */
export function TokensTable({ integraHash, record, admin }: TokensTableProps & { admin?: TokenAdministration }) {
  const chainId = useRecordChainId();
  // The status line first (one round trip); the rows need the tokens' events and each token's status.
  const progress = useQuery(recordProgressQuery(chainId, integraHash, record.tokenizer));
  const tokens = useQuery(recordTokensQuery(chainId, integraHash, record.tokenizer, record.registeredBlock));

  const status = tokens.data ?? progress.data;
  if (!status) {
    if (tokens.isError) return <ErrorNotice error={tokens.error} />;
    return <Loading label="Reading tokens…" />;
  }
  const { claimed, reserved, complete } = status;
  const completedAt = tokens.data?.completedAt;
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
      {tokens.isError && <ErrorNotice error={tokens.error} />}
      {!tokens.data ? (
        !tokens.isError && <Loading label="Reading tokens…" />
      ) : (
        <TokenRows integraHash={integraHash} record={record} admin={admin} tokens={tokens.data} />
      )}
    </div>
  );
}

function TokenRows({ integraHash, record, admin, tokens }: TokensTableProps & { admin?: TokenAdministration; tokens: RecordTokens }) {
  const chainId = useRecordChainId();
  const canAdminister = admin !== undefined;
  const { tokens: rows, sealed, parties, reserved } = tokens;
  return (
    <>
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
              disabled={admin.busy}
              className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50"
              onClick={() => admin.send(operations.sealParties({ chainId, integraHash, tokenizer: record.tokenizer, parties: reserved }))}
            >
              Fix the party set
            </button>
          )}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No tokens reserved yet.</p>
      ) : (
        // Below sm each row stacks into "label: value" lines, so the status is never scrolled or cut off on a phone. The
        // explicit roles keep it a table for assistive technology, which some browsers forget once rows are display: block.
        // `relative` keeps the visually hidden "Actions" header inside the scroll box, not widening the page.
        <div className="relative overflow-x-auto">
          <table role="table" className="block w-full text-left text-sm sm:table">
            <thead role="rowgroup" className="hidden text-slate-500 sm:table-header-group">
              <tr role="row">
                <th role="columnheader" scope="col" className="py-1 pr-3 font-medium">
                  Token
                </th>
                <th role="columnheader" scope="col" className="py-1 pr-3 font-medium">
                  Reserved for / holder
                </th>
                <th role="columnheader" scope="col" className="py-1 pr-3 font-medium">
                  Amount
                </th>
                <th role="columnheader" scope="col" className="py-1 pr-3 font-medium">
                  Status
                </th>
                {canAdminister && (
                  <th role="columnheader" scope="col" className="py-1 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody role="rowgroup" className="block sm:table-row-group">
              {rows.map((row) => (
                <Fragment key={row.tokenId.toString()}>
                  <tr role="row" className="block border-t border-slate-100 py-2 sm:table-row sm:py-0">
                    <StackedCell label="Token" className="font-medium">
                      #{row.tokenId.toString()}
                      {displayRole(row.role) && (
                        <>
                          {" "}
                          <span className="font-normal text-slate-700">{displayRole(row.role)}</span>
                        </>
                      )}
                    </StackedCell>
                    <StackedCell label="Reserved for / holder">
                      <AddressText address={row.reservedFor} />
                    </StackedCell>
                    <StackedCell label="Amount">{row.amount.toString()}</StackedCell>
                    <StackedCell label="Status">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[row.status]}`}>{row.status}</span>
                    </StackedCell>
                    {canAdminister && (
                      <td role="cell" className="block pt-1 empty:hidden sm:table-cell sm:py-2 sm:empty:table-cell">
                        {row.status === "reserved" && (
                          <button
                            type="button"
                            disabled={admin.busy}
                            onClick={() =>
                              admin.send(
                                operations.cancelReservation({ chainId, integraHash, tokenizer: record.tokenizer, tokenId: row.tokenId }),
                              )
                            }
                            className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50"
                          >
                            Cancel reservation
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                  {admin && row.status === "reserved" && (
                    <tr role="row" className="block sm:table-row">
                      <td role="cell" colSpan={5} className="block pb-3 sm:table-cell">
                        <details>
                          <summary className="cursor-pointer text-sm text-teal-800">
                            Capability and claim link for {tokenLabel(row.tokenId, row.role, true)}
                          </summary>
                          {admin.issue(row)}
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
      {admin?.status}
    </>
  );
}
