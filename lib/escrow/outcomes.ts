import type { Address, Hex } from "viem";
import type { TimelineEntry } from "@/lib/timeline/decodeEntry";

/** ERC-792 rulings as IntegraEscrowV1 reads them (its Verdict enum). */
export const ESCROW_RULING = ["refused", "release", "refund", "split"] as const;
export type EscrowRulingName = (typeof ESCROW_RULING)[number];

interface At {
  at: bigint;
  transactionHash: Hex;
}

/** How an escrow ended, and what happened on the way, from its own events (the amounts as moved, the holders as paid). */
export interface EscrowOutcome {
  released?: At & { to: Address; amount: bigint; by: Address };
  refunded?: At & { to: Address; amount: bigint };
  disputed?: At & { arbitrator: Address; disputeId: bigint; raisedBy: Address };
  ruled?: At & { ruling: EscrowRulingName; payee: Address; toPayee: bigint; payer: Address; toPayer: bigint };
  /** Payouts a recipient refused, kept for it to withdraw, and not withdrawn yet (by account). */
  owed: { account: Address; amount: bigint }[];
}

/**
 * Each escrow's outcome (keyed by its id in decimal) from a record's escrow events in any order: released, refunded or
 * ruled (with what went to whom), the dispute, and the payouts still kept for withdrawal. Events a reorg removed are
 * ignored.
 */
export function escrowOutcomes(entries: readonly TimelineEntry[]): Record<string, EscrowOutcome> {
  const outcomes: Record<string, EscrowOutcome> = {};
  const owed: Record<string, Map<string, { account: Address; amount: bigint }>> = {};
  const oldestFirst = [...entries]
    .filter((e) => !e.removed)
    .sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));
  for (const entry of oldestFirst) {
    if (!("escrowId" in entry.args)) continue;
    const id = entry.args.escrowId.toString();
    const outcome = (outcomes[id] ??= { owed: [] });
    const at = { at: entry.timestamp, transactionHash: entry.transactionHash };
    const kept = (owed[id] ??= new Map());
    switch (entry.eventName) {
      case "EscrowReleased":
        outcome.released = { ...at, to: entry.args.payee, amount: entry.args.amount, by: entry.args.releasedBy };
        break;
      case "EscrowRefunded":
        outcome.refunded = { ...at, to: entry.args.payer, amount: entry.args.amount };
        break;
      case "EscrowDisputed":
        outcome.disputed = { ...at, arbitrator: entry.args.arbitrator, disputeId: entry.args.disputeId, raisedBy: entry.args.raisedBy };
        break;
      case "EscrowRuled":
        outcome.ruled = {
          ...at,
          ruling: ESCROW_RULING[Number(entry.args.ruling)] ?? "refused",
          payee: entry.args.payee,
          toPayee: entry.args.toPayee,
          payer: entry.args.payer,
          toPayer: entry.args.toPayer,
        };
        break;
      case "PayoutDeferred": {
        const key = entry.args.account.toLowerCase();
        const before = kept.get(key)?.amount ?? 0n;
        kept.set(key, { account: entry.args.account, amount: before + entry.args.amount });
        break;
      }
      case "PayoutWithdrawn":
        kept.delete(entry.args.account.toLowerCase());
        break;
    }
  }
  for (const [id, kept] of Object.entries(owed)) outcomes[id].owed = [...kept.values()];
  return outcomes;
}
