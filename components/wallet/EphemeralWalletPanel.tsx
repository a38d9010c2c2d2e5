"use client";

import { type FormEvent, useState } from "react";
import { Card } from "@/components/ui/Card";
import { CopyButton } from "@/components/ui/CopyButton";
import { Field } from "@/components/ui/Field";
import { Notice } from "@/components/ui/Notice";
import { useEphemeralKey } from "@/hooks/useEphemeralKey";
import { useWallet } from "@/hooks/wallet";
import { EPHEMERAL_CONNECTOR_ID, createEphemeralKey, forgetEphemeralKey, importEphemeralKey } from "@/lib/ephemeral/keyStore";

const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100";

/** Create, back up (export), import and forget the in-browser wallet made for one agreement. */
export function EphemeralWalletPanel() {
  const { key, address } = useEphemeralKey();
  // The wallet stack loads when this page connects or disconnects the wallet, or with a session to restore.
  const { account, connectEphemeral, disconnect } = useWallet();
  const [connectError, setConnectError] = useState<Error>();
  const [connecting, setConnecting] = useState(false);
  const [revealed, setRevealed] = useState(false);
  const [importValue, setImportValue] = useState("");
  const [importError, setImportError] = useState<string>();
  const [confirmForget, setConfirmForget] = useState(false);
  const usingEphemeral = account.isConnected && account.connectorId === EPHEMERAL_CONNECTOR_ID;

  // The wallet's code may still be loading: "Connecting…" until it is connected (or restored after a reload).
  const pending = !usingEphemeral && (connecting || account.status === "connecting" || account.status === "reconnecting");

  function connect() {
    setConnectError(undefined);
    setConnecting(true);
    connectEphemeral()
      .catch((error: unknown) => setConnectError(error instanceof Error ? error : new Error(String(error))))
      .finally(() => setConnecting(false));
  }

  function submitImport(event: FormEvent) {
    event.preventDefault();
    try {
      importEphemeralKey(importValue);
      setImportValue("");
      setImportError(undefined);
    } catch (error) {
      setImportError(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <div className="space-y-4">
      <Card title="This browser's ephemeral wallet">
        {key && address ? (
          <div className="space-y-3 text-sm">
            <p>
              Address: <span className="mono break-all">{address}</span> <CopyButton value={address} />
            </p>
            <p className="text-slate-600">
              {usingEphemeral ? "Connected." : pending ? "Connecting…" : "Not connected."} It needs no ether: your claims are signed here
              and sponsored by the relayer or the clerk. Do not send it ether from your main wallet; that would link the two on chain.
            </p>
            <div className="flex flex-wrap gap-2">
              {!usingEphemeral && !pending && (
                <button type="button" className="rounded-md bg-teal-700 px-3 py-1.5 text-sm font-medium text-white" onClick={connect}>
                  Connect it
                </button>
              )}
              <button type="button" className={button} onClick={() => setRevealed((r) => !r)} aria-expanded={revealed}>
                {revealed ? "Hide private key" : "Back up: show private key"}
              </button>
              <button type="button" className={button} onClick={() => setConfirmForget(true)}>
                Forget this wallet
              </button>
            </div>
            {revealed && (
              <Notice tone="warning" title="Anyone with this key controls the wallet">
                <span className="mono break-all">{key}</span> <CopyButton value={key} label="Copy key" />
                <p className="mt-1">
                  Keep it somewhere safe (a password manager). It is the only way to use this wallet in another browser.
                </p>
              </Notice>
            )}
            {confirmForget && (
              <Notice tone="warning" title="Forget this wallet?">
                <p>The key is removed from this browser. Tokens it holds stay on chain but only the backed-up key can reach them.</p>
                <div className="mt-2 flex gap-2">
                  <button
                    type="button"
                    className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white"
                    onClick={() => {
                      if (usingEphemeral) void disconnect();
                      forgetEphemeralKey();
                      setConfirmForget(false);
                      setRevealed(false);
                    }}
                  >
                    Forget it
                  </button>
                  <button type="button" className={button} onClick={() => setConfirmForget(false)}>
                    Keep it
                  </button>
                </div>
              </Notice>
            )}
          </div>
        ) : (
          <div className="space-y-3 text-sm">
            <p className="text-slate-600">
              No ephemeral wallet in this browser yet. Create one for this agreement: its key stays in this browser until you forget it.
            </p>
            <button
              type="button"
              className="rounded-md bg-teal-700 px-3 py-1.5 text-sm font-medium text-white"
              onClick={() => {
                createEphemeralKey();
                connect();
              }}
            >
              Create an ephemeral wallet
            </button>
          </div>
        )}
        {connectError && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {connectError.message}
          </p>
        )}
      </Card>
      <Card title="Import a wallet">
        <form onSubmit={submitImport} className="space-y-2">
          <Field
            id="import-key"
            label="Private key"
            type="password"
            autoComplete="off"
            value={importValue}
            error={importError}
            onChange={(e) => setImportValue(e.target.value)}
            hint={key ? "Importing replaces the wallet above: back it up first." : "Paste a key you backed up earlier."}
          />
          <button type="submit" className={button}>
            Import
          </button>
        </form>
      </Card>
    </div>
  );
}
