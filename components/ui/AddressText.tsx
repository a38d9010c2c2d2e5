"use client";

import type { Address } from "viem";
import { useWalletAccount } from "@/hooks/wallet";
import { shortHex } from "@/lib/format/hex";
import { CopyButton } from "./CopyButton";

/** An address, shortened with the full value on hover and a copy button; "you" when it is the wallet's. */
export function AddressText({ address, full = false }: { address: Address; full?: boolean }) {
  const { address: me } = useWalletAccount();
  const isMe = me?.toLowerCase() === address.toLowerCase();
  return (
    <span className="inline-flex max-w-full items-center gap-1.5">
      <span className={`mono text-sm ${full ? "break-all" : "whitespace-nowrap"}`} title={address}>
        {full ? address : shortHex(address)}
      </span>
      {isMe && <span className="rounded bg-teal-100 px-1.5 text-xs font-medium text-teal-900">you</span>}
      <CopyButton value={address} />
    </span>
  );
}
