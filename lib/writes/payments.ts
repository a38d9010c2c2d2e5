import { type Address, type Hex, encodeFunctionData } from "viem";
import { integraSignalV1Abi as abi } from "@/lib/generated/integra";
import type { ChainAddresses } from "./chainAddresses";
import type { ContractCall } from "./contractCall";

/** Payment signals between the parties of a record, on one chain. */
export function paymentsCallsOn(on: () => ChainAddresses) {
  const signalCall = (data: Hex): ContractCall => {
    const chain = on();
    return { chainId: chain.chainId, to: chain.address("IntegraSignalV1"), data, sponsored: true };
  };
  return {
    /** A payment request from the holder of `myToken` to the holder of `payerToken`; the amount is sealed for them. */
    requestPayment: (p: {
      integraHash: Hex;
      myToken: bigint;
      payer: Address;
      payerToken: bigint;
      encryptedAmount: Hex;
      deadline: bigint;
    }): ContractCall =>
      signalCall(
        encodeFunctionData({
          abi,
          functionName: "requestPayment",
          args: [p.integraHash, p.myToken, p.payer, p.payerToken, p.encryptedAmount, p.deadline],
        }),
      ),

    markPaid: (p: { paymentId: bigint }): ContractCall =>
      signalCall(encodeFunctionData({ abi, functionName: "markPaid", args: [p.paymentId, "0x"] })),

    cancelPayment: (p: { paymentId: bigint }): ContractCall =>
      signalCall(encodeFunctionData({ abi, functionName: "cancelPayment", args: [p.paymentId] })),
  };
}
