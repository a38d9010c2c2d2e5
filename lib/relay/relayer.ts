import {
  type Account,
  type Address,
  type Chain,
  type PublicClient,
  type Transport,
  type WalletClient,
  encodeFunctionData,
  formatEther,
  formatGwei,
} from "viem";
import { forwarder } from "@/lib/contracts";
import { describeError } from "@/lib/errors/describeError";
import { shortHex } from "@/lib/format/hex";
import { type CheckId, checkForwardRequest } from "@/lib/forwarder/checkForwardRequest";
import { type ForwardingContracts, appForwardingContracts } from "@/lib/forwarder/forwardingContracts";
import { type SignedForwardRequest, forwardRequestData, fromWire } from "@/lib/forwarder/forwardRequest";
import type { RelayableCall } from "@/lib/forwarder/relayableCalls";
import { recordAuthority } from "./recordAuthority";
import { type RefusalStatus, type RelayOutcome, refuse } from "./refusal";
import type { RelayerPolicy } from "./relayerPolicy";
import { type SendOutcome, type SentTransaction, SponsorSender } from "./sponsorSender";
import {
  type SponsorShare,
  type SponsorShares,
  type SponsoredKind,
  rateBuckets,
  shareForRecord,
  spendBuckets,
  sponsorShares,
} from "./sponsorShares";
import { type RelayerStore, type SpendReservation, gweiToWei, weiToGwei } from "./store/relayerStore";

export type { RelayOutcome } from "./refusal";

export interface RelayerOptions {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain, Account>;
  policy: RelayerPolicy;
  /** Opened with `Relayer.namespace(chainId, sponsor)`: one relayer's memory apart from any other's in a shared store. */
  store: RelayerStore;
  /** The app's deployment unless given (a test chain). */
  contracts?: ForwardingContracts;
  /** The wall clock (ms) for deadline checks; tests pass their own. */
  now?: () => number;
  /** How often pending sponsor transactions are looked at (default 1 s). */
  pollMs?: number;
}

/** Check failures of checkForwardRequest, and the status that says whether retrying can help. */
const CHECK_STATUS: Record<Exclude<CheckId, "simulation">, RefusalStatus> = {
  call: 422,
  value: 422,
  gas: 422,
  deadline: 400,
  attestation: 422,
  nonce: 409,
  signature: 400,
};

/**
 * Sends `forwarder.execute` for signed party requests, paying the gas from one sponsor account. In order, cheapest
 * first, so nothing that fails costs a slot of anything scarcer: the client's limit, the request's format and
 * checks (call, deadline window, attestation, nonce, signature), the signer's penalty and limit, the simulation,
 * whether the sponsor chose this record (its principals' share), the global rate of that share, gas and fees, and
 * the share's spending cap. Only then does it send. Every limit lives in the store (store/relayerStore.ts), so a
 * restart keeps them and instances sharing the store share them. Every refusal says why, in words, and sends nothing.
 */
export class Relayer {
  readonly sponsor: Address;
  private readonly shares: SponsorShares;
  private readonly sender: SponsorSender;
  private readonly contracts: ForwardingContracts;
  private readonly store: RelayerStore;
  private readonly policy: RelayerPolicy;
  private readonly publicClient: PublicClient;
  private readonly now: () => number;
  /** Settlements under way, so close() lets them finish before the store goes. */
  private readonly settling = new Set<Promise<void>>();

  /** The store namespace of the relayer paying from `sponsor` on `chainId` (a Redis Cluster hash tag in braces). */
  static namespace(chainId: number, sponsor: Address): string {
    return `relayer:{${chainId}:${sponsor.toLowerCase()}}:`;
  }

