"use client";

import { relayerInfoQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import { shortHex } from "@/lib/format/hex";

/** Says plainly who pays a party's network fee on this deployment. */
export function WhoPaysNote() {
  const relayer = useQuery(relayerInfoQuery());
  if (!relayer.data) return null;
  return (
    <p className="mt-3 text-xs text-slate-600">
      Parties need no ether to claim:{" "}
      {relayer.data.enabled ? (
        <>
          sponsored by the Integra relayer{" "}
          <span className="mono" title={relayer.data.sponsor}>
            {shortHex(relayer.data.sponsor)}
          </span>
          , or by your wallet when a party sends you a signed claim link.
        </>
      ) : (
        <>a party signs a claim link and your wallet submits it and pays the fee (this deployment runs no relayer).</>
      )}
    </p>
  );
}
