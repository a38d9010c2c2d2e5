"use client";

import { createContext, useContext } from "react";

/**
 * The served chain of the record a page shows (RecordFromLink provides it): every read of the page's cards is on it,
 * and its deployment names the record's tokenizer and links its transactions.
 */
export const RecordChainContext = createContext<number | undefined>(undefined);

/** The chain id of the record shown; only inside RecordFromLink, which is the one to know it. */
export function useRecordChainId(): number {
  const chainId = useContext(RecordChainContext);
  if (chainId === undefined) throw new Error("useRecordChainId is used outside a record's page (RecordFromLink provides the chain).");
  return chainId;
}
