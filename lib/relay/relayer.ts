import {
  type Address,
  type Chain,
  type LocalAccount,
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
import { inWords } from "@/lib/forwarder/deadlineWindow";
import { type ForwardingContracts, appForwardingContracts } from "@/lib/forwarder/forwardingContracts";
import { type SignedForwardRequest, forwardRequestData, fromWire } from "@/lib/forwarder/forwardRequest";
import type { RelayableCall } from "@/lib/forwarder/relayableCalls";
import { isRpcFailure } from "@/lib/forwarder/rpcFailure";
import { recordAuthority } from "./recordAuthority";
import { type RefusalStatus, type RelayOutcome, refuse } from "./refusal";
import type { RelayerPolicy } from "./relayerPolicy";
import { type SendOutcome, type SentTransaction, SignerHasCodeError, SponsorSender } from "./sponsorSender";
import {
  type SponsorShare,
  type SponsorShares,
  type SponsoredKind,
  rateBuckets,
  shareForRecord,
  signerSpendBucket,
  spendBuckets,
  sponsorShares,
} from "./sponsorShares";
import { type RelayerStore, type SpendBucket, type SpendReservation, gweiToWei, weiToGwei } from "./store/relayerStore";

export type { RelayOutcome } from "./refusal";

export interface RelayerOptions {
  publicClient: PublicClient;
  /** Its account signs locally: every transaction's hash is known before it is sent (sponsorSender.ts). */
  walletClient: WalletClient<Transport, Chain, LocalAccount>;
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
  wallet: 422,
};

/** A claim's store key: its token, whoever signs for it. */
const claimKey = (call: RelayableCall): string | undefined =>
  call.contract === "tokenizer" ? `claim:${call.integraHash.toLowerCase()}:${call.tokenId}` : undefined;

/**
 * Sends `forwarder.execute` for signed party requests, paying the gas from one sponsor account. In order, cheapest
 * first, so nothing that fails costs a slot of anything scarcer: the client's limit, the request's format and
 * checks (call, deadline window, attestation, nonce, signature, a signing wallet without code), the penalties of the
 * signer and of the claimed token, the signer's limit, the simulation, whether the sponsor chose this record (its
 * principals' share), the global rate of that share, gas (estimated with the real fees) and fees, and the spending
 * caps of the share and of the signer. Only then does it send. Every limit lives in the store (store/relayerStore.ts), so a
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
    // The node did not answer: the request may well pass, so retry (and nothing of the signer's is taken).
    if (failure?.unanswered) return refuse(503, "chain", failure.text, 10);

    const signer = request.from.toLowerCase();
    const penalized = await this.penaltyOf(signer, checked.call);
    if (penalized) return penalized;
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
    const already = await this.store.putIfAbsent(inFlightKey, "sending", SENDING_TTL_MS);
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
      const submitted = await this.submit(request, call, share, kind, inFlightKey, ttlMs);
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

  /**
   * A request of this signer, or a claim of this token, reverted on chain at the sponsor's cost: refused for the whole
   * spend window. A revert that the simulation did not foresee is what code in the claimant's path (a wallet that got
   * code after the checks) or a race does; repeating it is the only way to make the sponsor pay for nothing.
   */
  private async penaltyOf(signer: string, call: RelayableCall | undefined): Promise<RelayOutcome | undefined> {
    const claim = call ? claimKey(call) : undefined;
    const [own, token] = await Promise.all([this.store.get(`penalty:${signer}`), claim ? this.store.get(`penalty:${claim}`) : undefined]);
    if (own) {
      return refuse(
        429,
        "rate",
        `A request of this wallet reverted on chain at the sponsor's cost; it is refused for the next ${inWords(own.ttlMs / 1000)}. Pay the fee from your own wallet, or send a signed link to the clerk.`,
        seconds(own.ttlMs),
      );
    }
    if (token) {
      return refuse(
        429,
        "rate",
        `A sponsored claim of this token reverted on chain at the sponsor's cost; the relayer pays for no claim of it for the next ${inWords(token.ttlMs / 1000)}. Pay the fee from your own wallet, or send a signed link to the clerk.`,
        seconds(token.ttlMs),
      );
    }
    return undefined;
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
    call: RelayableCall,
    share: SponsorShare,
    kind: SponsoredKind,
    inFlightKey: string,
    ttlMs: number,
  ): Promise<RelayOutcome> {
    const data = encodeFunctionData({ abi: forwarder.abi, functionName: "execute", args: [forwardRequestData(request)] });
    // The fees first, and the estimate with them: a simulation at gas price 0 is what code that reads tx.gasprice
    // (in a wallet the call reaches) would pass and then fail on chain, burning the whole limit.
    const fees = await this.publicClient.estimateFeesPerGas();
    const estimate = await this.publicClient
      .estimateGas({
        account: this.sponsor,
        to: this.contracts.forwarder,
        data,
        maxFeePerGas: fees.maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      })
      .then(
        (gas) => ({ gas }),
        (error: unknown) => ({ error }),
      );
    if ("error" in estimate) {
      if (isRpcFailure(estimate.error))
        return refuse(503, "chain", "The chain's node did not answer the simulation. Try again shortly.", 10);
      return refuse(422, "simulation", `The forwarder would refuse it: ${describeError(estimate.error).message}`);
    }
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
    const signerBucket = signerSpendBucket(this.policy, request.from);
    const buckets = [...spendBuckets(share, kind), signerBucket];
    const worstGwei = weiToGwei(gas * fees.maxFeePerGas);
    const reservation = await this.store.reserveSpend(buckets, worstGwei);
    if (!reservation) return this.spendRefusal(share, kind, signerBucket, worstGwei);

    const reservations: SpendReservation[] = [reservation];
    let sent: SentTransaction;
    try {
      sent = await this.sender.send({
        to: this.contracts.forwarder,
        data,
        gas,
        fees,
        signer: request.from,
        // A replacement's higher fee is reserved under the same caps first.
        topUp: async (extraWei) => {
          const extra = await this.store.reserveSpend(buckets, weiToGwei(extraWei));
          if (extra) reservations.push(extra);
          return extra !== undefined;
        },
        // The call would fail now and is being cancelled: the request may be judged again (it will be refused if it
        // was used), while the cancellation's cost is still settled below.
        onCancel: (reason) => {
          console.warn(`relayer: gave up the transaction of ${request.from}'s request (${reason}); cancelling it.`);
          void this.store.delete(inFlightKey).catch((error: unknown) => console.error("relayer: store failed", error));
        },
      });
    } catch (error) {
      // The sender throws only when nothing was sent: releasing the reservation is right.
      await this.store.settleSpend(reservation, 0).catch(() => undefined);
      if (error instanceof SignerHasCodeError) {
        return refuse(
          422,
          "wallet",
          `${shortHex(request.from)} has code now (a contract, or an EIP-7702 delegation): the relayer does not pay for its requests. Pay the fee from that wallet.`,
        );
      }
      console.error("relayer: send failed", error);
      return refuse(503, "send", "The relayer cannot submit this right now. Try again later, or send a signed link to the clerk.", 30);
    }
    if (sent.unconfirmed)
      console.warn(`relayer: ${sent.hash} may not have reached the node; it is watched (and sent again) like any other.`);
    // From here on it is sent (or may be): whatever fails, the answer is its hash, and its worst case stays reserved.
    await this.store.put(inFlightKey, sent.hash, ttlMs).catch((error: unknown) => console.error("relayer: store failed", error));
    void sent.outcome.then((outcome) => {
      const settling = this.settle(outcome, reservations, request, call, inFlightKey);
      this.settling.add(settling);
      void settling.finally(() => this.settling.delete(settling));
    });
    return { status: 200, body: { hash: sent.hash, sponsor: this.sponsor } };
  }

  private async spendRefusal(share: SponsorShare, kind: SponsoredKind, signerBucket: SpendBucket, gwei: number): Promise<RelayOutcome> {
    // A slot of the ledger is an hour: the earliest some of the cap can come back.
    const retryAfter = Math.ceil(this.policy.spendWindowMs / 24 / 1000);
    // The reservation does not say which bucket was full; the signer's is read again only to word the refusal.
    if ((await this.store.spentGwei(signerBucket.key)) + gwei > signerBucket.capGwei) {
      return refuse(
        429,
        "spend",
        `The relayer has paid what it pays for one wallet (${formatEther(gweiToWei(signerBucket.capGwei))} ETH in ${inWords(this.policy.spendWindowMs / 1000)}) for this one. Try again later, pay the fee from your own wallet, or send a signed link to the clerk.`,
        retryAfter,
      );
    }
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
    call: RelayableCall,
    inFlightKey: string,
  ): Promise<void> {
    try {
      const [first, ...extras] = reservations;
      if (outcome.kind === "mined" || outcome.kind === "cancelled") {
        const { receipt } = outcome;
        // A cancellation is the sponsor's own transfer: it succeeds, and never counts against the signer.
        if (receipt.status !== "success" && (await this.signerAtFault(receipt.blockNumber, request))) {
          const claim = claimKey(call);
          await Promise.all([
            this.store.put(`penalty:${request.from.toLowerCase()}`, "reverted", this.policy.spendWindowMs),
            claim ? this.store.put(`penalty:${claim}`, "reverted", this.policy.spendWindowMs) : undefined,
          ]);
        }
        await this.store.settleSpend(first, weiToGwei(receipt.gasUsed * receipt.effectiveGasPrice));
      } else if (outcome.kind === "superseded") {
        // Dropped, and its nonce proven used by another request's transaction: this one never ran and cost nothing.
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

  /**
   * Whether a reverted request is its signer's doing. Not when it was mined after its deadline (the sponsor's
   * transaction waited), nor when the signer's forwarder nonce had moved past it by that block: someone copied the
   * request out of the pending transaction and ran it first (the party's call happened; only the copy reverted).
   */
  private async signerAtFault(blockNumber: bigint, request: SignedForwardRequest): Promise<boolean> {
    const [block, nonce] = await Promise.all([
      this.publicClient.getBlock({ blockNumber }),
      this.publicClient.readContract({
        abi: forwarder.abi,
        address: this.contracts.forwarder,
        functionName: "nonces",
        args: [request.from],
        blockNumber,
      }),
    ]);
    return Number(block.timestamp) <= request.deadline && nonce <= request.nonce;
  }
}

/**
 * How long a request may stay "sending" before another copy is taken: longer than the wait for the nonce lock and a
 * send over a slow RPC (the lock is renewed while held, so a send cannot outlast this by much), short enough that a
 * crash mid-way frees it soon.
 */
const SENDING_TTL_MS = 5 * 60_000;

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function recordsOf(share: SponsorShare): string {
  return share.principal ? `the records of ${shortHex(share.principal)}` : "the records it sponsors";
}