  constructor(options: RelayerOptions) {
    this.publicClient = options.publicClient;
    this.policy = options.policy;
    this.store = options.store;
    this.contracts = options.contracts ?? appForwardingContracts;
    this.now = options.now ?? Date.now;
    this.sponsor = options.walletClient.account.address;
    this.shares = sponsorShares(options.policy);
    this.sender = new SponsorSender(options.publicClient, options.walletClient, options.store, {
      maxFeePerGasWei: options.policy.maxFeePerGasWei,
      replaceAfterMs: options.policy.replaceAfterMs,
      pollMs: options.pollMs ?? 1_000,
    });
  }

  /**
   * The per-client limit, taken before the body is even read: undefined when the client may go on. `client` is the
   * identity from clientIdentity.ts (an address, or the one shared bucket).
   */
  async admit(client: string): Promise<RelayOutcome | undefined> {
    const verdict = await this.store.takeRate([{ key: `client:${client}`, limit: this.policy.perClientLimit }]);
    if (verdict.taken) return undefined;
    const wait = seconds(verdict.retryAfterMs);
    return refuse(
      429,
      "rate",
      `Too many requests from your network (${this.policy.perClientLimit} a minute). Try again in ${wait} seconds.`,
      wait,
    );
  }

  /** Relays one `{ request }` body (already admitted for its client); see the class comment for the order. */
  async relay(body: unknown): Promise<RelayOutcome> {
    let request: SignedForwardRequest;
    try {
      request = fromWire((body as { request?: unknown } | null)?.request);
    } catch (error) {
      return refuse(400, "format", (error as Error).message);
    }

    // Everything but the simulation first: a forged, stale or far-future request must not use up anyone's limit.
    const checked = await checkForwardRequest(this.publicClient, request, {
      stopAtFirstFailure: true,
      contracts: this.contracts,
      now: this.now,
    });
    const failure = checked.failure;
    if (failure && failure.id !== "simulation") return refuse(CHECK_STATUS[failure.id], failure.id, failure.text);

    const signer = request.from.toLowerCase();
    const penalty = await this.store.get(`penalty:${signer}`);
    if (penalty) {
      const wait = seconds(penalty.ttlMs);
      return refuse(
        429,
        "rate",
        `A request of this wallet reverted on chain at the sponsor's cost; it is refused for the next ${wait} seconds.`,
        wait,
      );
    }
    // Only a signer's own signature counts against its limit, so nobody can use up someone else's.
    const own = await this.store.takeRate([{ key: `address:${signer}`, limit: this.policy.perAddressLimit }]);
    if (!own.taken) {
      const wait = seconds(own.retryAfterMs);
      return refuse(
        429,
        "rate",
        `This wallet has sent ${this.policy.perAddressLimit} requests in the last ${this.policy.rateWindowMs / 60_000} minute(s), the most the relayer takes. Try again in ${wait} seconds.`,
        wait,
      );
    }
    if (failure) return refuse(422, "simulation", failure.text);
    const call = checked.call;
    if (!call) return refuse(422, "call", "The request's call could not be read.");

    const share = await this.shareFor(call);
    if (!share) {
      return refuse(
        422,
        "sponsorship",
        "This relayer pays only for the records of the offices it serves (owned by one, or with one as accepted executor); this record is not one of them. Send a signed link to the clerk, or pay the fee from your own wallet.",
      );
    }
    const kind: SponsoredKind = call.contract === "signal" ? "signal" : "claim";

    // Marked before the next step: concurrent copies of one request, on any instance, cannot all get through.
    const inFlightKey = `inflight:${signer}:${request.nonce}`;
    // "sending" only lasts the few seconds of a send (a crash mid-way frees it soon); a sent request's hash stays
    // until the request's deadline has passed, when it can no longer run.
    const ttlMs = Math.max(60_000, (request.deadline + 300) * 1000 - this.now());
    const already = await this.store.putIfAbsent(inFlightKey, "sending", 120_000);
    if (already !== undefined) {
      return refuse(
        409,
        "nonce",
        `This signed request is already being submitted${already === "sending" ? "" : ` (transaction ${already})`}: wait for it to be mined.`,
      );
    }
    let sent = false;
    try {
      const outcome = await this.takeShareRate(share, kind);
      if (outcome) return outcome;
      const submitted = await this.submit(request, share, kind, inFlightKey, ttlMs);
      sent = submitted.status === 200;
      return submitted;
    } finally {
      if (!sent) await this.store.delete(inFlightKey, "sending");
    }
  }

