import type { Account, Address, Chain, Hash, Hex, PublicClient, TransactionReceipt, Transport, WalletClient } from "viem";
import { type Fees, replacementFees } from "./replacementFees";
import type { RelayerStore } from "./store/relayerStore";
import { withStoreLock } from "./store/storeLock";

export interface SendRequest {
  to: Address;
  data: Hex;
  gas: bigint;
  fees: Fees;
  /**
   * Asked before a replacement raises the fee: reserves the extra worst case (gas x the fee's increase) under the
   * cap. False: the transaction is not replaced now, and is tried again after another wait.
   */
  topUp: (extraWei: bigint) => Promise<boolean>;
}

/**
 * How a sent transaction ended: mined (one of its versions); superseded (its nonce used by another transaction, so it
 * never ran); or abandoned (left pending and not replaced: its call would fail now, or the chain went back past it).
 */
export type SendOutcome = { kind: "mined"; receipt: TransactionReceipt } | { kind: "superseded" } | { kind: "abandoned"; reason: string };

export interface SentTransaction {
  nonce: number;
  hash: Hash;
  /** Settles once the nonce is used on chain; meanwhile the transaction is replaced when it stays pending. */
  outcome: Promise<SendOutcome>;
}

export interface SenderOptions {
  /** Highest fee per gas any version may offer. */
  maxFeePerGasWei: bigint;
  /** A version not mined after this long is replaced (same nonce, fees up by at least 12.5%). */
  replaceAfterMs: number;
  /** How often pending transactions are looked at. */
  pollMs: number;
}

interface Pending {
  nonce: number;
  /** The chain's head when it was sent: a head below it later means the chain went back past the send. */
  sentAtBlock: bigint;
  request: SendRequest;
  fees: Fees;
  hashes: Hash[];
  lastSentAt: number;
  settle: (outcome: SendOutcome) => void;
}

/** What the store remembers of the sponsor's nonces, shared by every instance sending with the key. */
interface NonceRecord {
  next: number;
  lastHash: Hash;
}

const NONCE_KEY = "nonce:next";
const sentKey = (nonce: number) => `nonce:sent:${nonce}`;
const DAY_MS = 24 * 60 * 60_000;
/** Long enough for a nonce read and a send over a slow RPC; a holder that died frees the lock after it. */
const LOCK = { ttlMs: 30_000, waitMs: 60_000 };
/** Looks in a row that must find the chain behind before pending transactions are given up as belonging to another history. */
const REWIND_LOOKS = 3;

/**
 * Sends the sponsor's transactions one at a time, with consecutive nonces, and sees each one mined. Sends take a
 * lock in the store, so instances sharing the sponsor key and the store never both use one nonce; within this
 * process they also queue, so they do not poll that lock. A transaction still pending after `replaceAfterMs` is
 * sent again with the same nonce and higher fees (bounded by the fee cap) instead of holding back every later
 * nonce; a dropped one is replaced the same way.
 */
export class SponsorSender {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Set<Pending>();
  /** The watching loop while it runs. */
  private watching: Promise<void> | undefined;
  private stopped = false;
  /** The most transactions the chain had counted for the sponsor: a lower count later means the chain went back. */
  private highestUsed = 0;
  /** Consecutive looks that found the chain behind what was seen before. */
  private lowerLooks = 0;
  /** Ends the current wait between looks early (stop()). */
  private wake: (() => void) | undefined;

  constructor(
    private readonly publicClient: PublicClient,
    private readonly walletClient: WalletClient<Transport, Chain, Account>,
    private readonly store: RelayerStore,
    private readonly options: SenderOptions,
  ) {}

  get address(): Address {
    return this.walletClient.account.address;
  }

  async send(request: SendRequest): Promise<SentTransaction> {
    const { nonce, hash, head } = await this.exclusively(async () => {
      const { nonce, head } = await this.nextNonce();
      const hash = await this.sendVersion(request, nonce, request.fees);
      await this.store.put(NONCE_KEY, JSON.stringify({ next: nonce + 1, lastHash: hash } satisfies NonceRecord), DAY_MS);
      return { nonce, hash, head };
    });
    const outcome = new Promise<SendOutcome>((settle) => {
      this.pending.add({ nonce, sentAtBlock: head, request, fees: request.fees, hashes: [hash], lastSentAt: Date.now(), settle });
    });
    this.watch();
    return { nonce, hash, outcome };
  }

  /** Stops watching (tests, shutdown) once the current look is over: pending outcomes stay unsettled. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.watching;
  }

  private exclusively<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => withStoreLock(this.store, "nonce", LOCK, work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sendVersion(request: SendRequest, nonce: number, fees: Fees): Promise<Hash> {
    const transaction = {
      to: request.to,
      data: request.data,
      gas: request.gas,
      nonce,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    };
    const account = this.walletClient.account;
    // Every field is known: a local key signs here and the node only receives it, one round trip while the nonce lock
    // is held instead of two (viem's sendTransaction would first ask the node to fill the transaction in).
    const hash =
      account.type === "local"
        ? await this.publicClient.sendRawTransaction({
            serializedTransaction: await account.signTransaction({ ...transaction, type: "eip1559", chainId: this.walletClient.chain.id }),
          })
        : await this.walletClient.sendTransaction(transaction);
    // Which transaction holds this nonce now: a version of ours, or (after a drop) another request's.
    await this.store.put(sentKey(nonce), hash, DAY_MS);
    return hash;
  }

  /**
   * The node's pending count is the truth, except just after a send when a load-balanced node may lag: then the
   * store's count wins, as long as the last transaction sent is still known to the node. When it is not (dropped,
   * a reorg, a chain reset), the node's count is right again, and the gap is filled by the next send.
   */
  private async nextNonce(): Promise<{ nonce: number; head: bigint }> {
    const [pendingCount, held, head] = await Promise.all([
      this.publicClient.getTransactionCount({ address: this.address, blockTag: "pending" }),
      this.store.get(NONCE_KEY),
      this.publicClient.getBlockNumber({ cacheTime: 0 }),
    ]);
    const record = held ? (JSON.parse(held.value) as NonceRecord) : undefined;
    if (!record || pendingCount >= record.next) return { nonce: pendingCount, head };
    const last = await this.publicClient.getTransaction({ hash: record.lastHash }).catch(() => undefined);
    return { nonce: last ? record.next : pendingCount, head };
  }

