import { type Address, type Hex, encodeFunctionData } from "viem";
import { capabilityAttestationRequest } from "@/lib/capabilities";
import { capabilitySchemaUid, eas } from "@/lib/contracts";
import type { ContractCall } from "./contractCall";

/** One grant: `capabilities` on `tokenId` of a record (0: any token) to `recipient`, until `expirationTime` if given. */
export interface CapabilityGrant {
  integraHash: Hex;
  tokenId: bigint;
  capabilities: bigint;
  recipient: Address;
  processHash: Hex;
  expirationTime?: bigint;
}

/** Capabilities: EAS attestations under the capability schema, issued and revoked. */
export const capabilitiesCalls = {
  /** An EAS attestation under the capability schema making one grant. */
  issueCapability: (p: CapabilityGrant): ContractCall => ({
    to: eas.address,
    data: encodeFunctionData({
      abi: eas.abi,
      functionName: "attest",
      args: [capabilityAttestationRequest({ schema: capabilitySchemaUid, ...p })],
    }),
    sponsored: false,
  }),

  /**
   * Several capability attestations in one transaction (EAS multiAttest, one schema): each grant as issueCapability
   * makes it, in order, so the receipt's Attested events follow the grants' order.
   */
  issueCapabilities: (p: { grants: readonly CapabilityGrant[] }): ContractCall => ({
    to: eas.address,
    data: encodeFunctionData({
      abi: eas.abi,
      functionName: "multiAttest",
      args: [
        [
          {
            schema: capabilitySchemaUid,
            data: p.grants.map((grant) => capabilityAttestationRequest({ schema: capabilitySchemaUid, ...grant }).data),
          },
        ],
      ],
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
