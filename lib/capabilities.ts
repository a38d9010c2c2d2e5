import { type Address, type Hex, encodeAbiParameters, zeroHash } from "viem";
import { capabilityBits, capabilityDataParameters, capabilitySchema } from "@/lib/generated/integra";

/**
 * Capability bits of the Integra capability schema, as written in contracts/src/Capabilities.sol (the generated
 * module reads them from there). Only CLAIM is checked on chain (by the tokenizers), so the app grants only CLAIM;
 * the other bits are reserved in the schema.
 */
export const CAPABILITY = capabilityBits;

/** The EAS schema of capability attestations: `Capabilities.SCHEMA` in contracts/src/Capabilities.sol. */
export const CAPABILITY_SCHEMA = capabilitySchema;

/** CAPABILITY_SCHEMA's fields as ABI parameters (the generated module parses the schema). */
export const CAPABILITY_DATA_PARAMETERS = capabilityDataParameters;

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
      data: encodeAbiParameters(CAPABILITY_DATA_PARAMETERS, [params.integraHash, params.tokenId, params.capabilities, params.processHash]),
      value: 0n,
    },
  } as const;
}

/** The EAS attest() request granting CLAIM on token `tokenId` (0: any token): the one capability the app grants. */
export function claimAttestationRequest(params: Omit<Parameters<typeof capabilityAttestationRequest>[0], "capabilities">) {
  return capabilityAttestationRequest({ ...params, capabilities: CAPABILITY.CLAIM });
}
