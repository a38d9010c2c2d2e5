import type { TransactionReceipt } from "viem";
import type { SendOutcome } from "./sendContractCall";
import { IntegraWriteError } from "./writeError";

/**
 * The receipt of a write that ran; one that reverted, or never ran (dropped, or replaced by another transaction of
 * the same sender), thrown as an IntegraWriteError in words, with the transaction's hash.
 */
export function minedReceipt(outcome: SendOutcome): TransactionReceipt {
  const { hash } = outcome;
  switch (outcome.kind) {
    case "mined":
      if (outcome.receipt.status === "success") return outcome.receipt;
      throw new IntegraWriteError("The transaction reverted", `Transaction ${hash} was mined but reverted.`, undefined, "Reverted");
    case "dropped":
      throw new IntegraWriteError(
        "The transaction was dropped",
        `Transaction ${hash} was dropped by the network before it was mined: it never ran, and nothing changed. Send it again.`,
        undefined,
        "Dropped",
      );
    case "replaced":
      throw new IntegraWriteError(
        "The transaction was replaced",
        outcome.paidBy === "relayer"
          ? `Transaction ${hash} was not mined: the relayer ${outcome.sponsor} sent another transaction in its place. Check whether the write happened before sending it again.`
          : `Transaction ${hash} was not mined: another transaction from the same sender took its place (sped up or cancelled). Check whether the write happened before sending it again.`,
        undefined,
        "Replaced",
      );
  }
}
