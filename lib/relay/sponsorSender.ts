import {
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type LocalAccount,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
  TransactionReceiptNotFoundError,
  keccak256,
} from "viem";
import { signerCode } from "@/lib/forwarder/checkForwardRequest";
import { isRpcFailure } from "@/lib/forwarder/rpcFailure";
import { type Fees, replacementFees } from "./replacementFees";
import type { RelayerStore } from "./store/relayerStore";
import { withStoreLock } from "./store/storeLock";

export interface SendRequest {
  to: Address;
  data: Hex;
  gas: bigint;
  fees: Fees;
  /** The party whose request this pays for: nothing is sent, or sent again, while its wallet has code. */
  signer: Address;
  /**
   * Asked before a version's worst case (gas x max fee) passes what is already reserved: reserves the extra under the
   * cap. False: nothing is sent now, and it is tried again after another wait.
   */
  topUp: (extraWei: bigint) => Promise<boolean>;
  /**
   * Told once when the watcher stops trying to get the call mined (it would fail now, or the signer's wallet got
   * code) and starts cancelling it: the request is free to be judged again, though the nonce is still being watched.
   */
  onCancel?: (reason: string) => void;
}

/**
 * How a sent transaction ended: mined (one version of the call); cancelled (the 0-value self-transfer that replaced a
 * call that would fail took the nonce); superseded (proven: another request's transaction took the nonce, so this one
 * never ran); or abandoned (watching stopped without knowing what took the nonce: its worst case stays counted).
 */
export type SendOutcome =
  | { kind: "mined"; receipt: TransactionReceipt }
  | { kind: "cancelled"; receipt: TransactionReceipt }
  | { kind: "superseded" }
  | { kind: "abandoned"; reason: string };

