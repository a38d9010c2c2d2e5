import type { RelayerInfo } from "@/lib/relay/relayApi";

/**
 * Who pays a write's network fee: the sender's wallet, or a relayer (the sender only signs an ERC-2771 request and
 * needs no ether). "auto" relays a sponsored party call when the sender holds no ether and a relayer is enabled, so
 * a wallet made a moment ago, holding nothing, can still claim; anything else is paid by the wallet.
 */
export type Payer = "wallet" | "relayer" | "auto";

/** What is known so far about a write: the rule asks for the balance and the relayer only when it needs them. */
export interface PayerFacts {
  /** Whether a relayer sponsors the call (ContractCall.sponsored). */
  sponsored: boolean;
  /** The sender's balance, once read. */
  balance?: bigint;
  /** The relayer's answer, once asked. */
  relayer?: RelayerInfo;
}

/** Who pays, or the fact the rule needs before it can say. */
export type PayerDecision = { paidBy: "wallet" | "relayer" } | { needs: "balance" | "relayer" };

/**
 * The one payer rule, for the app, the SDK and the CLI: a chosen payer is kept; "auto" picks the relayer only for a
 * sponsored call from a sender with no ether, when the relayer says it is enabled.
 */
export function decidePayer(payer: Payer, facts: PayerFacts): PayerDecision {
  if (payer !== "auto") return { paidBy: payer };
  if (!facts.sponsored) return { paidBy: "wallet" };
  if (facts.balance === undefined) return { needs: "balance" };
  if (facts.balance > 0n) return { paidBy: "wallet" };
  if (facts.relayer === undefined) return { needs: "relayer" };
  return { paidBy: facts.relayer.enabled ? "relayer" : "wallet" };
}
