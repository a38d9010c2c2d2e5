import { type Address, type Hex, getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { CAPABILITY } from "@/lib/capabilities";
import { formatTimestamp } from "@/lib/format/time";
import type { Capability } from "@/lib/reads/capabilities";
import { claimStateOf, judgeAttestation } from "./claimability";

// Addresses and hashes in mixed case, so that every comparison has to ignore case to pass.
const ALICE = getAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"); // checksummed
const ALICE_LOWER = ALICE.toLowerCase() as Address;
const BOB = getAddress("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
const CLERK = getAddress("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
const RECORD = "0xabcdef00000000000000000000000000000000000000000000000000000000aa" as Hex;
const RECORD_UPPER = `0x${RECORD.slice(2).toUpperCase()}` as Hex;
const OTHER_RECORD = "0x1111111111111111111111111111111111111111111111111111111111111111" as Hex;
const PROCESS = "0x2222222222222222222222222222222222222222222222222222222222222222" as Hex;

const NOW = 1_750_000_000n;
const TOKEN_ID = 2n;

const uid = (n: number): Hex => `0x${n.toString(16).padStart(64, "0")}`;

/** A capability that authorizes ALICE to claim token TOKEN_ID of RECORD; each test breaks one thing. */
function capability(overrides: Partial<Capability> = {}): Capability {
  return {
    uid: uid(1),
    integraHash: RECORD,
    processHash: PROCESS,
    tokenId: TOKEN_ID,
    capabilities: CAPABILITY.CLAIM,
    time: NOW - 60n,
    transactionHash: uid(99),
    recipient: ALICE,
    attester: CLERK,
    expirationTime: 0n,
    revocationTime: 0n,
    attesterAuthorized: true,
    ...overrides,
  };
}

const target = { integraHash: RECORD, tokenId: TOKEN_ID, account: ALICE, now: NOW };

const REVOKED_AT = NOW - 3_600n;
const EXPIRED_AT = NOW - 60n;

const reasons = {
  revoked: `Revoked on ${formatTimestamp(REVOKED_AT)}.`,
  expired: `Expired on ${formatTimestamp(EXPIRED_AT)}.`,
  otherWallet: "Issued to another wallet.",
  unauthorized: "Issued before the record changed hands or executors: no longer valid.",
  otherRecord: "Issued for another record.",
  otherToken: "Issued for token #5.",
  noClaimBit: "Does not grant the CLAIM capability.",
};

describe("judgeAttestation", () => {
  it("accepts an attestation that grants CLAIM on this token to this wallet", () => {
    expect(judgeAttestation(capability(), target)).toEqual({ usable: true });
  });

  it("refuses a revoked attestation, naming when it was revoked", () => {
    expect(judgeAttestation(capability({ revocationTime: REVOKED_AT }), target)).toEqual({ usable: false, reason: reasons.revoked });
  });

  it("refuses an attestation that expired before now", () => {
    expect(judgeAttestation(capability({ expirationTime: EXPIRED_AT }), target)).toEqual({ usable: false, reason: reasons.expired });
  });

  it("counts an attestation as expired at its expiry time exactly (the tokenizer checks expirationTime <= block.timestamp)", () => {
    expect(judgeAttestation(capability({ expirationTime: NOW }), target)).toEqual({
      usable: false,
      reason: `Expired on ${formatTimestamp(NOW)}.`,
    });
  });

  it("accepts an attestation one second before its expiry, and one that never expires (expirationTime 0)", () => {
    expect(judgeAttestation(capability({ expirationTime: NOW + 1n }), target)).toEqual({ usable: true });
    expect(judgeAttestation(capability({ expirationTime: 0n }), { ...target, now: 2n ** 63n })).toEqual({ usable: true });
  });

  it("refuses an attestation issued to another wallet", () => {
    expect(judgeAttestation(capability({ recipient: BOB }), target)).toEqual({ usable: false, reason: reasons.otherWallet });
  });

  it("compares the recipient and the account without regard to case", () => {
    expect(judgeAttestation(capability({ recipient: ALICE_LOWER }), target)).toEqual({ usable: true });
    expect(judgeAttestation(capability({ recipient: ALICE }), { ...target, account: ALICE_LOWER })).toEqual({ usable: true });
  });

  it("refuses an attestation whose attester no longer has authority over the record", () => {
    expect(judgeAttestation(capability({ attesterAuthorized: false }), target)).toEqual({ usable: false, reason: reasons.unauthorized });
  });

  it("refuses an attestation for another record", () => {
    expect(judgeAttestation(capability({ integraHash: OTHER_RECORD }), target)).toEqual({ usable: false, reason: reasons.otherRecord });
  });

  it("compares the integraHash without regard to case", () => {
    expect(judgeAttestation(capability({ integraHash: RECORD_UPPER }), target)).toEqual({ usable: true });
    expect(judgeAttestation(capability(), { ...target, integraHash: RECORD_UPPER })).toEqual({ usable: true });
  });

  it("refuses an attestation for another token, naming that token", () => {
    expect(judgeAttestation(capability({ tokenId: 5n }), target)).toEqual({ usable: false, reason: reasons.otherToken });
  });

  it("takes tokenId 0 as any token of the record", () => {
    expect(judgeAttestation(capability({ tokenId: 0n }), target)).toEqual({ usable: true });
    expect(judgeAttestation(capability({ tokenId: 0n }), { ...target, tokenId: 1n })).toEqual({ usable: true });
    expect(judgeAttestation(capability({ tokenId: 0n }), { ...target, tokenId: 99n })).toEqual({ usable: true });
  });

  it("refuses an attestation without the CLAIM bit, whatever else it grants", () => {
    const allButClaim = CAPABILITY.TRANSFER | CAPABILITY.REQUEST_PAYMENT | CAPABILITY.APPROVE_PAYMENT;
    expect(judgeAttestation(capability({ capabilities: allButClaim }), target)).toEqual({ usable: false, reason: reasons.noClaimBit });
    expect(judgeAttestation(capability({ capabilities: 0n }), target)).toEqual({ usable: false, reason: reasons.noClaimBit });
  });

  it("accepts CLAIM combined with other bits", () => {
    expect(
      judgeAttestation(capability({ capabilities: CAPABILITY.CLAIM | CAPABILITY.TRANSFER | CAPABILITY.REQUEST_PAYMENT }), target),
    ).toEqual({
      usable: true,
    });
  });

  it("reports the first failing check in the tokenizer's order: revoked, expired, wallet, authority, record, token, CLAIM", () => {
    // Start from an attestation that fails every check, then repair the checks one by one in the tokenizer's order:
    // each time, the reason must be the next check's.
    const broken: Partial<Capability>[] = [
      { revocationTime: REVOKED_AT },
      { expirationTime: EXPIRED_AT },
      { recipient: BOB },
      { attesterAuthorized: false },
      { integraHash: OTHER_RECORD },
      { tokenId: 5n },
      { capabilities: CAPABILITY.TRANSFER },
    ];
    const repaired: Partial<Capability>[] = [
      { revocationTime: 0n },
      { expirationTime: 0n },
      { recipient: ALICE },
      { attesterAuthorized: true },
      { integraHash: RECORD },
      { tokenId: TOKEN_ID },
      { capabilities: CAPABILITY.CLAIM },
    ];
    const expected = [
      reasons.revoked,
      reasons.expired,
      reasons.otherWallet,
      reasons.unauthorized,
      reasons.otherRecord,
      reasons.otherToken,
      reasons.noClaimBit,
    ];
    let current = capability(Object.assign({}, ...broken));
    for (let i = 0; i < expected.length; i++) {
      expect(judgeAttestation(current, target), `with checks 1..${i} repaired`).toEqual({ usable: false, reason: expected[i] });
      current = { ...current, ...repaired[i] };
    }
    expect(judgeAttestation(current, target)).toEqual({ usable: true });
  });
});

describe("claimStateOf", () => {
  const token = { integraHash: RECORD, tokenId: TOKEN_ID, status: "reserved", reservedFor: ALICE };

  it("says claimed once the token is claimed, whoever asks and whatever the attestations", () => {
    expect(claimStateOf({ ...token, status: "claimed" }, [], ALICE, NOW)).toEqual({ kind: "claimed" });
    expect(claimStateOf({ ...token, status: "claimed" }, [capability()], BOB, NOW)).toEqual({ kind: "claimed" });
  });

  it("says not-reserved for a token never reserved or whose reservation was cancelled", () => {
    for (const status of ["none", "cancelled"]) {
      expect(claimStateOf({ ...token, status }, [capability()], ALICE, NOW)).toEqual({ kind: "not-reserved" });
    }
  });

  it("says other-wallet when the token is reserved for someone else, naming them", () => {
    expect(claimStateOf({ ...token, reservedFor: BOB }, [capability({ recipient: BOB })], ALICE, NOW)).toEqual({
      kind: "other-wallet",
      reservedFor: BOB,
    });
  });

  it("matches the reserved wallet and the account without regard to case", () => {
    expect(claimStateOf({ ...token, reservedFor: ALICE_LOWER }, [capability()], ALICE, NOW)).toEqual({ kind: "claimable", uid: uid(1) });
    expect(claimStateOf(token, [capability()], ALICE_LOWER, NOW)).toEqual({ kind: "claimable", uid: uid(1) });
  });

  it("says no-attestation when there is none, or only for other records or other tokens", () => {
    expect(claimStateOf(token, [], ALICE, NOW)).toEqual({ kind: "no-attestation" });
    const unrelated = [capability({ uid: uid(1), integraHash: OTHER_RECORD }), capability({ uid: uid(2), tokenId: 7n })];
    expect(claimStateOf(token, unrelated, ALICE, NOW)).toEqual({ kind: "no-attestation" });
  });

  it("counts an attestation for any token (tokenId 0) of the record, and matches the record without regard to case", () => {
    expect(claimStateOf(token, [capability({ tokenId: 0n })], ALICE, NOW)).toEqual({ kind: "claimable", uid: uid(1) });
    expect(claimStateOf(token, [capability({ integraHash: RECORD_UPPER })], ALICE, NOW)).toEqual({ kind: "claimable", uid: uid(1) });
    expect(claimStateOf({ ...token, integraHash: RECORD_UPPER }, [capability()], ALICE, NOW)).toEqual({ kind: "claimable", uid: uid(1) });
  });

  it("says claimable with a usable attestation picked among several unusable ones", () => {
    const capabilities = [
      capability({ uid: uid(1), revocationTime: REVOKED_AT }),
      capability({ uid: uid(2), expirationTime: EXPIRED_AT }),
      capability({ uid: uid(3), tokenId: 0n }),
      capability({ uid: uid(4), attesterAuthorized: false }),
    ];
    expect(claimStateOf(token, capabilities, ALICE, NOW)).toEqual({ kind: "claimable", uid: uid(3) });
  });

  it("picks the first usable attestation when several are usable", () => {
    const capabilities = [
      capability({ uid: uid(1), capabilities: 0n }),
      capability({ uid: uid(2) }),
      capability({ uid: uid(3), tokenId: 0n }),
    ];
    expect(claimStateOf(token, capabilities, ALICE, NOW)).toEqual({ kind: "claimable", uid: uid(2) });
  });

  it("says blocked with the reason of the last relevant attestation when none is usable", () => {
    const capabilities = [
      capability({ uid: uid(1), revocationTime: REVOKED_AT }),
      capability({ uid: uid(2), capabilities: CAPABILITY.TRANSFER }),
      capability({ uid: uid(3), expirationTime: EXPIRED_AT }),
    ];
    expect(claimStateOf(token, capabilities, ALICE, NOW)).toEqual({ kind: "blocked", reason: reasons.expired });
  });

  it("ignores attestations of other records or tokens when choosing the blocking reason", () => {
    const capabilities = [
      capability({ uid: uid(1), attesterAuthorized: false }),
      capability({ uid: uid(2), integraHash: OTHER_RECORD }),
      capability({ uid: uid(3), tokenId: 9n }),
    ];
    expect(claimStateOf(token, capabilities, ALICE, NOW)).toEqual({ kind: "blocked", reason: reasons.unauthorized });
  });

  it("says blocked when the only attestation of this token was issued to another wallet", () => {
    expect(claimStateOf(token, [capability({ recipient: BOB })], ALICE, NOW)).toEqual({ kind: "blocked", reason: reasons.otherWallet });
  });

  it("says blocked at the attestation's expiry time exactly, and claimable one second before", () => {
    expect(claimStateOf(token, [capability({ expirationTime: NOW })], ALICE, NOW)).toEqual({
      kind: "blocked",
      reason: `Expired on ${formatTimestamp(NOW)}.`,
    });
    expect(claimStateOf(token, [capability({ expirationTime: NOW })], ALICE, NOW - 1n)).toEqual({ kind: "claimable", uid: uid(1) });
  });
});
