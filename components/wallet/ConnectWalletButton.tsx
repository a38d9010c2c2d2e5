"use client";

import { useWallet } from "@/hooks/wallet";

/** Opens the "Connect a Wallet" dialog, loading the wallet stack first if needed. */
export function ConnectWalletButton({ label = "Connect Wallet", className }: { label?: string; className?: string }) {
  const { openConnectModal } = useWallet();
  return (
    <button
      type="button"
      onClick={openConnectModal}
      className={className ?? "rounded-xl bg-teal-700 px-3.5 py-2 text-base font-bold text-white shadow-sm hover:bg-teal-800"}
    >
      {label}
    </button>
  );
}
