import {
  type Account,
  type Address,
  type Chain,
  type Hash,
  type PublicClient,
  type Transport,
  type WalletClient,
  encodeFunctionData,
  formatEther,
} from "viem";
import { forwarder, registry, signal } from "@/lib/contracts";
import { describeError } from "@/lib/errors/describeError";
import { checkForwardRequest } from "@/lib/forwarder/checkForwardRequest";
import { forwardRequestData, fromWire } from "@/lib/forwarder/forwardRequest";
import type { RelayableCall } from "@/lib/forwarder/relayableCalls";
import { RateLimiter } from "./rateLimiter";
import type { RelayAccepted, RelayRefusal } from "./relayApi";
import { SpendLedger } from "./spendLedger";

export interface RelayerPolicy {
  /** Requests one client (IP) may post per window, counted before any chain read. */
  perClientLimit: number;
  /** Well-signed requests one signer may post per window. */
  perAddressLimit: number;
  /** Requests that would succeed, from all signers together, per window. */
  globalLimit: number;
  rateWindowMs: number;
  /** Most the sponsor spends on gas per spend window. */
  spendCapWei: bigint;
  spendWindowMs: number;
  /** Highest fee per gas the sponsor pays; above it requests wait for calmer blocks. */
  maxFeePerGasWei: bigint;
  /** Most gas one relayed transaction (the forwarder's execute) may take. */
  maxTransactionGas: bigint;
  /** When set, only records whose owner or executor is listed are sponsored. */
  sponsoredPrincipals?: readonly Address[];
}

export type RelayOutcome =
  { status: 200; body: RelayAccepted } | { status: 400 | 409 | 422 | 429 | 503; body: RelayRefusal; retryAfter?: number };

const refuse = (status: 400 | 409 | 422 | 429 | 503, check: string, message: string, retryAfter?: number): RelayOutcome => ({
  status,
  body: { error: { check, message } },
  retryAfter,
});

/**
 * Sends `forwarder.execute` for signed party requests, paying the gas from one sponsor account. It checks
 * the request (the sponsored calls only, deadline, nonce, signature, a simulation), then the rate limits and
 * the spending cap, and only then sends. Sends are serialized so the sponsor's nonces stay consecutive under
 * concurrent requests; every refusal says why, in words, and sends nothing.
 */
export class Relayer {
  private readonly perClient: RateLimiter;
  private readonly perAddress: RateLimiter;
  private readonly global: RateLimiter;
  private readonly ledger: SpendLedger;
  /** Requests between acceptance and their receipt, by signer and nonce: the same request twice at once pays once. */
  private readonly inFlight = new Map<string, Hash | "sending">();
  /** Signers whose relayed transaction reverted on chain: refused for the rest of the rate window. */
  private readonly penalized: RateLimiter;
  private queue: Promise<unknown> = Promise.resolve();
  private nextNonce: number | undefined;
  private lastHash: Hash | undefined;

  constructor(
    private readonly publicClient: PublicClient,
    private readonly walletClient: WalletClient<Transport, Chain, Account>,
    private readonly policy: RelayerPolicy,
  ) {
    this.perClient = new RateLimiter(policy.perClientLimit, policy.rateWindowMs);
    this.perAddress = new RateLimiter(policy.perAddressLimit, policy.rateWindowMs);
    this.global = new RateLimiter(policy.globalLimit, policy.rateWindowMs);
    this.penalized = new RateLimiter(1, policy.rateWindowMs);
    this.ledger = new SpendLedger(policy.spendCapWei, policy.spendWindowMs);
  }

  get sponsor(): Address {
    return this.walletClient.account.address;
  }

