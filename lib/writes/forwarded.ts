import { encodeFunctionData } from "viem";
import { forwarder } from "@/lib/contracts";
import { type SignedForwardRequest, forwardRequestData } from "@/lib/forwarder/forwardRequest";
import type { ContractCall } from "./contractCall";

/** Submitting a party's signed request (and paying for it). */
export const forwardedCalls = {
  /** A party's signed request, submitted (and paid for) by whoever sends this call. */
  executeForwarded: (p: { request: SignedForwardRequest }): ContractCall => ({
    to: forwarder.address,
    data: encodeFunctionData({ abi: forwarder.abi, functionName: "execute", args: [forwardRequestData(p.request)] }),
    sponsored: false,
  }),
};