export interface SentTransaction {
  nonce: number;
  hash: Hash;
  /** The node's answer to the send was lost (a timeout): it may or may not have the transaction; it is watched either way. */
  unconfirmed: boolean;
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

/** The signer's wallet has code at sending time: nothing was sent (checkForwardRequest.ts says why that matters). */
export class SignerHasCodeError extends Error {
  constructor(readonly signer: Address) {
    super(`${signer} has code.`);
    this.name = "SignerHasCodeError";
  }
}

/** One signed version of a transaction, its hash known before it is sent. */
interface Version {
  hash: Hash;
  serialized: Hex;
}

interface Call {
  to: Address;
  data: Hex;
  gas: bigint;
}

interface Pending {
  nonce: number;
  /** The chain's head when it was sent: a head below it later means the chain went back past the send. */
  sentAtBlock: bigint;
  request: SendRequest;
  fees: Fees;
  /** Every version sent (or maybe sent) for this nonce, cancellations included. */
  hashes: Hash[];
  cancelHashes: Set<Hash>;
  /** Set once the call is given up: later versions are 0-value self-transfers. */
  cancelling: boolean;
  /** The worst case reserved for this nonce so far (the dearest version's gas x max fee). */
  coveredWei: bigint;
  lastSentAt: number;
  /** When the nonce was first seen used without a receipt of ours or proof of another's. */
  usedSince?: number;
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
/** A holder that died frees the lock after this long; a live one renews it (storeLock.ts), however slow the RPC. */
const LOCK = { ttlMs: 30_000, waitMs: 60_000 };
/** Looks in a row that must find the chain behind before pending transactions are given up as belonging to another history. */
const REWIND_LOOKS = 3;
/** Gas of a plain ether transfer to an account without code: the cancellation. */
const CANCEL_GAS = 21_000n;
/**
 * How long a used nonce may go without a receipt of ours or proof of another transaction before watching stops. A
 * lagging node shows a receipt within blocks; past this, the worst case stays counted (abandoned), never 0.
 */
const UNPROVEN_USE_MS = 10 * 60_000;

/**
 * Sends the sponsor's transactions one at a time, with consecutive nonces, and sees each one mined. Sends take a
 * lock in the store, so instances sharing the sponsor key and the store never both use one nonce; within this
 * process they also queue, so they do not poll that lock. A transaction still pending after `replaceAfterMs` is
 * sent again with the same nonce and higher fees (bounded by the fee cap) instead of holding back every later
 * nonce; a dropped one is replaced the same way; one whose call would fail now is replaced by a 0-value transfer to
 * the sponsor itself, so it neither reverts at the sponsor's cost nor blocks the nonces after it.
 *
 * Every version is signed here and its hash known before it is sent: when the node's answer is lost, the hash is
 * watched like any other. Pending transactions live in this process only: after a restart, what was pending is no
 * longer replaced or settled (its worst case stays reserved until it leaves the spend window).
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
    private readonly walletClient: WalletClient<Transport, Chain, LocalAccount>,
    private readonly store: RelayerStore,
    private readonly options: SenderOptions,
  ) {}

  get address(): Address {
    return this.walletClient.account.address;
  }

  /**
   * Sends the call at the next nonce. Throws only when nothing was sent: the signer's wallet has code
   * (SignerHasCodeError), the node refused the transaction, or the lock or the store failed before sending.
   */
  async send(request: SendRequest): Promise<SentTransaction> {
    const { nonce, hash, head, unconfirmed } = await this.exclusively(async () => {
      const { nonce, head, code } = await this.nextNonce(request.signer);
      if (code) throw new SignerHasCodeError(request.signer);
      const version = await this.sign(request, nonce, request.fees);
      // Before sending: if the answer is lost, the store still says which transaction holds this nonce.
      await this.store.put(sentKey(nonce), version.hash, DAY_MS);
      const answer = await this.broadcast(version);
      // Sent (or maybe sent): from here on a store failure is logged, never thrown, or the caller would think nothing went.
      await this.store
        .put(NONCE_KEY, JSON.stringify({ next: nonce + 1, lastHash: version.hash } satisfies NonceRecord), DAY_MS)
        .catch((error: unknown) => console.error("relayer: recording the sponsor's next nonce failed", error));
      return { nonce, hash: version.hash, head, unconfirmed: answer === "unclear" };
    });
    const outcome = new Promise<SendOutcome>((settle) => {
      this.pending.add({
        nonce,
        sentAtBlock: head,
        request,
        fees: request.fees,
        hashes: [hash],
        cancelHashes: new Set(),
        cancelling: false,
        coveredWei: request.gas * request.fees.maxFeePerGas,
        lastSentAt: Date.now(),
        settle,
      });
    });
    this.watch();
    return { nonce, hash, unconfirmed, outcome };
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

  /** Signs locally: the hash is keccak256 of the signed bytes, known whatever becomes of the send. */
  private async sign(call: Call, nonce: number, fees: Fees): Promise<Version> {
    const serialized = await this.walletClient.account.signTransaction({
      to: call.to,
      data: call.data,
      gas: call.gas,
      nonce,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      type: "eip1559",
      chainId: this.walletClient.chain.id,
    });
    return { hash: keccak256(serialized), serialized };
  }

  /**
   * "sent" when the node took it (or already had it: viem retries a send whose answer was lost, and the node then
   * says "already known" or, once mined, "nonce too low"); "unclear" when the node could not be heard, so it may have
   * it; throws when the node refused it, so nothing was sent.
   */
  private async broadcast(version: Version): Promise<"sent" | "unclear"> {
    try {
      await this.publicClient.sendRawTransaction({ serializedTransaction: version.serialized });
      return "sent";
    } catch (error) {
      const known = await this.publicClient.getTransaction({ hash: version.hash }).then(
        () => true,
        () => false,
      );
      if (known) return "sent";
      if (isRpcFailure(error)) {
        console.warn(`relayer: the node's answer to sending ${version.hash} was lost; watching it as sent.`, error);
        return "unclear";
      }
      throw error;
    }
  }

  /**
   * The node's pending count is the truth, except just after a send when a load-balanced node may lag: then the
   * store's count wins, as long as the last transaction sent is still known to the node. When it is not (dropped,
   * a reorg, a chain reset), the node's count is right again, and the gap is filled by the next send. The signer's
   * code is read in the same round trip: the last look before paying.
   */
  private async nextNonce(signer: Address): Promise<{ nonce: number; head: bigint; code: Hex | undefined }> {
    const [pendingCount, held, head, code] = await Promise.all([
      this.publicClient.getTransactionCount({ address: this.address, blockTag: "pending" }),
      this.store.get(NONCE_KEY),
      this.publicClient.getBlockNumber({ cacheTime: 0 }),
      signerCode(this.publicClient, signer),
    ]);
    const record = held ? (JSON.parse(held.value) as NonceRecord) : undefined;
    if (!record || pendingCount >= record.next) return { nonce: pendingCount, head, code };
    const last = await this.publicClient.getTransaction({ hash: record.lastHash }).catch(() => undefined);
    return { nonce: last ? record.next : pendingCount, head, code };
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
      // One entry's failed lookup (a timeout, a rate limit) must not hold back the others: it is looked at next tick.
      try {
        if (entry.nonce < used) await this.settleUsed(entry);
        else if (Date.now() - entry.lastSentAt >= this.options.replaceAfterMs) await this.replace(entry);
      } catch (error) {
        console.error(`relayer: looking at the transaction of nonce ${entry.nonce} failed; looking again next time`, error);
      }
    }
  }

