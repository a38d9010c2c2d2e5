import { type Hex, size, slice, toFunctionSelector } from "viem";

/**
 * Gas a forwarded claim carries beyond its estimate. A claim estimated before another party's claim lands may be the
 * one that completes the record, and completing announces every claimed token's new metadata (one ERC-4906
 * MetadataUpdate each, about 1,400 gas, for up to the tokenizers' 64 tokens reserved in order): the estimate cannot
 * see that, and a request that runs out of gas on chain costs its sponsor and its party.
 */
export const CLAIM_COMPLETION_HEADROOM = 100_000n;

const CLAIM_SELECTOR = toFunctionSelector("claimToken(bytes32,uint256,bytes32,bytes32)");

/** The headroom a forwarded call to `data` must carry: a claim's, or none. */
export function completionHeadroom(data: Hex): bigint {
  return size(data) >= 4 && slice(data, 0, 4) === CLAIM_SELECTOR ? CLAIM_COMPLETION_HEADROOM : 0n;
}
