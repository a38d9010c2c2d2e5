import { type Address, type Hex, encodeAbiParameters, parseAbiParameters, zeroHash } from "viem";
import { capabilitySchemaUid } from "@/lib/contracts";

/** The EAS attest() request granting `capabilities` on token `tokenId` (0: any) of a record to `recipient`. */
export function capabilityAttestationRequest(params: {
  integraHash: Hex;
  tokenId: bigint;
  capabilities: bigint;
  processHash: Hex;
  recipient: Address;
  expirationTime: bigint;
}) {
  return {
    schema: capabilitySchemaUid,
    data: {
      recipient: params.recipient,
      expirationTime: params.expirationTime,
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

/** The link a party opens to claim its token. */
export function claimLinkPath(integraHash: Hex, tokenId: bigint): string {
  return `/claims?record=${integraHash}&token=${tokenId}`;
}
