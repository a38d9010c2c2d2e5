"use client";

import { formatEther } from "viem";
import { shortHex } from "@/lib/format/hex";
import type { RelayerInfo } from "@/lib/relay/relayApi";
import { decidePayer } from "@/lib/transactions/payer";

export type ClaimPayer = "relayer" | "clerk" | "wallet";

/**
 * The option shown before the person chooses: what the payer rule (lib/transactions/payer.ts) decides for the claim,
 * as sending it would; undefined while the balance or the relayer is still being read. Where the rule leaves the fee
 * to a wallet that holds no ether, the wallet cannot pay and the clerk is the way left.
 */
export function ruledPayer(sponsored: boolean, relayer: RelayerInfo | undefined, balance: bigint | undefined): ClaimPayer | undefined {
  const decision = decidePayer("auto", { sponsored, balance, relayer });
  if ("needs" in decision) return undefined;
  return decision.paidBy === "wallet" && balance === 0n ? "clerk" : decision.paidBy;
}

/** Who pays the network fee of a claim: the app's relayer, the clerk (from a signed link), or the wallet itself. */
export function WhoPays({
  name,
  value,
  onChange,
  relayer,
  balance,
}: {
  name: string;
  value: ClaimPayer | undefined;
  onChange: (payer: ClaimPayer) => void;
  relayer: RelayerInfo | undefined;
  balance: bigint | undefined;
}) {
  const options: { value: ClaimPayer; label: string; hint: string; disabled?: boolean }[] = [
    {
      value: "relayer",
      label: "No ether needed: sponsored by the Integra relayer",
      hint: relayer?.enabled
        ? `You sign; the relayer ${shortHex(relayer.sponsor)} submits it and pays the fee.`
        : relayer
          ? `Not available here: ${relayer.reason}`
          : "Checking whether this deployment runs a relayer…",
      disabled: !relayer?.enabled,
    },
    {
      value: "clerk",
      label: "No ether needed: the clerk pays",
      hint: "You sign a claim link and send it to the clerk, whose wallet submits it.",
    },
    {
      value: "wallet",
      label: "My wallet pays the fee",
      hint:
        balance === undefined
          ? "Reading your balance…"
          : balance > 0n
            ? `Balance ${formatEther(balance)} ETH.`
            : "This wallet holds no ether, as an ephemeral wallet should.",
      disabled: balance === undefined || balance === 0n,
    },
  ];
  return (
    <fieldset className="space-y-1 text-sm">
      <legend className="font-medium text-slate-700">Who pays the network fee</legend>
      {options.map((option) => (
        <label key={option.value} className={`flex items-start gap-2 rounded p-1 ${option.disabled ? "text-slate-500" : ""}`}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            disabled={option.disabled}
            onChange={() => onChange(option.value)}
            className="mt-1"
          />
          <span>
            <span className="font-medium">{option.label}</span>
            <span className="block text-xs text-slate-500">{option.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
