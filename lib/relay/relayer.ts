import {
  type Address,
  type Chain,
  type LocalAccount,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
  encodeFunctionData,
  formatEther,
  formatGwei,
  parseEventLogs,
  zeroAddress,
} from "viem";
import { forwarder } from "@/lib/contracts";
import { escrow } from "@/lib/escrow/escrowContract";
import { describeError } from "@/lib/errors/describeError";
import { shortHex } from "@/lib/format/hex";
import { type CheckId, checkForwardRequest } from "@/lib/forwarder/checkForwardRequest";
import { inWords } from "@/lib/forwarder/deadlineWindow";
import { completionHeadroom } from "@/lib/forwarder/completionHeadroom";
import { type ForwardingContracts, forwardingContractsOn } from "@/lib/forwarder/forwardingContracts";
import { type SignedForwardRequest, forwardRequestData } from "@/lib/forwarder/forwardRequest";
import type { EscrowPartyCall, RelayableCall } from "@/lib/forwarder/relayableCalls";
import { isRpcFailure } from "@/lib/forwarder/rpcFailure";
import { recordAuthority } from "./recordAuthority";
import { type RefusalStatus, type RelayOutcome, refuse } from "./refusal";
import { MAX_BATCH_REQUESTS, batchCallsProblem, parseRelayBody } from "./relayBody";
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
  /** The deployment of the relayer's chain: the app's default chain's unless given (another served chain, a test chain). */
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
  escrow: 422,
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
 * checks (call, deadline window, attestation, escrow, nonce, signature, a signing wallet without code), the penalties
 * of the signer and of the claimed token, the signer's limit, the simulation, whether the sponsor chose this record (its
 * principals' share), the global rate of that share, gas (estimated with the real fees) and fees, and the spending
 * caps of the share and of the signer. Only then does it send. Every limit lives in the store (store/relayerStore.ts), so a
 * restart keeps them and instances sharing the store share them. Every refusal says why, in words, and sends nothing.
 */
