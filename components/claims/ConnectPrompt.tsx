"use client";

import { useState } from "react";
import { Card } from "@/components/ui/Card";
import { ConnectWalletButton } from "@/components/wallet/ConnectWalletButton";
import { useWallet } from "@/hooks/wallet";
import { createEphemeralKey, loadEphemeralKey } from "@/lib/ephemeral/keyStore";

/** No wallet yet: offer a fresh ephemeral wallet (one click) or any other wallet. */
export function ConnectPrompt({ why }: { why: string }) {
  const { connectEphemeral } = useWallet();
  const [error, setError] = useState<string>();
  return (
    <Card title="Connect a wallet">
      <p className="text-sm text-slate-600">{why}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button
          type="button"
          className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800"
          onClick={() => {
            if (!loadEphemeralKey()) createEphemeralKey();
            setError(undefined);
            connectEphemeral().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
          }}
        >
          Use an ephemeral wallet
        </button>
        <ConnectWalletButton
          label="Connect another wallet"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
        />
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <p className="mt-2 text-xs text-slate-500">
        An ephemeral wallet is made in this browser for this agreement; back it up on the Ephemeral wallet page.
      </p>
    </Card>
  );
}
