import type { Address, Hex } from "viem";
import { CAPABILITY } from "@/lib/capabilities";
import { formatTimestamp } from "@/lib/format/time";
import type { Capability } from "@/lib/reads/capabilities";

export type Verdict = { usable: true } | { usable: false; reason: string };

/** Why an attestation can or cannot authorize `account` to claim token `tokenId` of `integraHash`, checked in the tokenizer's order. */
export function judgeAttestation(
  capability: Capability,
  target: { integraHash: Hex; tokenId: bigint; account: Address; now: bigint },
): Verdict {
  if (capability.revocationTime !== 0n) return { usable: false, reason: `Revoked on ${formatTimestamp(capability.revocationTime)}.` };
  if (capability.expirationTime !== 0n && capability.expirationTime <= target.now) {
    return { usable: false, reason: `Expired on ${formatTimestamp(capability.expirationTime)}.` };
  }
  if (capability.recipient.toLowerCase() !== target.account.toLowerCase()) return { usable: false, reason: "Issued to another wallet." };
  if (!capability.attesterAuthorized)
    return { usable: false, reason: "Issued before the record changed hands or executors: no longer valid." };
  if (capability.integraHash.toLowerCase() !== target.integraHash.toLowerCase())
    return { usable: false, reason: "Issued for another record." };
  if (capability.tokenId !== 0n && capability.tokenId !== target.tokenId)
    return { usable: false, reason: `Issued for token #${capability.tokenId}.` };
  if ((capability.capabilities & CAPABILITY.CLAIM) === 0n) return { usable: false, reason: "Does not grant the CLAIM capability." };
  return { usable: true };
}

export type ClaimState =
  | { kind: "claimable"; uid: Hex }
  | { kind: "claimed" }
  | { kind: "other-wallet"; reservedFor: Address }
  | { kind: "not-reserved" }
  | { kind: "no-attestation" }
  | { kind: "blocked"; reason: string };

/** Whether `account` can claim a token now, and if not, the one reason that matters most. */
export function claimStateOf(
  token: { integraHash: Hex; tokenId: bigint; status: string; reservedFor: Address },
  capabilities: Capability[],
  account: Address,
  now: bigint,
): ClaimState {
  if (token.status === "claimed") return { kind: "claimed" };
  if (token.status !== "reserved") return { kind: "not-reserved" };
  if (token.reservedFor.toLowerCase() !== account.toLowerCase()) return { kind: "other-wallet", reservedFor: token.reservedFor };
  const relevant = capabilities.filter(
    (c) => c.integraHash.toLowerCase() === token.integraHash.toLowerCase() && (c.tokenId === 0n || c.tokenId === token.tokenId),
  );
  if (relevant.length === 0) return { kind: "no-attestation" };
  const target = { integraHash: token.integraHash, tokenId: token.tokenId, account, now };
  const usable = relevant.find((c) => judgeAttestation(c, target).usable);
  if (usable) return { kind: "claimable", uid: usable.uid };
  const verdict = judgeAttestation(relevant[relevant.length - 1], target);
  return { kind: "blocked", reason: verdict.usable ? "" : verdict.reason };
}

/** Why a token can or cannot be claimed now, in one sentence (the CLI's and SDK's words). */
export function describeClaimState(state: ClaimState): string {
  switch (state.kind) {
    case "claimable":
      return "Can be claimed now.";
    case "claimed":
      return "Already claimed.";
    case "other-wallet":
      return `Reserved for another wallet (${state.reservedFor}).`;
    case "not-reserved":
      return "Not reserved.";
    case "no-attestation":
      return "No claim attestation has been issued for it yet: ask the record's owner.";
    case "blocked":
      return state.reason;
  }
}
