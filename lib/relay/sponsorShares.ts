import type { Address } from "viem";
import type { RelayerPolicy } from "./relayerPolicy";
import { type RateBucket, type SpendBucket, weiToGwei } from "./store/relayerStore";

/**
 * Claims, or the other party calls, which together may use only part of a share: payment signals (requestPayment,
 * markPaid, cancelPayment) and escrow calls (approveRelease, depositWithPermit, raiseDispute).
 */
export type SponsoredKind = "claim" | "signal" | "escrow";

/**
 * One principal's part of what the sponsor gives: its slice of the global rate and of the spending cap, and within
 * it the smaller slice payment signals and escrow calls may use (together). What one principal's records use never
 * touches another's share, and signals and escrow calls never touch the part kept for claims.
 */
export interface SponsorShare {
  /** Store key: "all", or the principal's address in lower case. */
  id: string;
  /** In refusals: "this relayer", or the principal's short address. */
  principal?: Address;
  rateLimit: number;
  signalRateLimit: number;
  capGwei: number;
  signalCapGwei: number;
}

export interface SponsorShares {
  /** Without principals, the one share every record uses. */
  all?: SponsorShare;
  byPrincipal: ReadonlyMap<string, SponsorShare>;
}

/** Splits the global rate and the cap by weight (equal weights: global/n and cap/n). */
export function sponsorShares(policy: RelayerPolicy): SponsorShares {
  const capGwei = weiToGwei(policy.spendCapWei);
  const make = (id: string, fraction: number, principal?: Address): SponsorShare => {
    const rateLimit = Math.max(1, Math.floor(policy.globalLimit * fraction));
    const shareCap = Math.floor(capGwei * fraction);
    return {
      id,
      principal,
      rateLimit,
      signalRateLimit: Math.floor(rateLimit * policy.signalShare),
      capGwei: shareCap,
      signalCapGwei: Math.floor(shareCap * policy.signalShare),
    };
  };
  const principals = policy.sponsoredPrincipals ?? [];
  if (principals.length === 0) return { all: make("all", 1), byPrincipal: new Map() };
  const total = principals.reduce((sum, p) => sum + p.weight, 0);
  return {
    byPrincipal: new Map(principals.map((p) => [p.address.toLowerCase(), make(p.address.toLowerCase(), p.weight / total, p.address)])),
  };
}

/**
 * The share that pays for a record: the owner's when the owner is a principal, else its executor's. The executor
 * is the registry's `authorityOf` executor, set only once the named executor accepted the role on chain: a pending
 * offer (`pendingExecutorOf`) is never read here, so naming a principal as executor does not make it pay.
 */
export function shareForRecord(shares: SponsorShares, authority: { owner: Address; executor: Address }): SponsorShare | undefined {
  if (shares.all) return shares.all;
  return shares.byPrincipal.get(authority.owner.toLowerCase()) ?? shares.byPrincipal.get(authority.executor.toLowerCase());
}

/**
 * The global-rate buckets a request of `kind` takes a slot in: the share's, and for anything but a claim the part of
 * it that signals and escrow calls share (its key still says "signals").
 */
export function rateBuckets(share: SponsorShare, kind: SponsoredKind): RateBucket[] {
  const buckets: RateBucket[] = [{ key: `global:${share.id}`, limit: share.rateLimit }];
  if (kind !== "claim") buckets.push({ key: `global:${share.id}:signals`, limit: share.signalRateLimit });
  return buckets;
}

/** The spend buckets a transaction of `kind` reserves in: the share's, and for anything but a claim the non-claim part. */
export function spendBuckets(share: SponsorShare, kind: SponsoredKind): SpendBucket[] {
  const buckets: SpendBucket[] = [{ key: `spend:${share.id}`, capGwei: share.capGwei }];
  if (kind !== "claim") buckets.push({ key: `spend:${share.id}:signals`, capGwei: share.signalCapGwei });
  return buckets;
}

/**
 * The signer's own spend bucket, next to the share's: what the sponsor pays for one wallet's requests in the spend
 * window, whatever records they touch. The rate limits bound how often a wallet is served; this bounds what it costs,
 * so a wallet whose requests are dear (or revert at full gas) cannot take more than its part of a share.
 */
export function signerSpendBucket(policy: RelayerPolicy, signer: Address): SpendBucket {
  return { key: `signer:${signer.toLowerCase()}`, capGwei: weiToGwei(policy.perSignerSpendCapWei) };
}