  /** Stops watching sponsor transactions and closes the store (tests, shutdown). */
  async close(): Promise<void> {
    await this.sender.stop();
    await Promise.all(this.settling);
    await this.store.close();
  }

  /** What a share has spent in the spend window (tests and operators). */
  async spentWei(shareId = "all"): Promise<bigint> {
    return gweiToWei(await this.store.spentGwei(`spend:${shareId}`));
  }

  private async shareFor(call: RelayableCall): Promise<SponsorShare | undefined> {
    if (this.shares.all) return this.shares.all;
    const authority = await recordAuthority(this.publicClient, this.contracts, call);
    return authority ? shareForRecord(this.shares, authority) : undefined;
  }

  /** The global rate counts only requests that would succeed and that the sponsor chose, each in its share. */
  private async takeShareRate(share: SponsorShare, kind: SponsoredKind): Promise<RelayOutcome | undefined> {
    const verdict = await this.store.takeRate(rateBuckets(share, kind));
    if (verdict.taken) return undefined;
    const wait = seconds(verdict.retryAfterMs);
    const window = `${this.policy.rateWindowMs / 60_000} minute(s)`;
    if (verdict.bucket === 1) {
      return refuse(
        429,
        "rate",
        `Payment signals on ${recordsOf(share)} have used their ${share.signalRateLimit} requests of the last ${window}; the rest is kept for claims. Try again in ${wait} seconds, or pay the fee from your own wallet.`,
        wait,
      );
    }
    return refuse(
      429,
      "rate",
      `The relayer is busy: ${recordsOf(share)} have used their ${share.rateLimit} sponsored requests of the last ${window}. Try again in ${wait} seconds, or send a signed link to the clerk.`,
      wait,
    );
  }

  private async submit(
    request: SignedForwardRequest,
    share: SponsorShare,
    kind: SponsoredKind,
    inFlightKey: string,
    ttlMs: number,
  ): Promise<RelayOutcome> {
    const data = encodeFunctionData({ abi: forwarder.abi, functionName: "execute", args: [forwardRequestData(request)] });
    // Both at once: one round trip less for every request.
    const [estimate, fees] = await Promise.all([
      this.publicClient.estimateGas({ account: this.sponsor, to: this.contracts.forwarder, data }).then(
        (gas) => ({ gas }),
        (error: unknown) => ({ error }),
      ),
      this.publicClient.estimateFeesPerGas(),
    ]);
    if ("error" in estimate) return refuse(422, "simulation", `The forwarder would refuse it: ${describeError(estimate.error).message}`);
    const gas = estimate.gas + estimate.gas / 10n;
    if (gas > this.policy.maxTransactionGas) {
      return refuse(
        422,
        "gas",
        `Submitting it would take ${gas.toLocaleString("en-US")} gas; the relayer pays for at most ${this.policy.maxTransactionGas.toLocaleString("en-US")}. Pay the fee from your own wallet instead.`,
      );
    }
    if (fees.maxFeePerGas > this.policy.maxFeePerGasWei) {
      return refuse(
        503,
        "fee",
        `Network fees (${formatGwei(fees.maxFeePerGas)} gwei) are above the ${formatGwei(this.policy.maxFeePerGasWei)} gwei the relayer pays. Try again later, or send a signed link to the clerk.`,
        60,
      );
    }
    const buckets = spendBuckets(share, kind);
    const reservation = await this.store.reserveSpend(buckets, weiToGwei(gas * fees.maxFeePerGas));
    if (!reservation) return this.spendRefusal(share, kind);

    const reservations: SpendReservation[] = [reservation];
    let sent: SentTransaction;
    try {
      sent = await this.sender.send({
        to: this.contracts.forwarder,
        data,
        gas,
        fees,
        // A replacement's higher fee is reserved under the same caps first.
        topUp: async (extraWei) => {
          const extra = await this.store.reserveSpend(buckets, weiToGwei(extraWei));
          if (extra) reservations.push(extra);
          return extra !== undefined;
        },
      });
    } catch (error) {
      await this.store.settleSpend(reservation, 0).catch(() => undefined);
      console.error("relayer: send failed", error);
      return refuse(503, "send", "The relayer cannot submit this right now. Try again later, or send a signed link to the clerk.", 30);
    }
    // From here on it is sent: whatever fails, the answer is its hash (the in-flight mark then just keeps "sending").
    await this.store.put(inFlightKey, sent.hash, ttlMs).catch((error: unknown) => console.error("relayer: store failed", error));
    void sent.outcome.then((outcome) => {
      const settling = this.settle(outcome, reservations, request, inFlightKey);
      this.settling.add(settling);
      void settling.finally(() => this.settling.delete(settling));
    });
    return { status: 200, body: { hash: sent.hash, sponsor: this.sponsor } };
  }