  async relay(body: unknown, client = "unknown"): Promise<RelayOutcome> {
    // Before any chain read, so junk cannot spend the RPC quota faster than this.
    if (!this.perClient.take(client)) {
      const wait = this.perClient.retryAfterSeconds(client);
      return refuse(
        429,
        "rate",
        `Too many requests from your network (${this.perClient.limit} a minute). Try again in ${wait} seconds. Nothing was sent.`,
        wait,
      );
    }
    let request;
    try {
      request = fromWire((body as { request?: unknown } | null)?.request);
    } catch (error) {
      return refuse(400, "format", `${(error as Error).message} Nothing was sent.`);
    }

    // Everything but the simulation first: a forged or stale request must not use up anyone's rate limit.
    const checked = await checkForwardRequest(this.publicClient, request, { stopAtFirstFailure: true });
    const failure = checked.failure;
    if (failure && failure.id !== "simulation") {
      const status = failure.id === "nonce" ? 409 : failure.id === "call" || failure.id === "value" || failure.id === "gas" ? 422 : 400;
      return refuse(status, failure.id, `${failure.text} Nothing was sent.`);
    }

    const signer = request.from.toLowerCase();
    if (this.penalized.retryAfterSeconds(signer) > 0) {
      return refuse(
        429,
        "rate",
        `A request of this wallet reverted on chain at the sponsor's cost; it is refused for the next ${this.penalized.retryAfterSeconds(signer)} seconds. Nothing was sent.`,
      );
    }
    // Only a signer's own signature counts against its limit, so nobody can use up someone else's.
    if (!this.perAddress.take(signer)) {
      const wait = this.perAddress.retryAfterSeconds(signer);
      return refuse(
        429,
        "rate",
        `This wallet has sent ${this.perAddress.limit} requests in the last ${this.perAddress.windowMs / 60_000} minute(s), the most the relayer takes. Try again in ${wait} seconds. Nothing was sent.`,
        wait,
      );
    }
    if (failure) return refuse(422, "simulation", `${failure.text} Nothing was sent.`);
    if (this.policy.sponsoredPrincipals && !(await this.isSponsoredRecord(checked.call))) {
      return refuse(
        422,
        "sponsorship",
        "This relayer sponsors only the records of the offices it serves; this record is not one of them. Send a signed link to the clerk instead. Nothing was sent.",
      );
    }

    // Claimed synchronously, before the next await: concurrent copies of one request cannot all get through.
    const key = `${signer}:${request.nonce}`;
    const pending = this.inFlight.get(key);
    if (pending) {
      return refuse(
        409,
        "nonce",
        `This signed request is already being submitted${pending === "sending" ? "" : ` (transaction ${pending})`}. Nothing more was sent.`,
      );
    }
    // The global limit counts only requests that would succeed: failing ones cannot crowd out real parties.
    if (!this.global.take("all")) {
      const wait = this.global.retryAfterSeconds("all");
      return refuse(
        429,
        "rate",
        `The relayer is busy (${this.global.limit} requests in the last ${this.global.windowMs / 60_000} minute(s)). Try again in ${wait} seconds, or send a signed link to the clerk. Nothing was sent.`,
        wait,
      );
    }
    this.inFlight.set(key, "sending");
    try {
      return await this.submit(request, key, signer);
    } finally {
      if (this.inFlight.get(key) === "sending") this.inFlight.delete(key);
    }
  }

