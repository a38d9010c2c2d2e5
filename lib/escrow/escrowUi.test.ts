import { type Address, type Hex, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { formatAssetAmount, parseAssetAmount } from "@/lib/format/amount";
import { formatDuration } from "@/lib/format/time";
import type { EscrowView } from "@/lib/reads/escrows";
import type { TimelineEntry } from "@/lib/timeline/decodeEntry";
import { escrowActionsFor } from "./actions";
import { escrowOutcomes } from "./outcomes";
import { escrowWaitsFor } from "./waiting";

const hash = `0x${"ab".repeat(32)}` as Hex;
const payer = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as Address;
const payee = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as Address;
const attester = "0x976EA74026E726554dB657fA54763abd0C3a0aa9" as Address;
const stranger = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720" as Address;
const tusd = { address: "0xA51c1fc2f0D1a1b8494Ed1FE312d7C3a78Ed91C0" as Address, symbol: "tUSD", decimals: 6 };

function escrow(overrides: Partial<EscrowView> = {}, conditions: Partial<EscrowView["conditions"]> = {}): EscrowView {
  return {
    escrowId: 2n,
    integraHash: hash,
    processHash: hash,
    status: "funded",
    asset: tusd,
    amount: 12_500_000_000n,
    payer: { tokenId: 1n, holder: payer },
    payee: { tokenId: 2n, holder: payee },
    refundAfter: 2_000n,
    now: 1_000n,
    arbitrator: null,
    disputeId: null,
    splitPayeeBps: 0,
    conditions: {
      agreementComplete: { required: false, holds: true },
      approvals: {
        required: 2,
        approvers: [
          { tokenId: 2n, approved: true },
          { tokenId: 3n, approved: false },
          { tokenId: 4n, approved: false },
        ],
      },
      attestation: { attester, schema: hash, uid: null, fault: "unknown" },
      payment: null,
      ...conditions,
    },
    allHold: false,
    opened: { blockNumber: 1n, transactionHash: hash, openedBy: stranger },
    ...overrides,
  };
}

describe("amounts", () => {
  it("formats in the asset's decimals, grouped by thousands", () => {
    expect(formatAssetAmount(12_500_000_000n, tusd)).toBe("12,500 tUSD");
    expect(formatAssetAmount(1_234_567_890_123n, tusd)).toBe("1,234,567.890123 tUSD");
    expect(formatAssetAmount(500_000_000_000_000_000n, { symbol: "ETH", decimals: 18 })).toBe("0.5 ETH");
  });

  it("shows a stranger token's symbol as plain, short text", () => {
    expect(formatAssetAmount(1n, { symbol: "US\u202eDC", decimals: 0 })).toBe("1 USDC");
    expect(formatAssetAmount(1n, { symbol: "A".repeat(40), decimals: 0 })).toBe(`1 ${"A".repeat(12)}…`);
    expect(formatAssetAmount(1n, { symbol: "\n", decimals: 0 })).toBe("1 tokens");
  });

  it("parses what a person types, and refuses what would be cut or is not a number", () => {
    expect(parseAssetAmount("12,500", 6)).toEqual({ amount: 12_500_000_000n });
    expect(parseAssetAmount(" 0.5 ", 18)).toEqual({ amount: 500_000_000_000_000_000n });
    expect(parseAssetAmount("0.0000001", 6)).toEqual({ problem: "This asset has 6 decimals: use at most 6 after the point." });
    expect(parseAssetAmount("0", 6)).toEqual({ problem: "Enter an amount above zero." });
    expect(parseAssetAmount("1e6", 6)).toHaveProperty("problem");
    expect(parseAssetAmount("-5", 6)).toHaveProperty("problem");
  });

  it("says a duration in its two largest units", () => {
    expect(formatDuration(30 * 86_400 - 60)).toBe("29 days 23 hours");
    expect(formatDuration(86_400 + 120)).toBe("1 day");
    expect(formatDuration(3 * 3_600 + 5 * 60)).toBe("3 hours 5 minutes");
    expect(formatDuration(59)).toBe("less than a minute");
  });
});

describe("what an account can do to an escrow", () => {
  it("gives the approver its approval, the attester its attestation, and strangers nothing while conditions are missing", () => {
    expect(escrowActionsFor(escrow(), payee, [2n])).toEqual([]); // token 2 already approved
    expect(escrowActionsFor(escrow(), stranger, [3n, 4n])).toEqual([
      { kind: "approve", tokenId: 3n },
      { kind: "approve", tokenId: 4n },
    ]);
    expect(escrowActionsFor(escrow(), attester, [])).toEqual([{ kind: "attest" }]);
    expect(escrowActionsFor(escrow(), stranger, [])).toEqual([]);
  });

  it("stops offering approvals once enough are in", () => {
    const enough = escrow(
      {},
      {
        approvals: {
          required: 1,
          approvers: [
            { tokenId: 2n, approved: true },
            { tokenId: 3n, approved: false },
          ],
        },
      },
    );
    expect(escrowActionsFor(enough, stranger, [3n])).toEqual([]);
  });

  it("offers the deposit to the payer of an open escrow, release to anyone once every condition holds, refund to anyone after the refund time", () => {
    expect(escrowActionsFor(escrow({ status: "open" }), payer, [1n])).toEqual([{ kind: "deposit" }]);
    expect(escrowActionsFor(escrow({ allHold: true }), stranger, [])).toEqual([{ kind: "release" }]);
    expect(escrowActionsFor(escrow({ allHold: true, now: 2_000n }), stranger, [3n])).toEqual([{ kind: "refund" }]);
    expect(escrowActionsFor(escrow({ status: "open", now: 2_000n }), payer, [])).toEqual([]);
  });

  it("lets only the payer or payee dispute, and only with an arbitrator named, before the refund time", () => {
    const arbitrated = escrow({ arbitrator: stranger });
    expect(escrowActionsFor(arbitrated, payer, [])).toEqual([{ kind: "dispute" }]);
    expect(escrowActionsFor(arbitrated, payee, [])).toEqual([{ kind: "dispute" }]);
    expect(escrowActionsFor(arbitrated, attester, [])).toEqual([{ kind: "attest" }]);
    expect(escrowActionsFor(escrow(), payer, [])).toEqual([]);
    expect(escrowActionsFor(escrow({ arbitrator: stranger, now: 2_000n }), payer, [])).toEqual([{ kind: "refund" }]);
  });

  it("offers a kept payout for withdrawal, whatever the status", () => {
    expect(escrowActionsFor(escrow({ status: "released" }), payee, [], 5n)).toEqual([{ kind: "withdraw", amount: 5n }]);
  });
});

describe("escrows waiting for an account (the dashboard)", () => {
  it("lists the payer's deposit, an approver's missing approval (claim first when unclaimed) and the attester's attestation", () => {
    expect(escrowWaitsFor(escrow({ status: "open" }), payer, [{ tokenId: 1n, claimed: true }]).map((w) => w.kind)).toEqual(["deposit"]);
    expect(escrowWaitsFor(escrow(), stranger, [{ tokenId: 3n, claimed: false }])).toEqual([
      { kind: "approve", tokenId: 3n, words: "Claim token #3, then approve the release with it." },
    ]);
    expect(escrowWaitsFor(escrow(), attester, []).map((w) => w.kind)).toEqual(["attest"]);
  });

  it("lists nothing once settled, disputed or past the refund time", () => {
    for (const settled of [escrow({ status: "released" }), escrow({ status: "disputed" }), escrow({ now: 2_000n })]) {
      expect(escrowWaitsFor(settled, attester, [{ tokenId: 3n, claimed: true }])).toEqual([]);
    }
  });
});

/** A decoded escrow event as the timeline reader gives it. */
function event(eventName: string, args: Record<string, unknown>, blockNumber: bigint, logIndex = 0): TimelineEntry {
  return {
    eventName,
    args: { integraHash: hash, processHash: hash, timestamp: blockNumber * 10n, ...args },
    id: `${blockNumber}:${logIndex}`,
    blockNumber,
    blockHash: hash,
    logIndex,
    transactionHash: hash,
    address: zeroAddress,
    integraHash: hash,
    processHash: hash,
    timestamp: blockNumber * 10n,
    removed: false,
  } as unknown as TimelineEntry;
}

describe("escrow outcomes from their events", () => {
  it("says who was paid what, and keeps a refused payout until it is withdrawn", () => {
    const outcomes = escrowOutcomes([
      event("EscrowRuled", { escrowId: 3n, ruling: 3n, payee, toPayee: 6n, payer, toPayer: 4n }, 9n),
      event("PayoutDeferred", { escrowId: 3n, account: payer, amount: 4n }, 9n, 1),
      event("EscrowReleased", { escrowId: 2n, payee, amount: 10n, releasedBy: stranger }, 8n),
      event("EscrowDisputed", { escrowId: 3n, arbitrator: stranger, disputeId: 0n, raisedBy: payee }, 7n),
      event("ReleaseApproved", { escrowId: 2n, approver: payee, tokenId: 2n, approvals: 1n }, 6n),
    ]);
    expect(outcomes["2"].released).toMatchObject({ to: payee, amount: 10n, by: stranger, at: 80n });
    expect(outcomes["3"].disputed).toMatchObject({ raisedBy: payee, disputeId: 0n });
    expect(outcomes["3"].ruled).toMatchObject({ ruling: "split", toPayee: 6n, toPayer: 4n });
    expect(outcomes["3"].owed).toEqual([{ account: payer, amount: 4n }]);

    const withdrawn = escrowOutcomes([
      event("PayoutDeferred", { escrowId: 3n, account: payer, amount: 4n }, 9n),
      event("PayoutWithdrawn", { escrowId: 3n, account: payer, amount: 4n }, 10n),
    ]);
    expect(withdrawn["3"].owed).toEqual([]);
  });

  it("ignores events a reorg removed", () => {
    const removed = { ...event("EscrowRefunded", { escrowId: 2n, payer, amount: 10n }, 8n), removed: true } as TimelineEntry;
    expect(escrowOutcomes([removed])["2"]).toBeUndefined();
  });
});
