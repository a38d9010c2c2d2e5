import { type Address, type Hex, encodeAbiParameters, parseAbiParameters, zeroHash } from "viem";

/**
 * Capability bits of the Integra capability schema (see contracts/src/Capabilities.sol). Only CLAIM is checked on
 * chain (by the tokenizers), so the app grants only CLAIM; the other bits are reserved in the schema.
 */
export const CAPABILITY = {
  CLAIM: 1n << 0n,
  TRANSFER: 1n << 1n,
  REQUEST_PAYMENT: 1n << 2n,
  APPROVE_PAYMENT: 1n << 3n,
} as const;

export const CAPABILITY_SCHEMA =
  "bytes32 integraHash,uint256 tokenId,uint256 capabilities,bytes32 processHash";

/**
 * The EAS attest() request granting `capabilities` on token `tokenId` (0: any token) of a record to
 * `recipient`, under the capability schema `schema`. Pure, so the app, the seed, benches and tests share it.
 */
export function capabilityAttestationRequest(params: {
  schema: Hex;
  integraHash: Hex;
  tokenId: bigint;
  capabilities: bigint;
  processHash: Hex;
  recipient: Address;
  expirationTime?: bigint;
}) {
  return {
    schema: params.schema,
    data: {
      recipient: params.recipient,
      expirationTime: params.expirationTime ?? 0n,
      revocable: true,
      refUID: zeroHash,
      data: encodeAbiParameters(parseAbiParameters("bytes32, uint256, uint256, bytes32"), [
        params.integraHash,
        params.tokenId,
        params.capabilities,
        params.processHash,
      ]),
      value: 0n,
    },
  } as const;
}