  private async submit(request: ReturnType<typeof fromWire>, key: string, signer: string): Promise<RelayOutcome> {
    const data = encodeFunctionData({ ...forwarder, functionName: "execute", args: [forwardRequestData(request)] });
    let gas: bigint;
    try {
      gas = await this.publicClient.estimateGas({ account: this.sponsor, to: forwarder.address, data });
    } catch (error) {
      return refuse(422, "simulation", `The forwarder would refuse it: ${describeError(error).message} Nothing was sent.`);
    }
    gas += gas / 10n;
    if (gas > this.policy.maxTransactionGas) {
      return refuse(
        422,
        "gas",
        `Submitting it would take ${gas.toLocaleString("en-US")} gas; the relayer pays for at most ${this.policy.maxTransactionGas.toLocaleString("en-US")}. Nothing was sent.`,
      );
    }
    const fees = await this.publicClient.estimateFeesPerGas();
    if (fees.maxFeePerGas > this.policy.maxFeePerGasWei) {
      return refuse(
        503,
        "fee",
        "Network fees are above what the relayer pays right now. Try again later, or send a signed link to the clerk. Nothing was sent.",
      );
    }
    const worstCase = gas * fees.maxFeePerGas;
    const reservation = this.ledger.reserve(worstCase);
    if (reservation === undefined) {
      return refuse(
        503,
        "spend",
        `The relayer has reached its spending cap of ${formatEther(this.ledger.capWei)} ETH for now. Send a signed link to the clerk instead. Nothing was sent.`,
      );
    }

    let hash: Hash;
    try {
      hash = await this.serially(() => this.send(data, gas, fees.maxFeePerGas, fees.maxPriorityFeePerGas));
    } catch (error) {
      this.ledger.settle(reservation, 0n);
      console.error("relayer: send failed", error);
      return refuse(
        503,
        "send",
        "The relayer cannot submit this right now. Try again later, or send a signed link to the clerk. Nothing was sent.",
      );
    }
    this.inFlight.set(key, hash);
    void this.publicClient.waitForTransactionReceipt({ hash }).then(
      (receipt) => {
        this.ledger.settle(reservation, receipt.gasUsed * receipt.effectiveGasPrice);
        if (receipt.status !== "success") this.penalized.take(signer);
        this.inFlight.delete(key);
      },
      // Dropped or still pending: the worst case stays reserved until the window rolls over, and the
      // request stays in flight so it is not paid for twice.
      () => undefined,
    );
    return { status: 200, body: { hash, sponsor: this.sponsor } };
  }

  /** Whether the record a call acts on is owned or executed by one of the sponsored principals. */
  private async isSponsoredRecord(call: RelayableCall | undefined): Promise<boolean> {
    let integraHash = call?.integraHash;
    if (!integraHash && call?.contract === "signal" && call.paymentId !== undefined) {
      integraHash = (
        await this.publicClient.readContract({ ...signal, functionName: "getPayment", args: [call.paymentId] }).catch(() => undefined)
      )?.integraHash;
    }
    if (!integraHash) return false;
    const authority = await this.publicClient
      .readContract({ ...registry, functionName: "authorityOf", args: [integraHash] })
      .catch(() => undefined);
    if (!authority) return false;
    const [owner, executor] = authority;
    const principals = new Set(this.policy.sponsoredPrincipals?.map((a) => a.toLowerCase()));
    return principals.has(owner.toLowerCase()) || principals.has(executor.toLowerCase());
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Sends with the next nonce. Runs one at a time (see `serially`). */
  private async send(data: `0x${string}`, gas: bigint, maxFeePerGas: bigint, maxPriorityFeePerGas: bigint): Promise<Hash> {
    const nonce = await this.nonceForNextSend();
    const hash = await this.walletClient.sendTransaction({ to: forwarder.address, data, gas, maxFeePerGas, maxPriorityFeePerGas, nonce });
    this.nextNonce = nonce + 1;
    this.lastHash = hash;
    return hash;
  }

  /**
   * The node's pending count is the truth, except just after our own send when a load-balanced node may lag:
   * then our own count wins, as long as our last transaction is still known to the node (after a reorg, a
   * dropped transaction or a chain reset, it is not, and the node's count is right again).
   */
  private async nonceForNextSend(): Promise<number> {
    const pending = await this.publicClient.getTransactionCount({ address: this.sponsor, blockTag: "pending" });
    if (this.nextNonce === undefined || pending >= this.nextNonce || !this.lastHash) return pending;
    const last = await this.publicClient.getTransaction({ hash: this.lastHash }).catch(() => undefined);
    return last ? this.nextNonce : pending;
  }
}
