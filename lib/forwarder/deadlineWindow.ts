/**
 * When a signed request may be submitted, judged against the block it would land in. A sponsor pays now for a
 * request that must still be valid when mined, and must not hold a party's signature that stays good for years:
 * a deadline more than MAX_DEADLINE_AHEAD_SECONDS ahead, or fewer than MIN_SECONDS_LEFT away, is refused, and so is
 * a claim whose attestation expires within the same margin.
 */
export const MAX_DEADLINE_AHEAD_SECONDS = 60 * 60;
export const MIN_SECONDS_LEFT = 60;

/**
 * The next block's timestamp, estimated: never before the latest block's plus one second, and never before the
 * wall clock (an idle chain, anvil with automine, stamps its next block with the current time however old its
 * latest block is).
 */
export function nextBlockTime(latestBlockTimestamp: bigint | number, nowMs: number = Date.now()): number {
  return Math.max(Number(latestBlockTimestamp) + 1, Math.floor(nowMs / 1000));
}

export type WindowVerdict =
  { ok: true; secondsLeft: number } | { ok: false; reason: "expired" | "too-soon" | "too-far"; secondsLeft: number };

/** Whether a request valid until `deadline` (seconds) may be submitted for a block at `blockTime`. */
export function deadlineVerdict(deadline: number, blockTime: number): WindowVerdict {
  const secondsLeft = deadline - blockTime;
  if (secondsLeft <= 0) return { ok: false, reason: "expired", secondsLeft };
  if (secondsLeft < MIN_SECONDS_LEFT) return { ok: false, reason: "too-soon", secondsLeft };
  if (secondsLeft > MAX_DEADLINE_AHEAD_SECONDS) return { ok: false, reason: "too-far", secondsLeft };
  return { ok: true, secondsLeft };
}

/** Whether an attestation expiring at `expirationTime` (0: never) is still good MIN_SECONDS_LEFT after `blockTime`. */
export function attestationStillValid(expirationTime: bigint, blockTime: number): boolean {
  return expirationTime === 0n || expirationTime >= BigInt(blockTime + MIN_SECONDS_LEFT);
}

/** Seconds as people say them: "45 seconds", "12 minutes", "3 hours", "2 days". */
export function inWords(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 90) return `${s} seconds`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} minutes`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h} hours` : `${Math.round(h / 24)} days`;
}
