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
import { forwarder } from "@/lib/contracts";
import { describeError } from "@/lib/errors/describeError";
import { checkForwardRequest } from "@/lib/forwarder/checkForwardRequest";
import { forwardRequestData, fromWire } from "@/lib/forwarder/forwardRequest";
import { RateLimiter } from "./rateLimiter";
import type { RelayAccepted, RelayRefusal } from "./relayApi";
import { SpendLedger } from "./spendLedger";

export interface RelayerPolicy {
  /** Requests one signer may have relayed per window. */
  perAddressLimit: number;
  /** Requests all signers together may have relayed per window. */
  globalLimit: number;
  rateWindowMs: number;
  /** Most the sponsor spends on gas per spend window. */
  spendCapWei: bigint;
  spendWindowMs: number;
}

export type RelayOutcome = { status: 200; body: RelayAccepted } | { status: 400 | 409 | 422 | 429 | 503; body: RelayRefusal; retryAfter?: number };

const refuse = (status: 400 | 409 | 422 | 429 | 503, check: string, message: string, retryAfter?: number): RelayOutcome => ({ status, body: { error: { check, message } }, retryAfter });

/**
 * Sends `forwarder.execute` for signed party requests, paying the gas from one sponsor account. It checks
 * the request (the sponsored calls only, deadline, nonce, signature, a simulation), then the rate limits and
 * the spending cap, and only then sends. Sends are serialized so the sponsor's nonces stay consecutive under
 * concurrent requests; every refusal says why, in words, and sends nothing.
 */
export class Relayer {
  private readonly perAddress: RateLimiter;
  private readonly global: RateLimiter;
  private readonly ledger: SpendLedger;
  private queue: Promise<unknown> = Promise.resolve();
  private nextNonce: number | undefined;
  private lastHash: Hash | undefined;

  constructor(
    private readonly publicClient: PublicClient,
    private readonly walletClient: WalletClient<Transport, Chain, Account>,
    policy: RelayerPolicy,
  ) {
    this.perAddress = new RateLimiter(policy.perAddressLimit, policy.rateWindowMs);
    this.global = new RateLimiter(policy.globalLimit, policy.rateWindowMs);
    this.ledger = new SpendLedger(policy.spendCapWei, policy.spendWindowMs);
  }

  get sponsor(): Address {
    return this.walletClient.account.address;
  }

  async relay(body: unknown): Promise<RelayOutcome> {
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
    if (!this.perAddress.take(signer)) {
      const wait = this.perAddress.retryAfterSeconds(signer);
      return refuse(429, "rate", `This wallet has sent ${this.perAddress.limit} requests in the last ${this.perAddress.windowMs / 60_000} minute(s), the most the relayer takes. Try again in ${wait} seconds. Nothing was sent.`, wait);
    }
    if (!this.global.take("all")) {
      const wait = this.global.retryAfterSeconds("all");
      return refuse(429, "rate", `The relayer is busy (${this.global.limit} requests in the last ${this.global.windowMs / 60_000} minute(s)). Try again in ${wait} seconds, or send a signed link to the clerk. Nothing was sent.`, wait);
    }
    if (failure) return refuse(422, "simulation", `${failure.text} Nothing was sent.`);

    const data = encodeFunctionData({ ...forwarder, functionName: "execute", args: [forwardRequestData(request)] });
    let gas: bigint;
    try {
      gas = await this.publicClient.estimateGas({ account: this.sponsor, to: forwarder.address, data });
    } catch (error) {
      return refuse(422, "simulation", `The forwarder would refuse it: ${describeError(error).message} Nothing was sent.`);
    }
    gas += gas / 10n;
    const fees = await this.publicClient.estimateFeesPerGas();
    const worstCase = gas * fees.maxFeePerGas;
    const reservation = this.ledger.reserve(worstCase);
    if (reservation === undefined) {
      return refuse(503, "spend", `The relayer has reached its spending cap of ${formatEther(this.ledger.capWei)} ETH for now. Send a signed link to the clerk instead. Nothing was sent.`);
    }

    let hash: Hash;
    try {
      hash = await this.serially(() => this.send(data, gas, fees.maxFeePerGas, fees.maxPriorityFeePerGas));
    } catch (error) {
      this.ledger.settle(reservation, 0n);
      const message = /insufficient funds/i.test((error as Error).message) ? "The relayer's account is out of ether." : describeError(error).message;
      return refuse(503, "send", `${message} Nothing was sent.`);
    }
    void this.publicClient.waitForTransactionReceipt({ hash }).then(
      (receipt) => this.ledger.settle(reservation, receipt.gasUsed * receipt.effectiveGasPrice),
      () => undefined, // dropped or still pending: the worst case stays reserved until the window rolls over
    );
    return { status: 200, body: { hash, sponsor: this.sponsor } };
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