  /**
   * The nonce is used: by a version of ours (its receipt says what it cost), or by another request's transaction.
   * "Superseded" (cost 0) needs proof: the store names another transaction at this nonce and the chain has its
   * receipt. No receipt yet for anyone (a node that lags on receipts): look again next tick, the reservation kept.
   */
  private async settleUsed(entry: Pending): Promise<void> {
    const receipt = await this.receiptOf(entry.hashes);
    if (receipt) {
      this.give(entry, entry.cancelHashes.has(receipt.transactionHash) ? { kind: "cancelled", receipt } : { kind: "mined", receipt });
      return;
    }
    const holder = await this.store.get(sentKey(entry.nonce));
    if (holder && !entry.hashes.includes(holder.value as Hash) && (await this.receiptOf([holder.value as Hash]))) {
      this.give(entry, { kind: "superseded" });
      return;
    }
    entry.usedSince ??= Date.now();
    if (Date.now() - entry.usedSince >= UNPROVEN_USE_MS) {
      this.give(entry, { kind: "abandoned", reason: "its nonce was used, and no receipt shows by which transaction" });
    }
  }

  private give(entry: Pending, outcome: SendOutcome): void {
    this.pending.delete(entry);
    entry.settle(outcome);
  }

  /** The first receipt among `hashes`; undefined only when the node says none exists. Any other failure throws. */
  private async receiptOf(hashes: readonly Hash[]): Promise<TransactionReceipt | undefined> {
    const receipts = await Promise.all(
      hashes.map((hash) =>
        this.publicClient.getTransactionReceipt({ hash }).catch((error: unknown) => {
          if (error instanceof TransactionReceiptNotFoundError) return undefined;
          throw error;
        }),
      ),
    );
    return receipts.find((receipt) => receipt !== undefined);
  }

