/** The checks of a proof, in the order they are reported. */
export const PROOF_CHECK_IDS = [
  "chain",
  "contracts",
  "events-decode",
  "events-record",
  "events-in-receipts",
  "record-from-events",
  "attestation-uids",
  "attestation-links",
  "file",
  "chain-online",
  "block-online",
  "events-online",
  "attestations-online",
] as const;

export type ProofCheckId = (typeof PROOF_CHECK_IDS)[number];

/** One check's verdict: what was checked (title), whether it holds, and why, in plain words naming the field at fault. */
export interface ProofCheck {
  id: ProofCheckId;
  title: string;
  ok: boolean;
  detail: string;
  /** Whether it read the chain (the offline checks only show that the bundle is consistent with itself). */
  online: boolean;
}

export function passed(id: ProofCheckId, title: string, detail: string, online = false): ProofCheck {
  return { id, title, ok: true, detail, online };
}

export function failed(id: ProofCheckId, title: string, detail: string, online = false): ProofCheck {
  return { id, title, ok: false, detail, online };
}

/** "1 event", "3 events". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
