import { type Address, type Hex, encodeFunctionData } from "viem";
import { signal } from "@/lib/contracts";
import type { ContractCall } from "./contractCall";

/** Payment signals between the parties of a record. */
export const paymentsCalls = {
  /** A payment request from the holder of `myToken` to the holder of `payerToken`; the amount is sealed for them. */
  requestPayment: (p: {
    integraHash: Hex;
    myToken: bigint;
    payer: Address;
    payerToken: bigint;
    encryptedAmount: Hex;
    deadline: bigint;
  }): ContractCall => ({
    to: signal.address,
    data: encodeFunctionData({
      abi: signal.abi,
      functionName: "requestPayment",
      args: [p.integraHash, p.myToken, p.payer, p.payerToken, p.encryptedAmount, p.deadline],
    }),
    sponsored: true,
  }),

  markPaid: (p: { paymentId: bigint }): ContractCall => ({
    to: signal.address,
    data: encodeFunctionData({ abi: signal.abi, functionName: "markPaid", args: [p.paymentId, "0x"] }),
    sponsored: true,
  }),

  cancelPayment: (p: { paymentId: bigint }): ContractCall => ({
    to: signal.address,
    data: encodeFunctionData({ abi: signal.abi, functionName: "cancelPayment", args: [p.paymentId] }),
    sponsored: true,
  }),
};
