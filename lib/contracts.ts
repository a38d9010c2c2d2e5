import { type Address, type Hex, zeroAddress, zeroHash } from "viem";
import {
  type DeployedContractName,
  deploymentsByChainId,
  easAbi,
  integraCapabilityResolverV1Abi,
  integraForwarderV1Abi,
  integraRecordV1Abi,
  integraSignalV1Abi,
  multiPartyTokenizerV1Abi,
  ownerAllowlistResolverV1Abi,
  ownershipTokenizerV1Abi,
} from "@/lib/generated/integra";
import { APP_CHAIN_ID } from "@/lib/config/appChain";

const deployment = deploymentsByChainId[APP_CHAIN_ID];

/** True when the generated module has a deployment for the configured chain. */
export const isDeployed = deployment !== undefined;

function address(name: DeployedContractName): Address {
  return deployment?.addresses[name] ?? zeroAddress;
}

export const deployBlock = BigInt(deployment?.deployBlock ?? 0);
export const capabilitySchemaUid: Hex = deployment?.capabilitySchemaUid ?? zeroHash;

export const registry = { address: address("IntegraRecordV1"), abi: integraRecordV1Abi } as const;
export const ownershipTokenizer = { address: address("OwnershipTokenizerV1"), abi: ownershipTokenizerV1Abi } as const;
export const multiPartyTokenizer = { address: address("MultiPartyTokenizerV1"), abi: multiPartyTokenizerV1Abi } as const;
export const capabilityResolver = { address: address("IntegraCapabilityResolverV1"), abi: integraCapabilityResolverV1Abi } as const;
export const signal = { address: address("IntegraSignalV1"), abi: integraSignalV1Abi } as const;
export const forwarder = { address: address("IntegraForwarderV1"), abi: integraForwarderV1Abi } as const;
export const allowlistResolver = { address: address("OwnerAllowlistResolverV1"), abi: ownerAllowlistResolverV1Abi } as const;
export const eas = { address: address("EAS"), abi: easAbi } as const;

/** Both tokenizers share one ABI for reserve/cancel/claim/status (IntegraTokenizerBase). */
export const tokenizerAbi = multiPartyTokenizerV1Abi;

export type TokenizerKind = "ownership" | "multiParty";

export const tokenizers: Record<TokenizerKind, { address: Address; name: string; description: string }> = {
  ownership: {
    address: ownershipTokenizer.address,
    name: "Ownership (ERC-721)",
    description: "One ownership token for the record: a deed, a title.",
  },
  multiParty: {
    address: multiPartyTokenizer.address,
    name: "Multi-party (ERC-1155)",
    description: "One role token per party; complete when every party has claimed.",
  },
};

export function tokenizerKindOf(tokenizerAddress: Address): TokenizerKind | undefined {
  const lower = tokenizerAddress.toLowerCase();
  if (lower === ownershipTokenizer.address.toLowerCase()) return "ownership";
  if (lower === multiPartyTokenizer.address.toLowerCase()) return "multiParty";
  return undefined;
}

/** Every Integra contract address: a record's timeline is one eth_getLogs over all of them. */
export const integraAddresses: Address[] = [
  registry.address,
  ownershipTokenizer.address,
  multiPartyTokenizer.address,
  capabilityResolver.address,
  signal.address,
  allowlistResolver.address,
];

/** The ABI of every contract this project deploys (EAS is not ours). */
export const integraAbis = [
  integraRecordV1Abi,
  multiPartyTokenizerV1Abi,
  ownershipTokenizerV1Abi,
  integraCapabilityResolverV1Abi,
  integraSignalV1Abi,
  ownerAllowlistResolverV1Abi,
  integraForwarderV1Abi,
] as const;

/** Every custom error of every Integra contract: nested reverts bubble up with the inner error's selector. */
export const integraErrorsAbi = [
  ...integraRecordV1Abi,
  ...multiPartyTokenizerV1Abi,
  ...ownershipTokenizerV1Abi,
  ...integraCapabilityResolverV1Abi,
  ...integraSignalV1Abi,
  ...ownerAllowlistResolverV1Abi,
  ...integraForwarderV1Abi,
  ...easAbi,
].filter((item) => item.type === "error");
