"use client";

import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { type Address, type Hex, isAddress, zeroAddress } from "viem";
import { TransactionStatus } from "@/components/TransactionStatus";
import { Field } from "@/components/ui/Field";
import { Notice } from "@/components/ui/Notice";
import { escrowAssetQuery } from "@/hooks/escrowQueries";
import { paymentsQuery, recordTokensQuery } from "@/hooks/queries";
import { escrowOperations as operations } from "@/hooks/escrowOperations";
import { useTransaction } from "@/hooks/useTransaction.wallet";
import { factsOn } from "@/lib/deployment";
import { displaySymbol, parseAssetAmount } from "@/lib/format/amount";
import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";
import { tokenLabel } from "@/lib/format/token";
import type { RecordInfo } from "@/lib/reads/records";
import { useRecordChainId } from "@/components/records/RecordChainContext";

type AssetChoice = "local" | "ether" | "erc20";
type ArbitratorChoice = "local" | "address" | "none";

/** A datetime-local value `days` from now, in the browser's time zone. */
function localDateTime(days: number): string {
  const date = new Date(Date.now() + days * 24 * 3600 * 1000);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const select = "mt-1 w-full min-w-0 rounded-md border border-slate-300 px-2 py-2 text-sm";

function Radio({
  name,
  value,
  checked,
  onChange,
  children,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  children: ReactNode;
}) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="radio" name={name} value={value} checked={checked} onChange={onChange} className="mt-1" />
      <span className="min-w-0">{children}</span>
    </label>
  );
}

/**
 * The record's owner or executor opens an escrow: the asset (the local test stablecoin, ether, or any ERC-20), the
 * amount, payer and payee among the record's tokens, the refund time, the conditions (agreement complete, k of n
 * approvers among the tokens, an attester's attestation, a payment request marked paid) and the arbitrator. Says
 * before it is sent that the amounts are public, and when there is no dispute path.
 */
