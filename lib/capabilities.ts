/** Capability bits of the Integra capability schema (see contracts/src/Capabilities.sol). */
export const CAPABILITY = {
  CLAIM: 1n << 0n,
  TRANSFER: 1n << 1n,
  REQUEST_PAYMENT: 1n << 2n,
  APPROVE_PAYMENT: 1n << 3n,
} as const;

export const CAPABILITY_SCHEMA =
  "bytes32 integraHash,uint256 tokenId,uint256 capabilities,bytes32 processHash";