  private watch(): void {
    if (this.watching) return;
    this.watching = (async () => {
      while (this.pending.size > 0 && !this.stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (this.stopped) break;
        try {
          await this.tick();
        } catch (error) {
          // An RPC hiccup: the next tick looks again.
          console.error("relayer: watching sponsor transactions failed", error);
        }
      }
      this.watching = undefined;
    })();
  }

  /** One look at every pending transaction: one count read, then receipts only for nonces the chain has used. */
  private async tick(): Promise<void> {
    const [used, head] = await Promise.all([
      this.publicClient.getTransactionCount({ address: this.address, blockTag: "latest" }),
      this.publicClient.getBlockNumber({ cacheTime: 0 }),
    ]);
    const wentBack = used < this.highestUsed || [...this.pending].some((entry) => head < entry.sentAtBlock);
    // A node behind a load balancer may lag a block for a moment: the chain went back only if it stays back.
    this.lowerLooks = wentBack ? this.lowerLooks + 1 : 0;
    if (this.lowerLooks >= REWIND_LOOKS) {
      // A reorg, a reset or a test's snapshot revert: what was pending belongs to a history that is gone, and
      // sending it again could pay for calls nobody asks for any more, into nonces that may now be gaps. The next
      // send takes its nonce from the node again.
      for (const entry of [...this.pending]) this.give(entry, { kind: "abandoned", reason: "the chain went back" });
      await this.store.delete(NONCE_KEY);
      this.lowerLooks = 0;
      this.highestUsed = used;
      return;
    }
    // While it is unclear, neither settle nor replace anything.
    if (wentBack) return;
    this.highestUsed = used;
    for (const entry of [...this.pending]) {
      if (entry.nonce < used) {
        const receipt = await this.receiptOf(entry.hashes);
        this.give(entry, receipt ? { kind: "mined", receipt } : { kind: "superseded" });
      } else if (Date.now() - entry.lastSentAt >= this.options.replaceAfterMs) {
        await this.replace(entry);
      }
    }
  }

  private give(entry: Pending, outcome: SendOutcome): void {
    this.pending.delete(entry);
    entry.settle(outcome);
  }

  private async receiptOf(hashes: readonly Hash[]): Promise<TransactionReceipt | undefined> {
    const receipts = await Promise.all(hashes.map((hash) => this.publicClient.getTransactionReceipt({ hash }).catch(() => undefined)));
    return receipts.find((receipt) => receipt !== undefined);
  }

  /** Sends the same call with the same nonce and fees bumped by at least 12.5%, when the nonce is still ours. */
  private async replace(entry: Pending): Promise<void> {
    // Whatever happens below, the next attempt waits another full period.
    entry.lastSentAt = Date.now();
    await this.exclusively(async () => {
      const holder = await this.store.get(sentKey(entry.nonce));
      // The nonce went to another request after this one was dropped: it settles as superseded once that is mined.
      if (holder && !entry.hashes.includes(holder.value as Hash)) return;
      // Pay more only for a call that would still succeed: not for one that expired or that someone else did meanwhile.
      // Judged on the latest block: a node's pending state already holds this very transaction, which would fail twice.
      try {
        await this.publicClient.estimateGas({ account: this.address, to: entry.request.to, data: entry.request.data, blockTag: "latest" });
      } catch {
        this.give(entry, { kind: "abandoned", reason: "its call would fail now" });
        return;
      }
      const fees = replacementFees(entry.fees, await this.publicClient.estimateFeesPerGas(), this.options.maxFeePerGasWei);
      if (!fees) {
        console.warn(
          `relayer: transaction ${entry.hashes.at(-1)} (nonce ${entry.nonce}) is pending, and a replacement would pass the fee cap.`,
        );
        return;
      }
      if (!(await entry.request.topUp(entry.request.gas * (fees.maxFeePerGas - entry.fees.maxFeePerGas)))) {
        console.warn(
          `relayer: transaction ${entry.hashes.at(-1)} (nonce ${entry.nonce}) is pending; the spending cap leaves no room to replace it.`,
        );
        return;
      }
      try {
        const hash = await this.sendVersion(entry.request, entry.nonce, fees);
        entry.hashes.push(hash);
        entry.fees = fees;
      } catch (error) {
        // Mostly "nonce too low": a version was mined meanwhile, and the next tick finds its receipt.
        console.warn(`relayer: replacing the transaction of nonce ${entry.nonce} failed`, error);
      }
    });
  }
}
