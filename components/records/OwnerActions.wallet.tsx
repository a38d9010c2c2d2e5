"use client";

import { operations } from "@/hooks/operations";
import { type FormEvent, useState } from "react";
import { type Hex, zeroAddress } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { AddressText } from "@/components/ui/AddressText";
import { Field } from "@/components/ui/Field";
import { useTransaction } from "@/hooks/useTransaction.wallet";
import { useRecordChainId } from "@/components/records/RecordChainContext";
import { factsOn } from "@/lib/deployment";
import { ADDRESS_HINT, parseAddress } from "@/lib/format/address";
import { roleProblem } from "@/lib/format/token";
import type { RecordInfo } from "@/lib/reads/records";

const button = "rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50";
const secondaryButton =
  "rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50";

function ReserveTokenForm({ integraHash, record }: { integraHash: Hex; record: RecordInfo }) {
  const chainId = useRecordChainId();
  const ownership = factsOn(chainId).tokenizerKindOf(record.tokenizer) === "ownership";
  const [tokenId, setTokenId] = useState(ownership ? "1" : "");
  const [recipient, setRecipient] = useState("");
  const [amount, setAmount] = useState("1");
  const [role, setRole] = useState("");
  const [error, setError] = useState<string>();
  const tx = useTransaction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = parseAddress(recipient);
    if (!address) return setError(ADDRESS_HINT);
    if (!/^\d+$/.test(tokenId) || BigInt(tokenId) === 0n) return setError("The token id is a whole number from 1.");
    if (!/^\d+$/.test(amount) || BigInt(amount) === 0n) return setError("The amount is a whole number from 1.");
    const roleError = roleProblem(role);
    if (roleError) return setError(roleError);
    setError(undefined);
    const receipt = await tx.send(
      operations.reserveToken({
        chainId,
        integraHash,
        tokenizer: record.tokenizer,
        tokenId: BigInt(tokenId),
        recipient: address,
        amount: BigInt(amount),
        processHash: record.processHash,
        role: role.trim(),
      }),
    );
    if (receipt) {
      setRecipient("");
      setRole("");
      if (!ownership) setTokenId("");
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Reserve a token">
      <h3 className="font-medium">Reserve a token</h3>
      <div className="grid gap-3 sm:grid-cols-[6rem_8rem_1fr_6rem]">
        <Field
          id="reserve-token-id"
          label="Token id"
          inputMode="numeric"
          value={tokenId}
          onChange={(e) => setTokenId(e.target.value)}
          readOnly={ownership}
        />
        <Field id="reserve-role" label="Role" placeholder="Lender" value={role} onChange={(e) => setRole(e.target.value)} />
        <Field
          id="reserve-recipient"
          label="Recipient address"
          placeholder="0x…"
          value={recipient}
          onChange={(e) => setRecipient(e.target.value)}
        />
        <Field
          id="reserve-amount"
          label="Amount"
          inputMode="numeric"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          readOnly={ownership}
        />
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={tx.busy} className={button}>
        Reserve
      </button>
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
    </form>
  );
}

