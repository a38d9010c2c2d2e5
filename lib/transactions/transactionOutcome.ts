import {
  type Address,
  type Hash,
  type PublicClient,
  type TransactionReceipt,
  TransactionNotFoundError,
  TransactionReceiptNotFoundError,
} from "viem";

/** How a submitted transaction ended. */
export type TransactionOutcome =
  | { kind: "mined"; receipt: TransactionReceipt }
  /** The node no longer knows it and its nonce is still free: it never ran, and never will. */
  | { kind: "dropped" }
  /** The node no longer knows it and another transaction of the same sender took its nonce (sped up or cancelled). */
  | { kind: "replaced" };

export { describeNotMined } from "./describeNotMined";

/** One look at the transaction: its outcome, still pending, or the node could not be asked (`error`). */
export type TransactionCheck = TransactionOutcome | { kind: "pending" } | { kind: "unchecked"; error: unknown };

/** What earlier looks learned: the sender and nonce once seen, and since when the node has not known it. */
export interface Sighting {
  from?: Address;
  nonce?: number;
  unknownSince?: number;
}

/**
 * How long the node must go on not knowing a transaction before it counts as dropped. A node may learn of a
 * transaction sent through another a moment late; a short wait keeps that from reading as a drop.
 */
export const DROP_AFTER_MS = 6_000;

type Reader = Pick<PublicClient, "getTransactionReceipt" | "getTransaction" | "getTransactionCount">;

async function receiptOf(client: Reader, hash: Hash): Promise<TransactionReceipt | undefined> {
  try {
    return await client.getTransactionReceipt({ hash });
  } catch (error) {
    if (error instanceof TransactionReceiptNotFoundError) return undefined;
    throw error;
  }
}

async function transactionOf(client: Reader, hash: Hash) {
  try {
    return await client.getTransaction({ hash });
  } catch (error) {
    if (error instanceof TransactionNotFoundError) return undefined;
    throw error;
  }
}

/**
 * Looks once: a receipt means mined; a transaction the node knows is pending; one it has not known for
 * DROP_AFTER_MS is replaced when its sender's nonce moved past it, dropped otherwise.
 */
export async function checkTransaction(
  client: Reader,
  hash: Hash,
  seen: Sighting,
  now: number,
): Promise<{ check: TransactionCheck; seen: Sighting }> {
  try {
    const receipt = await receiptOf(client, hash);
    if (receipt) return { check: { kind: "mined", receipt }, seen };
    const tx = await transactionOf(client, hash);
    if (tx) return { check: { kind: "pending" }, seen: { from: tx.from, nonce: tx.nonce } };
    const unknownSince = seen.unknownSince ?? now;
    const next = { ...seen, unknownSince };
    if (now - unknownSince < DROP_AFTER_MS) return { check: { kind: "pending" }, seen: next };
    if (seen.from !== undefined && seen.nonce !== undefined) {
      const mined = await client.getTransactionCount({ address: seen.from, blockTag: "latest" });
      if (mined > seen.nonce) return { check: { kind: "replaced" }, seen: next };
    }
    return { check: { kind: "dropped" }, seen: next };
  } catch (error) {
    // An unanswered look proves nothing about the transaction: it is not counted towards a drop.
    return { check: { kind: "unchecked", error }, seen: { ...seen, unknownSince: undefined } };
  }
}

/**
 * Looks every `pollMs` until the transaction is mined, dropped or replaced, however long the node is unreachable
 * meanwhile; `onCheck` hears every look (to say "still waiting" or "can't reach the chain").
 */
export async function waitForOutcome(
  client: Reader,
  hash: Hash,
  options: { pollMs?: number; onCheck?: (check: TransactionCheck) => void; signal?: AbortSignal } = {},
): Promise<TransactionOutcome> {
  let seen: Sighting = {};
  for (;;) {
    const result = await checkTransaction(client, hash, seen, Date.now());
    seen = result.seen;
    options.onCheck?.(result.check);
    if (result.check.kind === "mined" || result.check.kind === "dropped" || result.check.kind === "replaced") return result.check;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1_000));
    options.signal?.throwIfAborted();
  }
}
