import type { Address } from "viem";

/** A principal whose records the sponsor pays for, and its weight in the split of the cap and the global rate. */
export interface SponsoredPrincipal {
  address: Address;
  weight: number;
}

export interface RelayerPolicy {
  /** Requests one client (IP) may post per rate window, counted before any chain read. */
  perClientLimit: number;
  /** Well-signed requests one signer may post per rate window. */
  perAddressLimit: number;
  /** Requests that would succeed, from all signers together, per rate window: split among the shares. */
  globalLimit: number;
  rateWindowMs: number;
  /** Most the sponsor spends on gas per spend window: split among the shares. */
  spendCapWei: bigint;
  /**
   * Most the sponsor spends on one signer's requests per spend window, whatever share pays: a few claims' worth, so
   * "bounded per party" bounds money too, not just the number of requests.
   */
  perSignerSpendCapWei: bigint;
  spendWindowMs: number;
  /** Highest fee per gas the sponsor pays, replacements included; above it requests wait for calmer blocks. */
  maxFeePerGasWei: bigint;
  /** Most gas one relayed transaction (the forwarder's execute) may take. */
  maxTransactionGas: bigint;
  /**
   * When set, only records owned by one of these, or whose accepted executor is one, are sponsored, and each has
   * its own share of the cap and of the global rate (by weight). Unset: one share for every record.
   */
  sponsoredPrincipals?: readonly SponsoredPrincipal[];
  /**
   * The part of each share that payment signals (requestPayment, markPaid, cancelPayment) and escrow calls
   * (approveRelease, depositWithPermit, raiseDispute) may use together, of both its spend and its rate (0 to 1). The
   * rest is kept for claims, so neither can lock parties out of gasless claims.
   */
  signalShare: number;
  /** A sponsor transaction not mined after this long is sent again with the same nonce and higher fees. */
  replaceAfterMs: number;
}

export const DEFAULT_POLICY: RelayerPolicy = {
  perClientLimit: 300,
  perAddressLimit: 5,
  globalLimit: 120,
  rateWindowMs: 60_000,
  spendCapWei: 10n ** 18n,
  // 0.02 ETH: a claim (~165,000 gas reserved) at the 100 gwei fee cap is 0.0165 ETH; at 10 gwei, about a dozen.
  perSignerSpendCapWei: 2n * 10n ** 16n,
  spendWindowMs: 24 * 60 * 60_000,
  maxFeePerGasWei: 100n * 10n ** 9n,
  maxTransactionGas: 500_000n,
  signalShare: 0.5,
  replaceAfterMs: 45_000,
};
