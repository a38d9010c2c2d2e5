import type { Hex } from "viem";

/** The link a party opens to claim its token. */
export function claimLinkPath(integraHash: Hex, tokenId: bigint): string {
  return `/claims?record=${integraHash}&token=${tokenId}`;
}
