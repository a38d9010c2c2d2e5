"use client";

import { relayerInfoQuery } from "@/hooks/queries";
import { useQuery } from "@tanstack/react-query";
import { shortHex } from "@/lib/format/hex";
import { useRecordChainId } from "./RecordChainContext";

/** Says plainly who pays a party's network fee on the record's chain (each chain's relayer sponsors there alone). */
export function WhoPaysNote() {
  const chainId = useRecordChainId();
  const relayer = useQuery(relayerInfoQuery(chainId));
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
