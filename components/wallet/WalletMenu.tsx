"use client";

import { useWallet } from "@/hooks/wallet";

/**
 * The header's wallet button. Until the wallet stack is loaded it is a plain button that loads it and opens the
 * dialog (a first visit ships no wallet code); then RainbowKit's own button (account, network, disconnect) is
 * rendered into the slot by the stack.
 */
export function WalletMenu() {
  const { loaded, openConnectModal, setMenuSlot } = useWallet();
  return (
    <div className="flex min-h-10 items-center">
      <span ref={setMenuSlot} className="contents" />
      {!loaded && (
        <button
          type="button"
          // RainbowKit's test id: the same button, before and after its code has loaded.
          data-testid="rk-connect-button"
          onClick={openConnectModal}
          className="rounded-xl bg-teal-700 px-3.5 py-2 text-base font-bold text-white shadow-sm transition-transform hover:scale-[1.025] hover:bg-teal-800"
        >
          Connect Wallet
        </button>
      )}
    </div>
  );
}
