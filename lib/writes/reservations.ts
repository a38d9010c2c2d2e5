import { type Address, type Hex, encodeFunctionData } from "viem";
import { tokenizerAbi, tokenizerKindOf } from "@/lib/contracts";
import type { ContractCall } from "./contractCall";

/** A record's tokens: reserving, cancelling, fixing the party set, claiming. */
export const reservationsCalls = {
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
    to: p.tokenizer,
    data: encodeFunctionData({
      abi: tokenizerAbi,
      functionName: "reserveToken",
      args: [p.integraHash, p.tokenId, p.recipient, p.amount, p.processHash, p.role],
    }),
    sponsored: false,
  }),

  cancelReservation: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint }): ContractCall => ({
    to: p.tokenizer,
    data: encodeFunctionData({ abi: tokenizerAbi, functionName: "cancelReservation", args: [p.integraHash, p.tokenId] }),
    sponsored: false,
  }),

  sealParties: (p: { integraHash: Hex; tokenizer: Address }): ContractCall => ({
    to: p.tokenizer,
    data: encodeFunctionData({ abi: tokenizerAbi, functionName: "sealParties", args: [p.integraHash] }),
    sponsored: false,
  }),

  claimToken: (p: { integraHash: Hex; tokenizer: Address; tokenId: bigint; uid: Hex; processHash: Hex }): ContractCall => ({
    to: p.tokenizer,
    data: encodeFunctionData({ abi: tokenizerAbi, functionName: "claimToken", args: [p.integraHash, p.tokenId, p.uid, p.processHash] }),
    // Claims are sponsored on the Integra tokenizers only, as the relayer checks.
    sponsored: tokenizerKindOf(p.tokenizer) !== undefined,
  }),
};
