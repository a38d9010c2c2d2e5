"use client";

import { ConnectButton } from "@rainbow-me/rainbowkit";
import { useConnect } from "wagmi";
import { Card } from "@/components/ui/Card";
import { EPHEMERAL_CONNECTOR_ID } from "@/lib/ephemeral/ephemeralConnector";
import { createEphemeralKey, loadEphemeralKey } from "@/lib/ephemeral/keyStore";

/** No wallet yet: offer a fresh ephemeral wallet (one click) or any other wallet. */
export function ConnectPrompt({ why }: { why: string }) {
  const { connect, connectors } = useConnect();
  const ephemeral = connectors.find((c) => c.id === EPHEMERAL_CONNECTOR_ID);
  return (
    <Card title="Connect a wallet">
      <p className="text-sm text-slate-600">{why}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {ephemeral && (
          <button
            type="button"
            className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800"
            onClick={() => {
              if (!loadEphemeralKey()) createEphemeralKey();
              connect({ connector: ephemeral });
            }}
          >
            Use an ephemeral wallet
          </button>
        )}
        <ConnectButton label="Connect another wallet" />
      </div>
      <p className="mt-2 text-xs text-slate-500">
        An ephemeral wallet is made in this browser for this agreement; back it up on the Ephemeral wallet page.
      </p>
    </Card>
  );
}
