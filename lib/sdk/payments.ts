import type { Hex } from "viem";
import type { IntegraSigner } from "./signer";
import { IntegraWriteError, type PaymentOptions, integraEventsOf, sendPaid, callsOf } from "./writes";

/**
 * The payer of a pending payment request marks it paid (directly, or gasless through `options.relayer`: payment
 * signals are sponsored like claims). The request is requestPayment's; its note stays as the requestor sealed it.
 */
export async function markPaid(signer: IntegraSigner, paymentId: bigint, options: PaymentOptions = {}): Promise<{ transactionHash: Hex }> {
  const receipt = await sendPaid(signer, callsOf(signer).markPaid({ paymentId }), options);
  expectEvent(receipt, "PaymentPaid");
  return { transactionHash: receipt.transactionHash };
}

/** The requestor of a pending payment request cancels it; directly or gasless. */
export async function cancelPayment(
  signer: IntegraSigner,
  paymentId: bigint,
  options: PaymentOptions = {},
): Promise<{ transactionHash: Hex }> {
  const receipt = await sendPaid(signer, callsOf(signer).cancelPayment({ paymentId }), options);
  expectEvent(receipt, "PaymentCancelled");
  return { transactionHash: receipt.transactionHash };
}

/** A mined transaction that did not do what it was for is said so, rather than reported done. */
function expectEvent(receipt: Parameters<typeof integraEventsOf>[0], eventName: "PaymentPaid" | "PaymentCancelled"): void {
  if (!integraEventsOf(receipt).some((e) => e.eventName === eventName)) {
    throw new IntegraWriteError(
      "Nothing happened",
      `Transaction ${receipt.transactionHash} emitted no ${eventName}.`,
      undefined,
      "UnexpectedReceipt",
    );
  }
}
