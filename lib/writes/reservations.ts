import { type Address, type Hex, encodeFunctionData } from "viem";
import { tokenizerAbi } from "@/lib/contracts";
import type { ChainAddresses } from "./chainAddresses";
import type { ContractCall } from "./contractCall";

/** A record's tokens on one chain: reserving, cancelling, fixing the party set, claiming. */
export function reservationsCallsOn(on: () => ChainAddresses) {
  return {
    /** Reserves a token for `recipient` in the public role `role` (at most MAX_ROLE_BYTES bytes; empty for none). */
    reserveToken: (p: {
      integraHash: Hex;
      tokenizer: Address;
      tokenId: bigint;
      recipient: Address;
      amount: bigint;
      processHash: Hex;
      role: string;
    }): ContractCall => ({
      chainId: on().chainId,
      to: p.tokenizer,
      data: encodeFunctionData({
        abi: tokenizerAbi,
        functionName: "reserveToken",
        args: [p.integraHash, p.tokenId, p.recipient, p.amount, p.processHash, p.role],
      }),
      sponsored: false,
    }),

    cancelReservation: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint }): ContractCall => ({
      chainId: on().chainId,
      to: p.tokenizer,
      data: encodeFunctionData({ abi: tokenizerAbi, functionName: "cancelReservation", args: [p.integraHash, p.tokenId] }),
      sponsored: false,
    }),

    sealParties: (p: { integraHash: Hex; tokenizer: Address }): ContractCall => ({
      chainId: on().chainId,
      to: p.tokenizer,
      data: encodeFunctionData({ abi: tokenizerAbi, functionName: "sealParties", args: [p.integraHash] }),
      sponsored: false,
    }),

    claimToken: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint; uid: Hex; processHash: Hex }): ContractCall => {
      const chain = on();
      return {
        chainId: chain.chainId,
        to: p.tokenizer,
        data: encodeFunctionData({ abi: tokenizerAbi, functionName: "claimToken", args: [p.integraHash, p.tokenId, p.uid, p.processHash] }),
        // Claims are sponsored on the chain's own Integra tokenizers only, as the relayer checks.
        sponsored: chain.tokenizerKindOf(p.tokenizer) !== undefined,
      };
    },
  };
}
