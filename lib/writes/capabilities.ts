import { type Address, type Hex, encodeFunctionData } from "viem";
import { capabilityAttestationRequest } from "@/lib/capabilities";
import { capabilitySchemaUid, eas } from "@/lib/contracts";
import type { ContractCall } from "./contractCall";

/** Capabilities: EAS attestations under the capability schema, issued and revoked. */
export const capabilitiesCalls = {
  /** An EAS attestation under the capability schema granting `capabilities` on `tokenId` (0: any token). */
  issueCapability: (p: {
    integraHash: Hex;
    tokenId: bigint;
    capabilities: bigint;
    recipient: Address;
    processHash: Hex;
    expirationTime?: bigint;
  }): ContractCall => ({
    to: eas.address,
    data: encodeFunctionData({
      abi: eas.abi,
      functionName: "attest",
      args: [capabilityAttestationRequest({ schema: capabilitySchemaUid, ...p })],
    }),
    sponsored: false,
  }),

  revokeCapability: (p: { uid: Hex }): ContractCall => ({
    to: eas.address,
    data: encodeFunctionData({
      abi: eas.abi,
      functionName: "revoke",
      args: [{ schema: capabilitySchemaUid, data: { uid: p.uid, value: 0n } }],
    }),
    sponsored: false,
  }),
};
