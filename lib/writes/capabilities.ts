import { type Address, type Hex, encodeFunctionData } from "viem";
import { capabilityAttestationRequest } from "@/lib/capabilities";
import { easAbi } from "@/lib/generated/integra";
import type { ChainAddresses } from "./chainAddresses";
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

/** Capabilities on one chain: EAS attestations under that chain's capability schema, issued and revoked. */
export function capabilitiesCallsOn(on: () => ChainAddresses) {
  const easCall = (data: (schema: Hex) => Hex): ContractCall => {
    const chain = on();
    return { chainId: chain.chainId, to: chain.address("EAS"), data: data(chain.capabilitySchemaUid), sponsored: false };
  };
  return {
    /** An EAS attestation under the capability schema making one grant. */
    issueCapability: (p: CapabilityGrant): ContractCall =>
      easCall((schema) =>
        encodeFunctionData({ abi: easAbi, functionName: "attest", args: [capabilityAttestationRequest({ schema, ...p })] }),
      ),

    /**
     * Several capability attestations in one transaction (EAS multiAttest, one schema): each grant as issueCapability
     * makes it, in order, so the receipt's Attested events follow the grants' order.
     */
    issueCapabilities: (p: { grants: readonly CapabilityGrant[] }): ContractCall =>
      easCall((schema) =>
        encodeFunctionData({
          abi: easAbi,
          functionName: "multiAttest",
          args: [[{ schema, data: p.grants.map((grant) => capabilityAttestationRequest({ schema, ...grant }).data) }]],
        }),
      ),

    revokeCapability: (p: { uid: Hex }): ContractCall =>
      easCall((schema) => encodeFunctionData({ abi: easAbi, functionName: "revoke", args: [{ schema, data: { uid: p.uid, value: 0n } }] })),
  };
}