export class Relayer {
  readonly sponsor: Address;
  /** The one chain this relayer sends on (its wallet client's): requests signed for any other are refused by the checks. */
  readonly chainId: number;
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
    this.sponsor = options.walletClient.account.address;
    this.chainId = options.walletClient.chain.id;
    this.contracts = options.contracts ?? forwardingContractsOn(this.chainId);
    this.now = options.now ?? Date.now;
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
    return verdict.taken ? undefined : this.clientRateRefusal(verdict.retryAfterMs);
  }

  private clientRateRefusal(retryAfterMs: number): RelayOutcome {
    const wait = seconds(retryAfterMs);
    return refuse(
      429,
      "rate",
      `Too many requests from your network (${this.policy.perClientLimit} a minute). Try again in ${wait} seconds.`,
      wait,
    );
  }

  /**
   * The most requests one batch may hold here: what the body holds, and no more than one signer may send in a rate
   * window (a larger batch could never pass the signer's limit). The relayer's GET answer tells clients.
   */
  get maxBatch(): number {
    return Math.max(1, Math.min(MAX_BATCH_REQUESTS, this.policy.perAddressLimit));
  }

  /**
   * Relays one `{ request }` body, or a `{ requests }` batch of one signer's claims (relayBody.ts), already admitted
   * for its client. Each request of a batch passes every check a request alone passes and counts as one in every
   * limit: the client's (`client`, whose first slot admit() took), the signer's, the share's, and the spend caps
   * through the transaction's worst case. A batch is sent as one `executeBatch` transaction, or refused whole, with
   * the request at fault named. See the class comment for the order.
   */
  async relay(body: unknown, client?: string): Promise<RelayOutcome> {
    const parsed = parseRelayBody(body);
    if (!parsed.ok) return refuse(400, "format", parsed.message);
    const { requests } = parsed;
    const count = requests.length;
    /** Which request of a batch a refusal is about (nothing for a request alone). */
    const which = (i: number) => (count > 1 ? `Request ${i + 1} of ${count}: ` : "");
    if (count > this.maxBatch) {
      return refuse(
        422,
        "batch",
        `The batch holds ${count} requests; this relayer takes at most ${this.maxBatch} of one wallet's at once. Send them in smaller batches.`,
      );
    }
    if (count > 1 && client !== undefined) {
      const extra = await this.store.takeRate([{ key: `client:${client}`, limit: this.policy.perClientLimit, count: count - 1 }]);
      if (!extra.taken) return this.clientRateRefusal(extra.retryAfterMs);
    }

    // Everything but the simulation first: a forged, stale or far-future request must not use up anyone's limit.
    const checked = await Promise.all(
      requests.map((request, i) =>
        checkForwardRequest(this.publicClient, request, {
          stopAtFirstFailure: true,
          contracts: this.contracts,
          now: this.now,
          nonceOffset: BigInt(i),
        }),
      ),
    );
    for (const [i, { failure }] of checked.entries()) {
      if (failure && failure.id !== "simulation") return refuse(CHECK_STATUS[failure.id], failure.id, `${which(i)}${failure.text}`);
    }
    // The node did not answer: the request may well pass, so retry (and nothing of the signer's is taken).
    for (const [i, { failure }] of checked.entries())
      if (failure?.unanswered) return refuse(503, "chain", `${which(i)}${failure.text}`, 10);
    const calls = checked.map((c) => c.call);
    const batchProblem = count > 1 ? batchCallsProblem(calls) : undefined;
    if (batchProblem) return refuse(422, "batch", batchProblem);

    const [first] = requests;
    const signer = first.from.toLowerCase();
    const penalized = await this.penaltyOf(signer, calls);
    if (penalized) return penalized;
    // Only a signer's own signature counts against its limit, so nobody can use up someone else's.
    const own = await this.store.takeRate([{ key: `address:${signer}`, limit: this.policy.perAddressLimit, count }]);
    if (!own.taken) {
      const wait = seconds(own.retryAfterMs);
      return refuse(
        429,
        "rate",
        `This wallet has sent ${this.policy.perAddressLimit} requests in the last ${this.policy.rateWindowMs / 60_000} minute(s), the most the relayer takes${count > 1 ? ` (this batch counts ${count})` : ""}. Try again in ${wait} seconds.`,
        wait,
      );
    }
    for (const [i, { failure }] of checked.entries()) if (failure) return refuse(422, "simulation", `${which(i)}${failure.text}`);
    const known = calls.filter((call): call is RelayableCall => call !== undefined);
    if (known.length !== count) return refuse(422, "call", "The request's call could not be read.");

    const shares = await Promise.all(known.map((call) => this.shareFor(call)));
    const share = shares[0];
    for (const [i, each] of shares.entries()) {
      if (!each) {
        return refuse(
          422,
          "sponsorship",
          `${which(i)}This relayer pays only for the records of the offices it serves (owned by one, or with one as accepted executor); this record is not one of them. Send a signed link to the clerk, or pay the fee from your own wallet.`,
        );
      }
      if (each.id !== share?.id) {
        return refuse(
          422,
          "batch",
          `${which(i)}its record is paid from another office's share than the first request's. Send the claims of each office's records in a batch of their own.`,
        );
      }
    }
    if (!share) return refuse(422, "call", "The request's call could not be read.");
    const kind: SponsoredKind = known[0].contract === "tokenizer" ? "claim" : known[0].contract;

    // Marked before the next step: concurrent copies of one request, on any instance, cannot all get through.
    const inFlightKeys = requests.map((request) => `inflight:${signer}:${request.nonce}`);
    // "sending" only lasts the few seconds of a send (a crash mid-way frees it soon); a sent request's hash stays
    // until the request's deadline has passed, when it can no longer run.
    const ttlMs = Math.max(60_000, (Math.max(...requests.map((r) => r.deadline)) + 300) * 1000 - this.now());
    const marked: string[] = [];
    let sent = false;
    try {
      for (const [i, key] of inFlightKeys.entries()) {
        const already = await this.store.putIfAbsent(key, "sending", SENDING_TTL_MS);
        if (already !== undefined) {
          return refuse(
            409,
            "nonce",
            `${which(i)}This signed request is already being submitted${already === "sending" ? "" : ` (transaction ${already})`}: wait for it to be mined.`,
          );
        }
        marked.push(key);
      }
      const outcome = await this.takeShareRate(share, kind, count);
      if (outcome) return outcome;
      const submitted = await this.submit(requests, known, share, kind, inFlightKeys, ttlMs);
      sent = submitted.status === 200;
      return submitted;
    } finally {
      // Only the marks this call set: another copy's mark is that copy's to clear.
      if (!sent) for (const key of marked) await this.store.delete(key, "sending");
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
  private async penaltyOf(signer: string, calls: readonly (RelayableCall | undefined)[]): Promise<RelayOutcome | undefined> {
    const claims = calls.flatMap((call) => (call && claimKey(call) ? [claimKey(call)] : []));
    const [own, ...tokens] = await Promise.all([
      this.store.get(`penalty:${signer}`),
      ...claims.map((claim) => this.store.get(`penalty:${claim}`)),
    ]);
    const token = tokens.find((penalty) => penalty !== undefined);
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
  private async takeShareRate(share: SponsorShare, kind: SponsoredKind, count: number): Promise<RelayOutcome | undefined> {
    const verdict = await this.store.takeRate(rateBuckets(share, kind).map((bucket) => ({ ...bucket, count })));
    if (verdict.taken) return undefined;
    const wait = seconds(verdict.retryAfterMs);
    const window = `${this.policy.rateWindowMs / 60_000} minute(s)`;
    if (verdict.bucket === 1) {
      return refuse(
        429,
        "rate",
        `${nonClaimCalls(kind)} on ${recordsOf(share)} have used their ${share.signalRateLimit} requests of the last ${window}; the rest is kept for claims. Try again in ${wait} seconds, or pay the fee from your own wallet.`,
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
    requests: readonly SignedForwardRequest[],
    calls: readonly RelayableCall[],
    share: SponsorShare,
    kind: SponsoredKind,
    inFlightKeys: readonly string[],
    ttlMs: number,
  ): Promise<RelayOutcome> {
    const [request] = requests;
    const data =
      requests.length === 1
        ? encodeFunctionData({ abi: forwarder.abi, functionName: "execute", args: [forwardRequestData(request)] })
        : // No refund receiver: a request that is no longer valid when mined (expired, its nonce used by a copy) reverts
          // the whole batch instead of being skipped, so the batch runs as checked or not at all.
          encodeFunctionData({ abi: forwarder.abi, functionName: "executeBatch", args: [requests.map(forwardRequestData), zeroAddress] });
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
    // The estimate is what the calls use now. A claim may complete its record by the time it is mined (another party's
    // claim landing first) and then announce every token's metadata: each claim's headroom goes into the limit too,
    // or the forwarder's gas check would burn the whole transaction.
    const headroom = requests.reduce((sum, r) => sum + completionHeadroom(r.data), 0n);
    const gas = estimate.gas + estimate.gas / 10n + headroom;
    // A batch may take what its requests alone would: the cap once per request.
    const maxGas = this.policy.maxTransactionGas * BigInt(requests.length);
    if (gas > maxGas) {
      return refuse(
        422,
        "gas",
        `Submitting it would take ${gas.toLocaleString("en-US")} gas; the relayer pays for at most ${maxGas.toLocaleString("en-US")}${requests.length > 1 ? ` (${this.policy.maxTransactionGas.toLocaleString("en-US")} per request)` : ""}. Pay the fee from your own wallet instead.`,
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
          for (const key of inFlightKeys)
            void this.store.delete(key).catch((error: unknown) => console.error("relayer: store failed", error));
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
    for (const key of inFlightKeys)
      await this.store.put(key, sent.hash, ttlMs).catch((error: unknown) => console.error("relayer: store failed", error));
    void sent.outcome.then((outcome) => {
      const settling = this.settle(outcome, reservations, requests, calls, inFlightKeys);
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
    if (kind !== "claim") {
      return refuse(
        503,
        "spend",
        `${nonClaimCalls(kind)} on ${recordsOf(share)} have used their part (${formatEther(gweiToWei(share.signalCapGwei))} ETH) of the relayer's daily budget; the rest is kept for claims. Try again later, or pay the fee from your own wallet.`,
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
    requests: readonly SignedForwardRequest[],
    calls: readonly RelayableCall[],
    inFlightKeys: readonly string[],
  ): Promise<void> {
    try {
      const [first, ...extras] = reservations;
      if (outcome.kind === "mined" || outcome.kind === "cancelled") {
        const { receipt } = outcome;
        // A cancellation is the sponsor's own transfer: it succeeds, and never counts against the signer.
        const failed =
          receipt.status !== "success"
            ? (await this.signerAtFault(receipt.blockNumber, requests, calls))
              ? calls
              : []
            : failedInBatch(receipt, requests, calls, this.contracts.forwarder);
        if (failed.length > 0) {
          await Promise.all([
            this.store.put(`penalty:${requests[0].from.toLowerCase()}`, "reverted", this.policy.spendWindowMs),
            ...failed.map((call) => {
              const claim = claimKey(call);
              return claim ? this.store.put(`penalty:${claim}`, "reverted", this.policy.spendWindowMs) : undefined;
            }),
          ]);
        }
        await this.store.settleSpend(first, weiToGwei(receipt.gasUsed * receipt.effectiveGasPrice));
      } else if (outcome.kind === "superseded") {
        // Dropped, and its nonce proven used by another request's transaction: this one never ran and cost nothing.
        await this.store.settleSpend(first, 0);
      } else {
        // Left pending: it may still be mined, so its worst case stays counted until it leaves the spend window.
        console.warn(`relayer: gave up the transaction of ${requests[0].from}'s request (${outcome.reason}).`);
        for (const key of inFlightKeys) await this.store.delete(key);
        return;
      }
      for (const extra of extras) await this.store.settleSpend(extra, 0);
      for (const key of inFlightKeys) await this.store.delete(key);
    } catch (error) {
      console.error("relayer: settling a sponsor transaction failed", error);
    }
  }

  /**
   * Whether a reverted request (or batch) is its signer's doing. Not when it was mined after its (earliest) deadline
   * (the sponsor's transaction waited), nor when the signer's forwarder nonce had moved past its (first) request by
   * that block: someone copied a request out of the pending transaction and ran it first (the party's call happened;
   * only the copy reverted). Nor, for an escrow call, when the escrow had moved on by that block (escrowMovedOn).
   */
  private async signerAtFault(
    blockNumber: bigint,
    requests: readonly SignedForwardRequest[],
    calls: readonly RelayableCall[],
  ): Promise<boolean> {
    const [request] = requests;
    const [call] = calls;
    const deadline = Math.min(...requests.map((r) => r.deadline));
    const [block, nonce, escrowAfter] = await Promise.all([
      this.publicClient.getBlock({ blockNumber }),
      this.publicClient.readContract({
        abi: forwarder.abi,
        address: this.contracts.forwarder,
        functionName: "nonces",
        args: [request.from],
        blockNumber,
      }),
      call?.contract === "escrow"
        ? this.publicClient.readContract({
            abi: escrow.abi,
            address: this.contracts.escrow,
            functionName: "getEscrow",
            args: [call.escrowId],
            blockNumber,
          })
        : undefined,
    ]);
    if (call?.contract === "escrow" && escrowAfter && escrowMovedOn(call.functionName, escrowAfter, Number(block.timestamp))) return false;
    return Number(block.timestamp) <= deadline && nonce <= request.nonce;
  }
}

/** IntegraEscrowV1.EscrowStatus: Open, Funded, Disputed. */
const ESCROW_OPEN = 1;
const ESCROW_FUNDED = 2;
const ESCROW_DISPUTED = 3;

/**
 * Whether an escrow call that reverted in a block at `blockTime` found its escrow moved on by then, by someone else
 * or by time (the escrow as of that block's end: the reverted call changed nothing). Anyone may release an escrow
 * whose conditions hold, or refund one past its refund time, and the other party may dispute first: a stranger
 * (a keeper) could land such a call just ahead of a party's sponsored approval or dispute, and the party must not be
 * penalized for it. A revert that is the party's doing (its token moved away, its balance or allowance short, the
 * asset's code) leaves the escrow where it was, and penalizes as any other.
 */
function escrowMovedOn(functionName: EscrowPartyCall, escrowAfter: { status: number; refundAfter: number }, blockTime: number): boolean {
  const { status } = escrowAfter;
  switch (functionName) {
    case "approveRelease":
      return status !== ESCROW_OPEN && status !== ESCROW_FUNDED && status !== ESCROW_DISPUTED;
    case "depositWithPermit":
      return status !== ESCROW_OPEN || blockTime >= escrowAfter.refundAfter;
    case "raiseDispute":
      return status !== ESCROW_FUNDED || blockTime >= escrowAfter.refundAfter;
  }
}

/**
 * How long a request may stay "sending" before another copy is taken: longer than the wait for the nonce lock and a
 * send over a slow RPC (the lock is renewed while held, so a send cannot outlast this by much), short enough that a
 * crash mid-way frees it soon.
 */
const SENDING_TTL_MS = 5 * 60_000;

/**
 * The calls of a mined batch whose inner call failed (the forwarder's ExecutedForwardRequest with success false): a
 * batch does not revert for them, but the sponsor paid for each. A request alone reverts whole instead (execute).
 */
function failedInBatch(
  receipt: TransactionReceipt,
  requests: readonly SignedForwardRequest[],
  calls: readonly RelayableCall[],
  forwarderAddress: Address,
): RelayableCall[] {
  if (requests.length < 2) return [];
  const executed = parseEventLogs({ abi: forwarder.abi, logs: receipt.logs, eventName: "ExecutedForwardRequest" }).filter(
    (log) => log.address.toLowerCase() === forwarderAddress.toLowerCase() && !log.args.success,
  );
  return executed.flatMap((log) => {
    const index = requests.findIndex((r) => r.nonce === log.args.nonce);
    return index >= 0 ? [calls[index]] : [];
  });
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Who shares the part of a share that is not kept for claims, as a refusal of `kind` names them. */
function nonClaimCalls(kind: SponsoredKind): string {
  return kind === "escrow" ? "Escrow calls (with payment signals, which share their part)" : "Payment signals";
}

function recordsOf(share: SponsorShare): string {
  return share.principal ? `the records of ${shortHex(share.principal)}` : "the records it sponsors";
}
