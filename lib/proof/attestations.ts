import { type Address, type Hex, type PublicClient, decodeAbiParameters, encodePacked, keccak256 } from "viem";
import { CAPABILITY_DATA_PARAMETERS } from "@/lib/capabilities";
import { easAbi } from "@/lib/generated/integra";
import type { ProofAttestation } from "./proofBundle";

/**
 * An attestation's UID as EAS computes it (EAS.sol `_getUID`): keccak256 of the packed schema, recipient, attester,
 * time, expiration, revocable flag, refUID, data and a uint32 bump. EAS bumps only when the UID is already taken,
 * which takes an identical attestation in the same second; 0 is every real attestation's bump.
 */
export function attestationUid(attestation: ProofAttestation, bump = 0): Hex {
  return keccak256(
    encodePacked(
      ["bytes32", "address", "address", "uint64", "uint64", "bool", "bytes32", "bytes", "uint32"],
      [
        attestation.schema,
        attestation.recipient,
        attestation.attester,
        BigInt(attestation.time),
        BigInt(attestation.expirationTime),
        attestation.revocable,
        attestation.refUID,
        attestation.data,
        bump,
      ],
    ),
  );
}

/** One attestation from EAS at `easAddress`, in the bundle's form (an unknown UID comes back with uid 0x00…). */
export async function readAttestation(
  client: Pick<PublicClient, "readContract">,
  easAddress: Address,
  uid: Hex,
): Promise<ProofAttestation> {
  const a = await client.readContract({ address: easAddress, abi: easAbi, functionName: "getAttestation", args: [uid] });
  return {
    uid: a.uid,
    schema: a.schema,
    recipient: a.recipient,
    attester: a.attester,
    time: a.time.toString(),
    expirationTime: a.expirationTime.toString(),
    revocationTime: a.revocationTime.toString(),
    refUID: a.refUID,
    revocable: a.revocable,
    data: a.data,
  };
}

/** What a capability attestation grants (the Integra capability schema), or undefined when its data is not of that schema. */
export interface CapabilityGrant {
  integraHash: Hex;
  tokenId: bigint;
  capabilities: bigint;
  processHash: Hex;
}

export function decodeCapabilityData(data: Hex): CapabilityGrant | undefined {
  try {
    const [integraHash, tokenId, capabilities, processHash] = decodeAbiParameters(CAPABILITY_DATA_PARAMETERS, data);
    return { integraHash, tokenId, capabilities, processHash };
  } catch {
    return undefined;
  }
}