export function OpenEscrowForm({ integraHash, record }: { integraHash: Hex; record: RecordInfo }) {
  const tx = useTransaction();
  const uid = useId();
  const chainId = useRecordChainId();
  const local = factsOn(chainId).deployment.local;
  const tokens = useQuery(recordTokensQuery(chainId, integraHash, record.tokenizer, record.registeredBlock));
  const payments = useQuery(paymentsQuery(chainId, integraHash, record.registeredBlock));
  const parties = (tokens.data?.tokens ?? []).filter((t) => t.status === "reserved" || t.status === "claimed");

  const [assetChoice, setAssetChoice] = useState<AssetChoice>(local ? "local" : "ether");
  const [tokenAddress, setTokenAddress] = useState("");
  const [amountText, setAmountText] = useState("");
  const [payer, setPayer] = useState("");
  const [payee, setPayee] = useState("");
  const [refundAt, setRefundAt] = useState(() => localDateTime(30));
  const [agreementComplete, setAgreementComplete] = useState(false);
  const [approvers, setApprovers] = useState<string[]>([]);
  const [required, setRequired] = useState("");
  const [withAttestation, setWithAttestation] = useState(false);
  const [attester, setAttester] = useState("");
  const [paymentId, setPaymentId] = useState("");
  const [arbitratorChoice, setArbitratorChoice] = useState<ArbitratorChoice>(local ? "local" : "none");
  const [arbitratorAddress, setArbitratorAddress] = useState("");
  const [splitPercent, setSplitPercent] = useState("50");
  const [errors, setErrors] = useState<Record<string, string>>({});

  const assetAddress: Address | undefined =
    assetChoice === "ether"
      ? zeroAddress
      : assetChoice === "local"
        ? local?.TestStablecoin
        : isAddress(tokenAddress.trim())
          ? (tokenAddress.trim() as Address)
          : undefined;
  const asset = useQuery(escrowAssetQuery(chainId, assetAddress));
  const payerId = payer || parties[0]?.tokenId.toString() || "";
  const payeeId = payee || parties.find((t) => t.tokenId.toString() !== payerId)?.tokenId.toString() || "";
  const noDisputePath = arbitratorChoice === "none";

  if (tokens.isPending) return null;
  if (parties.length < 2) {
    return (
      <p className="text-sm text-slate-600">
        An escrow moves money between two parties of the record: reserve at least two tokens before opening one.
      </p>
    );
  }

  function toggleApprover(tokenId: string, on: boolean) {
    setApprovers((current) => {
      const next = on ? [...current, tokenId] : current.filter((t) => t !== tokenId);
      return parties.map((t) => t.tokenId.toString()).filter((t) => next.includes(t));
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (assetChoice === "erc20" && !isAddress(tokenAddress.trim()))
      found.asset = "Enter the token's contract address (0x and 40 hex digits).";
    else if (asset.isError) found.asset = "This address does not answer as an ERC-20 token (symbol and decimals).";
    let amount: bigint | undefined;
    if (asset.data) {
      const parsed = parseAssetAmount(amountText, asset.data.decimals);
      if ("problem" in parsed) found.amount = parsed.problem;
      else amount = parsed.amount;
    } else if (!found.asset) found.amount = "Wait a moment: the asset's decimals are being read.";
    if (!payerId || !payeeId) found.payee = "Choose who pays and who is paid.";
    else if (payerId === payeeId) found.payee = "The payer and the payee must be different tokens.";
    const refundAfter = Math.floor(new Date(refundAt).getTime() / 1000);
    if (Number.isNaN(refundAfter)) found.refund = "Enter the refund time.";
    else if (refundAfter * 1000 <= Date.now()) found.refund = "The refund time must be in the future.";
    const needed = required.trim() === "" ? approvers.length : Number(required);
    if (approvers.length > 0 && (!Number.isInteger(needed) || needed < 1 || needed > approvers.length)) {
      found.required = `Between 1 and ${approvers.length}: how many of the chosen approvers must approve.`;
    }
    if (withAttestation && !isAddress(attester.trim())) found.attester = "Enter the attester's address (0x and 40 hex digits).";
    if (!agreementComplete && approvers.length === 0 && !withAttestation && !paymentId) {
      found.conditions = "Choose at least one condition: without one, nothing would hold the money back.";
    }
    if (arbitratorChoice === "address" && !isAddress(arbitratorAddress.trim())) {
      found.arbitrator = "Enter the arbitrator contract's address (0x and 40 hex digits).";
    }
    const split = Number(splitPercent);
    if (!noDisputePath && (!Number.isFinite(split) || split < 0 || split > 100)) found.split = "A share between 0 and 100 percent.";
    setErrors(found);
    if (Object.keys(found).length > 0 || amount === undefined || !assetAddress) return;

    const arbitrator =
      arbitratorChoice === "local"
        ? local?.SingleSignerArbitratorV1
        : arbitratorChoice === "address"
          ? (arbitratorAddress.trim() as Address)
          : undefined;
    const receipt = await tx.send(
      operations.openEscrow({
        chainId,
        integraHash,
        asset: assetAddress,
        amount,
        payerTokenId: Number(payerId),
        payeeTokenId: Number(payeeId),
        refundAfter,
        arbitrator,
        splitPayeeBps: arbitrator ? Math.round(split * 100) : 0,
        agreementComplete,
        approvers: approvers.length > 0 ? { tokenIds: approvers.map(Number), required: needed } : undefined,
        attestation: withAttestation ? { attester: attester.trim() as Address } : undefined,
        paymentId: paymentId ? BigInt(paymentId) : undefined,
      }),
    );
    if (receipt) {
      // Opened: the escrow shows above; the form starts over for the next one.
      setAmountText("");
      setAgreementComplete(false);
      setApprovers([]);
      setRequired("");
      setWithAttestation(false);
      setAttester("");
      setPaymentId("");
    }
  }

  const partyOption = (t: (typeof parties)[number]) => (
    <option key={t.tokenId.toString()} value={t.tokenId.toString()}>
      {tokenLabel(t.tokenId, t.role)}, {shortHex(t.reservedFor)}
      {t.status === "reserved" ? " (not claimed yet)" : ""}
    </option>
  );
  const symbol = asset.data ? displaySymbol(asset.data.symbol) : undefined;

  return (
    <details className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <summary className="cursor-pointer text-sm font-medium text-teal-800">Open an escrow on this record</summary>
      <form onSubmit={submit} className="mt-3 space-y-4" aria-label="Open an escrow" noValidate>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Asset</legend>
          {local && (
            <Radio name={`${uid}-asset`} value="local" checked={assetChoice === "local"} onChange={() => setAssetChoice("local")}>
              Test USD (tUSD), the local chain&apos;s test stablecoin
            </Radio>
          )}
          <Radio name={`${uid}-asset`} value="ether" checked={assetChoice === "ether"} onChange={() => setAssetChoice("ether")}>
            Ether (ETH)
          </Radio>
          <Radio name={`${uid}-asset`} value="erc20" checked={assetChoice === "erc20"} onChange={() => setAssetChoice("erc20")}>
            Another ERC-20 token (USDC, for example)
          </Radio>
          {assetChoice === "erc20" && (
            <Field
              id={`${uid}-token`}
              label="Token contract address"
              placeholder="0x…"
              spellCheck={false}
              autoComplete="off"
              value={tokenAddress}
              onChange={(e) => setTokenAddress(e.target.value)}
              error={errors.asset}
              hint={asset.data ? `${displaySymbol(asset.data.symbol)}, ${asset.data.decimals} decimals` : undefined}
            />
          )}
          {assetChoice !== "erc20" && errors.asset && (
            <p role="alert" className="text-xs text-red-700">
              {errors.asset}
            </p>
          )}
        </fieldset>

        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            id={`${uid}-amount`}
            label={symbol ? `Amount (${symbol})` : "Amount"}
            inputMode="decimal"
            placeholder="25,000"
            autoComplete="off"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            error={errors.amount}
          />
          <Field
            id={`${uid}-refund`}
            label="Refund time"
            type="datetime-local"
            value={refundAt}
            onChange={(e) => setRefundAt(e.target.value)}
            error={errors.refund}
            hint="Until then the deposit can be released; from then on anyone can refund it to the payer."
          />
          <div>
            <label htmlFor={`${uid}-payer`} className="block text-sm font-medium">
              Who pays (payer)
            </label>
            <select id={`${uid}-payer`} value={payerId} onChange={(e) => setPayer(e.target.value)} className={select}>
              {parties.map(partyOption)}
            </select>
          </div>
          <div>
            <label htmlFor={`${uid}-payee`} className="block text-sm font-medium">
              Who is paid (payee)
            </label>
            <select
              id={`${uid}-payee`}
              value={payeeId}
              onChange={(e) => setPayee(e.target.value)}
              className={select}
              aria-invalid={errors.payee ? true : undefined}
              aria-describedby={errors.payee ? `${uid}-payee-error` : undefined}
            >
              {parties.map(partyOption)}
            </select>
            {errors.payee && (
              <p id={`${uid}-payee-error`} role="alert" className="mt-1 text-xs text-red-700">
                {errors.payee}
              </p>
            )}
          </div>
        </div>
        <p className="text-xs text-slate-600">Money moves to whoever holds the payer&apos;s or payee&apos;s token at that moment.</p>

        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">Conditions of release (all must hold)</legend>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" checked={agreementComplete} onChange={(e) => setAgreementComplete(e.target.checked)} className="mt-1" />
            <span>Every party has claimed its token (the agreement is complete)</span>
          </label>
          <fieldset className="space-y-1">
            <legend className="text-sm">Approvals by parties (each approves from its own wallet, with no ether needed)</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {parties.map((t) => (
                <label key={t.tokenId.toString()} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={approvers.includes(t.tokenId.toString())}
                    onChange={(e) => toggleApprover(t.tokenId.toString(), e.target.checked)}
                  />
                  <span>Approver {tokenLabel(t.tokenId, t.role, true)}</span>
                </label>
              ))}
            </div>
            {approvers.length > 0 && (
              <Field
                id={`${uid}-required`}
                label="Approvals needed"
                className="max-w-xs"
                inputMode="numeric"
                placeholder={String(approvers.length)}
                value={required}
                onChange={(e) => setRequired(e.target.value)}
                error={errors.required}
                hint={`Of the ${approvers.length} chosen; empty means all of them.`}
              />
            )}
          </fieldset>
          <div className="space-y-1">
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" checked={withAttestation} onChange={(e) => setWithAttestation(e.target.checked)} className="mt-1" />
              <span>An attestation by a named attester (an inspection, a compliance check, a delivery confirmed)</span>
            </label>
            {withAttestation && (
              <Field
                id={`${uid}-attester`}
                label="Attester address"
                placeholder="0x…"
                spellCheck={false}
                autoComplete="off"
                value={attester}
                onChange={(e) => setAttester(e.target.value)}
                error={errors.attester}
                hint="The attester attests the condition on this record's page (the project's condition schema); it needs ether for the fee."
              />
            )}
          </div>
          <div>
            <label htmlFor={`${uid}-payment`} className="block text-sm">
              A payment request of this record marked paid
            </label>
            <select id={`${uid}-payment`} value={paymentId} onChange={(e) => setPaymentId(e.target.value)} className={select}>
              <option value="">None</option>
              {(payments.data ?? []).map((p) => (
                <option key={p.paymentId.toString()} value={p.paymentId.toString()}>
                  Request #{p.paymentId.toString()} ({p.status}, due {formatTimestamp(p.deadline)})
                </option>
              ))}
            </select>
          </div>
          {errors.conditions && (
            <p role="alert" className="text-xs text-red-700">
              {errors.conditions}
            </p>
          )}
        </fieldset>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Disputes</legend>
          {local && (
            <Radio
              name={`${uid}-arbitrator`}
              value="local"
              checked={arbitratorChoice === "local"}
              onChange={() => setArbitratorChoice("local")}
            >
              The local demo arbitrator <span className="mono">{shortHex(local.SingleSignerArbitratorV1)}</span>
            </Radio>
          )}
          <Radio
            name={`${uid}-arbitrator`}
            value="address"
            checked={arbitratorChoice === "address"}
            onChange={() => setArbitratorChoice("address")}
          >
            An arbitrator contract (ERC-792: a court such as Kleros, or a notary)
          </Radio>
          <Radio name={`${uid}-arbitrator`} value="none" checked={arbitratorChoice === "none"} onChange={() => setArbitratorChoice("none")}>
            None
          </Radio>
          {arbitratorChoice === "address" && (
            <Field
              id={`${uid}-arbitrator-address`}
              label="Arbitrator address"
              placeholder="0x…"
              spellCheck={false}
              autoComplete="off"
              value={arbitratorAddress}
              onChange={(e) => setArbitratorAddress(e.target.value)}
              error={errors.arbitrator}
            />
          )}
          {!noDisputePath && (
            <Field
              id={`${uid}-split`}
              label="Payee's share if the arbitrator splits (%)"
              className="max-w-xs"
              inputMode="decimal"
              value={splitPercent}
              onChange={(e) => setSplitPercent(e.target.value)}
              error={errors.split}
            />
          )}
        </fieldset>

        <Notice tone="info" title="Escrow amounts are public">
          Anyone can read on chain the asset, the amount, and who pays and who is paid, as with any token transfer. (Payment requests keep
          their amounts encrypted; an escrow cannot.)
        </Notice>
        {noDisputePath && (
          <Notice tone="warning" title="This escrow has no dispute path">
            With no arbitrator, nobody can stop a release once its conditions hold, nor a refund after the refund time.
          </Notice>
        )}
        <button
          type="submit"
          disabled={tx.busy}
          className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
        >
          Open the escrow
        </button>
        <TransactionStatus state={tx.state} onDismiss={tx.reset} />
      </form>
    </details>
  );
}
