import type { Hex } from "viem";
import { type TimelineEntry, newestFirst } from "./decodeEntry";

/** Each token's role as its live reservation named it, keyed by record and token id (see {@link roleOf}). */
export type TokenRoles = ReadonlyMap<string, string>;

const key = (integraHash: Hex, tokenId: bigint) => `${integraHash.toLowerCase()}:${tokenId}`;

/** The roles the reservations among `entries` gave: the latest reservation of a token wins. */
export function tokenRolesOf(entries: readonly TimelineEntry[]): TokenRoles {
  const roles = new Map<string, string>();
  for (const entry of [...entries].sort(newestFirst).reverse()) {
    if (entry.eventName === "TokenReserved" && entry.args.role) roles.set(key(entry.integraHash, entry.args.tokenId), entry.args.role);
  }
  return roles;
}

/** The role of token `tokenId` of `integraHash`, or undefined when it has none. */
export function roleOf(roles: TokenRoles | undefined, integraHash: Hex, tokenId: bigint): string | undefined {
  return roles?.get(key(integraHash, tokenId));
}