  private spendRefusal(share: SponsorShare, kind: SponsoredKind): RelayOutcome {
    // A slot of the ledger is an hour: the earliest some of the cap can come back.
    const retryAfter = Math.ceil(this.policy.spendWindowMs / 24 / 1000);
    if (kind === "signal") {
      return refuse(
        503,
        "spend",
        `Payment signals on ${recordsOf(share)} have used their part (${formatEther(gweiToWei(share.signalCapGwei))} ETH) of the relayer's daily budget; the rest is kept for claims. Try again later, or pay the fee from your own wallet.`,
        retryAfter,
      );
    }
    return refuse(
      503,
      "spend",
      `The relayer has reached its spending cap for ${recordsOf(share)} (${formatEther(gweiToWei(share.capGwei))} ETH a day). Try again later, or send a signed link to the clerk.`,
      retryAfter,
    );
  }

  /** Once the transaction's nonce is used: the real cost replaces the reservations, and a revert costs the signer. */
  private async settle(
    outcome: SendOutcome,
    reservations: SpendReservation[],
    request: SignedForwardRequest,
    inFlightKey: string,
  ): Promise<void> {
    try {
      const [first, ...extras] = reservations;
      if (outcome.kind === "mined") {
        const { receipt } = outcome;
        if (receipt.status !== "success" && (await this.revertedInTime(receipt.blockNumber, request.deadline))) {
          await this.store.put(`penalty:${request.from.toLowerCase()}`, "reverted", this.policy.rateWindowMs);
        }
        await this.store.settleSpend(first, weiToGwei(receipt.gasUsed * receipt.effectiveGasPrice));
      } else if (outcome.kind === "superseded") {
        // Dropped, and its nonce used by another transaction: this request never ran and cost nothing.
        await this.store.settleSpend(first, 0);
      } else {
        // Left pending: it may still be mined, so its worst case stays counted until it leaves the spend window.
        console.warn(`relayer: gave up the transaction of ${request.from}'s request (${outcome.reason}).`);
        await this.store.delete(inFlightKey);
        return;
      }
      for (const extra of extras) await this.store.settleSpend(extra, 0);
      await this.store.delete(inFlightKey);
    } catch (error) {
      console.error("relayer: settling a sponsor transaction failed", error);
    }
  }

  /** A request mined after its deadline reverts through no fault of its signer (the sponsor's transaction waited). */
  private async revertedInTime(blockNumber: bigint, deadline: number): Promise<boolean> {
    const block = await this.publicClient.getBlock({ blockNumber });
    return Number(block.timestamp) <= deadline;
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function recordsOf(share: SponsorShare): string {
  return share.principal ? `the records of ${shortHex(share.principal)}` : "the records it sponsors";
}