/** Offering the record to a new owner, who must accept; while an offer is pending it can be withdrawn. */
function OfferOwnershipForm({ integraHash, record }: { integraHash: Hex; record: RecordInfo }) {
  const [newOwner, setNewOwner] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const tx = useTransaction();
  const chainId = useRecordChainId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = parseAddress(newOwner);
    if (!address) return setError(ADDRESS_HINT);
    if (!reason.trim()) return setError("Say why the record changes hands; the reason is recorded on chain.");
    setError(undefined);
    const receipt = await tx.send(operations.offerOwnership({ chainId, integraHash, newOwner: address, reason: reason.trim() }));
    if (receipt) {
      setNewOwner("");
      setReason("");
    }
  }

  const pending = record.pendingOwner !== zeroAddress;
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Offer record ownership">
      <h3 className="font-medium">Offer record ownership</h3>
      <p className="text-xs text-slate-600">
        Nothing moves until the new owner accepts. When they do, the executor is removed and every attestation issued so far stops
        authorizing claims.
      </p>
      {pending && (
        <div role="status" className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 p-2 text-sm text-amber-950">
          <span>
            Offered to <AddressText address={record.pendingOwner} />, waiting for them to accept.
          </span>
          <button
            type="button"
            disabled={tx.busy}
            className="rounded border border-amber-400 px-2 py-1 text-xs"
            onClick={() => void tx.send(operations.withdrawOwnershipOffer({ chainId, integraHash }))}
          >
            Withdraw the offer
          </button>
        </div>
      )}
      <Field
        id="transfer-new-owner"
        label="New owner address"
        placeholder="0x…"
        value={newOwner}
        onChange={(e) => setNewOwner(e.target.value)}
      />
      <Field
        id="transfer-reason"
        label="Reason"
        placeholder="e.g. Sale closed, deed passes to buyer"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={tx.busy} className={button}>
        {pending ? "Replace the offer" : "Offer ownership"}
      </button>
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
    </form>
  );
}

/**
 * The executor role is offered, never imposed: the named address has no authority until it accepts on chain.
 * The owner may replace or withdraw a pending offer, and remove a serving executor at once.
 */
function ExecutorForm({ integraHash, record }: { integraHash: Hex; record: RecordInfo }) {
  const [candidate, setCandidate] = useState("");
  const [error, setError] = useState<string>();
  const tx = useTransaction();
  const chainId = useRecordChainId();
  const pending = record.pendingExecutor !== zeroAddress;
  const serving = record.executor !== zeroAddress;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = parseAddress(candidate);
    if (!address) return setError(ADDRESS_HINT);
    setError(undefined);
    const receipt = await tx.send(operations.offerExecutor({ chainId, integraHash, candidate: address }));
    if (receipt) setCandidate("");
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Executor">
      <h3 className="font-medium">Executor</h3>
      <p className="text-sm text-slate-600">
        {serving ? (
          <>
            Serving: <AddressText address={record.executor} />.{" "}
          </>
        ) : (
          "No executor serves this record. "
        )}
        {pending && (
          <>
            Offered to <AddressText address={record.pendingExecutor} />, waiting for them to accept.
          </>
        )}
      </p>
      <Field
        id="executor-address"
        label={pending ? "Offer the role to someone else instead" : "Offer the executor role to"}
        hint="They act for you on this record only once they accept. A change of executor voids the attestations issued so far."
        placeholder="0x…"
        value={candidate}
        onChange={(e) => setCandidate(e.target.value)}
      />
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={tx.busy} className={button}>
          Offer the executor role
        </button>
        {pending && (
          <button
            type="button"
            disabled={tx.busy}
            className={secondaryButton}
            onClick={() => void tx.send(operations.offerExecutor({ chainId, integraHash, candidate: zeroAddress }))}
          >
            Withdraw the offer
          </button>
        )}
        {serving && (
          <button
            type="button"
            disabled={tx.busy}
            className={secondaryButton}
            onClick={() => void tx.send(operations.removeExecutor({ chainId, integraHash }))}
          >
            Remove the executor
          </button>
        )}
      </div>
      <TransactionStatus state={tx.state} onDismiss={tx.reset} />
    </form>
  );
}

/** What the owner (all of it) and the executor (reservations) can do on this record. */
export function OwnerActions({ integraHash, record, isOwner }: { integraHash: Hex; record: RecordInfo; isOwner: boolean }) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {record.tokenizer !== zeroAddress && (
        <div className="md:col-span-2">
          <ReserveTokenForm integraHash={integraHash} record={record} />
        </div>
      )}
      {isOwner && <OfferOwnershipForm integraHash={integraHash} record={record} />}
      {isOwner && <ExecutorForm integraHash={integraHash} record={record} />}
    </div>
  );
}
