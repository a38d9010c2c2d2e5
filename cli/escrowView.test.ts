import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { type Address, type Hex, zeroHash } from "viem";
import { describe, expect, it } from "vitest";
import { type EscrowView, releaseReadiness } from "@/lib/sdk";
import { escrowDocument, renderEscrow, secondsToRefund } from "./escrowView";
import { jsonDocument, toJson } from "./format";

const BUYER: Address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const SELLER: Address = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const INSPECTOR: Address = "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec";
const RECORD: Hex = `0x${"ab".repeat(32)}`;
const NOW = 1_800_000_000n;

/** The demo's escrow: 25,000 tUSD from the buyer (token 1) to the seller (token 2), waiting on the inspection. */
function demoEscrow(change: Partial<EscrowView> = {}): EscrowView {
  return {
    escrowId: 1n,
    integraHash: RECORD,
    processHash: `0x${"cd".repeat(32)}`,
    status: "funded",
    asset: { address: "0xA51c1fc2f0D1a1b8494Ed1FE312d7C3a78Ed91C0", symbol: "tUSD", decimals: 6 },
    amount: 25_000_000_000n,
    payer: { tokenId: 1n, holder: BUYER },
    payee: { tokenId: 2n, holder: SELLER },
    refundAfter: NOW + 30n * 86_400n,
    now: NOW,
    arbitrator: null,
    disputeId: null,
    splitPayeeBps: 0,
    conditions: {
      agreementComplete: { required: false, holds: true },
      approvals: { required: 0, approvers: [] },
      attestation: { attester: INSPECTOR, schema: `0x${"22".repeat(32)}`, uid: null, fault: "unknown" },
      payment: null,
    },
    allHold: false,
    opened: { blockNumber: 42n, transactionHash: `0x${"ef".repeat(32)}`, openedBy: SELLER },
    ...change,
  };
}

const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, "schemas", "escrow-status.schema.json"), "utf8"));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
/** The document `escrow status --json` prints, as a program parses it. */
const printed = (view: EscrowView) => JSON.parse(toJson(jsonDocument("escrow-status", escrowDocument(view)))) as Record<string, unknown>;

describe("escrow status", () => {
  it("shows the terms, each condition live, who acts next and the time left before refund", () => {
    const text = renderEscrow(demoEscrow());
    expect(text).toMatch(/^Escrow #1 on 0xabab.*: funded\n/);
    expect(text).toContain("25,000 tUSD (0xA51c1fc2f0D1a1b8494Ed1FE312d7C3a78Ed91C0)");
    expect(text).toContain(`token #1, held by ${BUYER}`);
    expect(text).toMatch(/refund from: .* \(in 30 days\)/);
    expect(text).toContain("arbitrator:  none: this escrow has no dispute path");
    expect(text).toContain("Conditions (all hold: no)");
    expect(text).toContain(`✗ an attestation by ${INSPECTOR}: none valid yet`);
    expect(text).toContain(`- The named attester attests the condition. (${INSPECTOR})`);
  });

  it("counts approvals k of n, and says when the refund time is reached", () => {
    const view = demoEscrow({
      now: NOW + 31n * 86_400n,
      conditions: {
        agreementComplete: { required: true, holds: true },
        approvals: {
          required: 2,
          approvers: [
            { tokenId: 1n, approved: true },
            { tokenId: 2n, approved: false },
            { tokenId: 3n, approved: false },
          ],
        },
        attestation: null,
        payment: { paymentId: 4n, paid: false },
      },
    });
    const text = renderEscrow(view);
    expect(text).toContain("✓ the agreement is complete");
    expect(text).toContain("✗ 1 of 2 approvals (approvers #1 ✓, #2, #3; waiting on #2, #3)");
    expect(text).toContain("✗ payment request #4 is marked paid");
    expect(text).toMatch(/reached: only a refund is possible/);
    expect(text).toContain("- Anyone may refund the deposit to the payer.");
    expect(secondsToRefund(view)).toBe(0);
  });

  it("prints a document valid against its schema, leaving out what does not apply", () => {
    const open = printed(demoEscrow());
    expect(validate(open), JSON.stringify(validate.errors)).toBe(true);
    expect(open).toMatchObject({
      schemaVersion: 1,
      escrowId: "1",
      amount: "25000000000",
      amountText: "25,000 tUSD",
      secondsToRefund: 2_592_000,
    });
    expect(open).not.toHaveProperty("arbitrator");
    expect(open.conditions).toEqual({
      attestation: { attester: INSPECTOR, schema: `0x${"22".repeat(32)}`, fault: "unknown" },
    });
    expect(open.nextSteps).toEqual([{ kind: "attest", actor: INSPECTOR, words: "The named attester attests the condition." }]);

    const uid: Hex = `0x${"99".repeat(32)}`;
    const released = printed(
      demoEscrow({
        status: "released",
        allHold: true,
        arbitrator: INSPECTOR,
        splitPayeeBps: 5_000,
        conditions: { ...demoEscrow().conditions, attestation: { attester: INSPECTOR, schema: zeroHash, uid, fault: "none" } },
      }),
    );
    expect(validate(released), JSON.stringify(validate.errors)).toBe(true);
    expect(released).toMatchObject({ status: "released", arbitrator: INSPECTOR, nextSteps: [] });
  });
});

describe("releaseReadiness", () => {
  it("is ready only when funded, before the refund time, with every condition holding", () => {
    expect(releaseReadiness(demoEscrow({ allHold: true }))).toEqual({ ready: true });
    expect(releaseReadiness(demoEscrow())).toMatchObject({ ready: false, reason: "conditions", words: expect.stringContaining(INSPECTOR) });
    expect(releaseReadiness(demoEscrow({ status: "released", allHold: true }))).toMatchObject({ reason: "settled" });
    expect(releaseReadiness(demoEscrow({ status: "open" }))).toMatchObject({ reason: "not-funded" });
    expect(releaseReadiness(demoEscrow({ status: "disputed", allHold: true }))).toMatchObject({ reason: "disputed" });
    expect(releaseReadiness(demoEscrow({ allHold: true, now: NOW + 30n * 86_400n }))).toMatchObject({ reason: "refund-time" });
  });
});