  /**
   * Sends the nonce's transaction again with fees bumped by at least 12.5%, while the nonce is still ours: the same
   * call while it would still succeed, else a cancellation (a 0-value transfer to the sponsor), which is always valid
   * and keeps being bumped until the nonce is used.
   */
  private async replace(entry: Pending): Promise<void> {
    // Whatever happens below, the next attempt waits another full period.
    entry.lastSentAt = Date.now();
    if (await this.heldByAnother(entry)) return;
    if (!entry.cancelling) {
      const reason = await this.whyNotAgain(entry);
      if (reason) {
        // A version the node no longer has cannot be mined: nothing to cancel, and the next send fills the nonce.
        if (!(await this.anyVersionKnown(entry))) {
          this.give(entry, { kind: "abandoned", reason });
          return;
        }
        entry.cancelling = true;
        console.warn(`relayer: cancelling the transaction of nonce ${entry.nonce} (${reason}).`);
        entry.request.onCancel?.(reason);
      }
    }
    const call: Call = entry.cancelling ? { to: this.address, data: "0x", gas: CANCEL_GAS } : entry.request;
    const fees = replacementFees(entry.fees, await this.publicClient.estimateFeesPerGas(), this.options.maxFeePerGasWei);
    if (!fees) {
      console.warn(
        `relayer: transaction ${entry.hashes.at(-1)} (nonce ${entry.nonce}) is pending, and a replacement would pass the fee cap.`,
      );
      return;
    }
    const worst = call.gas * fees.maxFeePerGas;
    if (worst > entry.coveredWei) {
      if (!(await entry.request.topUp(worst - entry.coveredWei))) {
        console.warn(
          `relayer: transaction ${entry.hashes.at(-1)} (nonce ${entry.nonce}) is pending; the spending cap leaves no room to replace it.`,
        );
        return;
      }
      entry.coveredWei = worst;
    }
    await this.exclusively(async () => {
      if (await this.heldByAnother(entry)) return;
      const version = await this.sign(call, entry.nonce, fees);
      // Counted as ours before it is sent, so a lost answer leaves it watched rather than taken for another's.
      entry.hashes.push(version.hash);
      if (entry.cancelling) entry.cancelHashes.add(version.hash);
      await this.store.put(sentKey(entry.nonce), version.hash, DAY_MS);
      await this.broadcast(version);
      entry.fees = fees;
    }).catch((error: unknown) => {
      // Mostly "nonce too low": a version was mined meanwhile, and the next tick finds its receipt.
      console.warn(`relayer: replacing the transaction of nonce ${entry.nonce} failed`, error);
    });
  }

  /** The nonce went to another request after this one was dropped: it settles as superseded once that is mined. */
  private async heldByAnother(entry: Pending): Promise<boolean> {
    const holder = await this.store.get(sentKey(entry.nonce));
    return holder !== undefined && !entry.hashes.includes(holder.value as Hash);
  }

  /**
   * Why the call should not be paid for again, or undefined: the signer's wallet got code, or the call would fail now
   * (someone else used the request, it expired). Judged on the latest block with the fees a version pays, so code that
   * reads tx.gasprice shows itself; a node's pending state already holds this very transaction, which would fail twice.
   * A node that does not answer throws: that is no reason to cancel.
   */
  private async whyNotAgain(entry: Pending): Promise<string | undefined> {
    const { request } = entry;
    const [code, failure] = await Promise.all([
      signerCode(this.publicClient, request.signer),
      this.publicClient
        .estimateGas({
          account: this.address,
          to: request.to,
          data: request.data,
          blockTag: "latest",
          maxFeePerGas: entry.fees.maxFeePerGas,
          maxPriorityFeePerGas: entry.fees.maxPriorityFeePerGas,
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        ),
    ]);
    if (code) return "the signer's wallet has code now";
    if (failure === undefined) return undefined;
    if (isRpcFailure(failure)) throw failure;
    return "its call would fail now";
  }

  /** Whether the node still has any version of the call (pending): only then is there something to cancel. */
  private async anyVersionKnown(entry: Pending): Promise<boolean> {
    const found = await Promise.all(
      entry.hashes.map((hash) =>
        this.publicClient.getTransaction({ hash }).then(
          () => true,
          // Not found, or the node did not answer: when unsure, cancel (at most 21,000 gas) rather than leave it.
          (error: unknown) => isRpcFailure(error),
        ),
      ),
    );
    return found.includes(true);
  }
}
