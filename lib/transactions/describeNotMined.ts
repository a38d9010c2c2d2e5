/**
 * The words for a transaction that ended without running (the label is put in front where it is shown). Apart from
 * transactionOutcome.ts, so the layout's notices of remembered transactions need none of viem's error classes.
 */
export function describeNotMined(outcome: { kind: "dropped" | "replaced" }): { title: string; message: string } {
  return outcome.kind === "dropped"
    ? { title: "Not mined: the network dropped it", message: "Nothing happened; send it again." }
    : {
        title: "Not mined: another transaction took its place",
        message: "Your wallet sent another transaction in its place (sped up or cancelled). Check this page before sending again.",
      };
}
