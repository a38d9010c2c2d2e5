/**
 * What the sponsor spent on gas in a rolling window, against a cap. A transaction reserves its worst case
 * (gas limit x max fee) when sent, and settles to what it really cost once mined, so concurrent requests
 * can never overshoot the cap together.
 */
export class SpendLedger {
  private readonly entries = new Map<number, { at: number; wei: bigint }>();
  private nextId = 0;

  constructor(
    readonly capWei: bigint,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  spentWei(): bigint {
    const since = this.now() - this.windowMs;
    let total = 0n;
    for (const [id, entry] of this.entries) {
      if (entry.at <= since) this.entries.delete(id);
      else total += entry.wei;
    }
    return total;
  }

  /** Reserves `wei` and returns its id, or undefined when it would pass the cap. */
  reserve(wei: bigint): number | undefined {
    if (this.spentWei() + wei > this.capWei) return undefined;
    const id = this.nextId++;
    this.entries.set(id, { at: this.now(), wei });
    return id;
  }

  /** Replaces a reservation by the real cost (0 when nothing was spent, e.g. the send failed). */
  settle(id: number, wei: bigint): void {
    const entry = this.entries.get(id);
    if (entry) entry.wei = wei;
  }
}
