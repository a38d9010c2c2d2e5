import type { Hex } from "viem";
import { APP_CHAIN_ID } from "@/lib/config/appChain";
import { parseBytes32 } from "@/lib/format/hex";

/**
 * The link a party opens to claim its token. A token on another chain than the default names it (`&chain=<id>`); a
 * default chain's link names none, so links handed out before several chains were served still mean the same token.
 */
export function claimLinkPath(integraHash: Hex, tokenId: bigint, chainId: number = APP_CHAIN_ID): string {
  const path = `/claims?record=${integraHash}&token=${tokenId}`;
  return chainId === APP_CHAIN_ID ? path : `${path}&chain=${chainId}`;
}

/** The token a claim link names, on its chain (the default chain when the link names none). */
export interface ClaimLinkTarget {
  integraHash: Hex;
  tokenId: bigint;
  chainId: number;
}

/**
 * What the claims page's query says: no link (`none`), a token (`token`), or a link that cannot be read (`broken`: a
 * record that is not 0x and 64 hexadecimal characters, a token or chain that is not a whole number, or a record
 * without its token or a token without its record). Whether the app serves the chain is the page's to say.
 */
export function readClaimLink(
  param: (name: "record" | "token" | "chain") => string | null,
): { kind: "none" } | { kind: "broken" } | ({ kind: "token" } & ClaimLinkTarget) {
  const [record, token, chain] = [param("record"), param("token"), param("chain")];
  if (record === null && token === null && chain === null) return { kind: "none" };
  const integraHash = record === null ? undefined : parseBytes32(record);
  const wholeNumber = /^[0-9]+$/;
  if (!integraHash || token === null || !wholeNumber.test(token)) return { kind: "broken" };
  if (chain !== null && !wholeNumber.test(chain)) return { kind: "broken" };
  return { kind: "token", integraHash, tokenId: BigInt(token), chainId: chain === null ? APP_CHAIN_ID : Number(chain) };
}
