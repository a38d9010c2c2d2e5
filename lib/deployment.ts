import { type Address, type Hex, zeroAddress, zeroHash } from "viem";
import { type DeployedContractName, deploymentsByChainId } from "@/lib/generated/deployments";
import { APP_CHAIN_ID } from "@/lib/config/appChain";

/**
 * The configured chain's deployment: addresses, deploy block, schema UID, with no ABI (lib/contracts.ts adds those),
 * so the layout's banner and /verify's record list do not bring every ABI (~6 KB gzip) to a page's first load.
 */
const deployment = deploymentsByChainId[APP_CHAIN_ID];

/** True when the generated module has a deployment for the configured chain. */
export const isDeployed = deployment !== undefined;

export function deployedAddress(name: DeployedContractName): Address {
  return deployment?.addresses[name] ?? zeroAddress;
}

export const deployBlock = BigInt(deployment?.deployBlock ?? 0);
export const capabilitySchemaUid: Hex = deployment?.capabilitySchemaUid ?? zeroHash;

export type TokenizerKind = "ownership" | "multiParty";

export const tokenizers: Record<TokenizerKind, { address: Address; name: string; description: string }> = {
  ownership: {
    address: deployedAddress("OwnershipTokenizerV1"),
    name: "Ownership (ERC-721)",
    description: "One ownership token for the record: a deed, a title.",
  },
  multiParty: {
    address: deployedAddress("MultiPartyTokenizerV1"),
    name: "Multi-party (ERC-1155)",
    description: "One role token per party; complete when every party has claimed.",
  },
};

export function tokenizerKindOf(tokenizerAddress: Address): TokenizerKind | undefined {
  const lower = tokenizerAddress.toLowerCase();
  if (lower === tokenizers.ownership.address.toLowerCase()) return "ownership";
  if (lower === tokenizers.multiParty.address.toLowerCase()) return "multiParty";
  return undefined;
}

/** Every Integra contract address: a record's timeline is one eth_getLogs over all of them. */
export const integraAddresses: Address[] = [
  deployedAddress("IntegraRecordV1"),
  deployedAddress("OwnershipTokenizerV1"),
  deployedAddress("MultiPartyTokenizerV1"),
  deployedAddress("IntegraCapabilityResolverV1"),
  deployedAddress("IntegraSignalV1"),
  deployedAddress("OwnerAllowlistResolverV1"),
];
