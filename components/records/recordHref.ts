import { APP_CHAIN_ID } from "@/lib/config/appChain";

/**
 * The record page of `integraHash` on chain `chainId` (or one of its pages: "/certificate"). A link without a chain
 * looks the record up on the default chain first (RecordFromLink), so a default chain's record needs none: its links
 * stay as they were before several chains.
 */
export function recordHref(integraHash: string, chainId: number, page: "" | "/certificate" = ""): string {
  const path = `/records/${integraHash}${page}`;
  return chainId === APP_CHAIN_ID ? path : `${path}?chain=${chainId}`;
}
