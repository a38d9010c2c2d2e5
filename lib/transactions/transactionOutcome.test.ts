import { HttpRequestError, type Hash, type TransactionReceipt, TransactionNotFoundError, TransactionReceiptNotFoundError } from "viem";
import { describe, expect, it } from "vitest";
import { isUnreachable } from "@/lib/chain/unreachable";
import { DROP_AFTER_MS, type Sighting, checkTransaction } from "./transactionOutcome";

const hash = `0x${"ab".repeat(32)}` as Hash;
const from = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";

/** A node as the checker sees it: a receipt or not, the transaction in its pool or not, the sender's mined nonce. */
function node(state: { receipt?: boolean; known?: boolean; minedNonce?: number; down?: boolean }) {
  const fail = () => {
    throw new HttpRequestError({ url: "http://127.0.0.1:8546", body: {} });
  };
  return {
    getTransactionReceipt: async () => {
      if (state.down) fail();
      if (!state.receipt) throw new TransactionReceiptNotFoundError({ hash });
      return { status: "success", blockNumber: 7n } as TransactionReceipt;
    },
    getTransaction: async () => {
      if (state.down) fail();
      if (!state.known) throw new TransactionNotFoundError({ hash });
      return { from, nonce: 4 } as never;
    },
    getTransactionCount: async () => state.minedNonce ?? 0,
  };
}

describe("checkTransaction", () => {
  it("says mined when there is a receipt, and pending while the node knows the transaction", async () => {
    expect((await checkTransaction(node({ receipt: true }), hash, {}, 0)).check.kind).toBe("mined");
    const pending = await checkTransaction(node({ known: true }), hash, {}, 0);
    expect(pending.check.kind).toBe("pending");
    expect(pending.seen).toEqual({ from, nonce: 4 });
  });

  it("calls a transaction the node forgot dropped only after DROP_AFTER_MS of not knowing it, its nonce still free", async () => {
    let seen: Sighting = { from, nonce: 4 };
    const gone = node({ minedNonce: 4 });
    let result = await checkTransaction(gone, hash, seen, 1_000);
    expect(result.check.kind).toBe("pending");
    seen = result.seen;
    result = await checkTransaction(gone, hash, seen, 1_000 + DROP_AFTER_MS - 1);
    expect(result.check.kind).toBe("pending");
    result = await checkTransaction(gone, hash, seen, 1_000 + DROP_AFTER_MS);
    expect(result.check.kind).toBe("dropped");
  });

  it("calls it replaced when another transaction of the sender took its nonce", async () => {
    const seen: Sighting = { from, nonce: 4, unknownSince: 0 };
    expect((await checkTransaction(node({ minedNonce: 5 }), hash, seen, DROP_AFTER_MS)).check.kind).toBe("replaced");
  });

  it("counts no unanswered look towards a drop: an outage is not a drop", async () => {
    const seen: Sighting = { from, nonce: 4, unknownSince: 0 };
    const result = await checkTransaction(node({ down: true }), hash, seen, 10 * DROP_AFTER_MS);
    expect(result.check.kind).toBe("unchecked");
    expect(result.check.kind === "unchecked" && isUnreachable(result.check.error)).toBe(true);
    expect(result.seen.unknownSince).toBeUndefined();
  });
});
