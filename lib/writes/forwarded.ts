import { encodeFunctionData } from "viem";
import { integraForwarderV1Abi } from "@/lib/generated/integra";
import { type SignedForwardRequest, forwardRequestData } from "@/lib/forwarder/forwardRequest";
import type { ChainAddresses } from "./chainAddresses";
import type { ContractCall } from "./contractCall";

/** Submitting a party's signed request (and paying for it), to the forwarder of the chain it was signed for. */
export function forwardedCallsOn(on: () => ChainAddresses) {
  return {
    /** A party's signed request, submitted (and paid for) by whoever sends this call. */
    executeForwarded: (p: { request: SignedForwardRequest }): ContractCall => {
      const chain = on();
      return {
        chainId: chain.chainId,
        to: chain.address("IntegraForwarderV1"),
        data: encodeFunctionData({ abi: integraForwarderV1Abi, functionName: "execute", args: [forwardRequestData(p.request)] }),
        sponsored: false,
      };
    },
  };
}
