import { type Address, type Hex, zeroAddress, zeroHash } from "viem";
import { type DeployedContractName, type IntegraDeployment, deploymentsByChainId } from "@/lib/generated/deployments";
import { APP_CHAIN_ID } from "@/lib/config/appChain";

/**
 * The deployment every read and write uses: addresses, deploy block, schema UID, with no ABI (lib/contracts.ts adds
 * those), so the layout's banner and /verify's record list do not bring every ABI to a page's first load.
 *
 * The app uses the configured chain's (NEXT_PUBLIC_CHAIN_ID and the generated module). A program chooses one at run
 * time with `selectDeployment` (the CLI's --deployment and --chain, the SDK's integrator), before its first read: the
 * exported values below are ES module live bindings, so every importer sees the deployment in use.
 */
let deployment: IntegraDeployment | undefined = deploymentsByChainId[APP_CHAIN_ID];

/** True when a deployment is in use (the generated module has one for the configured chain, or a program chose one). */
export let isDeployed = deployment !== undefined;
/** The chain of the deployment in use (the configured chain when there is none). */
export let deploymentChainId = deployment?.chainId ?? APP_CHAIN_ID;
export let deployBlock = BigInt(deployment?.deployBlock ?? 0);
export let capabilitySchemaUid: Hex = deployment?.capabilitySchemaUid ?? zeroHash;
export let conditionSchemaUid: Hex = deployment?.conditionSchemaUid ?? zeroHash;

export function deployedAddress(name: DeployedContractName): Address {
  return deployment?.addresses[name] ?? zeroAddress;
}

/** The local chain's test stablecoin and demo arbitrator, when the deployment in use has them. */
export function localContracts(): IntegraDeployment["local"] {
  return deployment?.local;
}

export type TokenizerKind = "ownership" | "multiParty";

export let tokenizers: Record<TokenizerKind, { address: Address; name: string; description: string }> = tokenizersOf();

/** Every Integra contract address: a record's timeline is one eth_getLogs over all of them. */
export let integraAddresses: Address[] = integraAddressesOf();

/** Makes `next` the deployment every read and write uses from now on. */
export function selectDeployment(next: IntegraDeployment): void {
  deployment = next;
  isDeployed = true;
  deploymentChainId = next.chainId;
  deployBlock = BigInt(next.deployBlock);
  capabilitySchemaUid = next.capabilitySchemaUid;
  conditionSchemaUid = next.conditionSchemaUid;
  tokenizers = tokenizersOf();
  integraAddresses = integraAddressesOf();
}

/** The deployment in use, if any. */
export function deploymentInUse(): IntegraDeployment | undefined {
  return deployment;
}

function tokenizersOf(): Record<TokenizerKind, { address: Address; name: string; description: string }> {
  return {
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
}

function integraAddressesOf(): Address[] {
  return [
    deployedAddress("IntegraRecordV1"),
    deployedAddress("OwnershipTokenizerV1"),
    deployedAddress("MultiPartyTokenizerV1"),
    deployedAddress("IntegraCapabilityResolverV1"),
    deployedAddress("IntegraSignalV1"),
    deployedAddress("OwnerAllowlistResolverV1"),
    deployedAddress("IntegraEscrowV1"),
  ];
}

export function tokenizerKindOf(tokenizerAddress: Address): TokenizerKind | undefined {
  const lower = tokenizerAddress.toLowerCase();
  if (lower === tokenizers.ownership.address.toLowerCase()) return "ownership";
  if (lower === tokenizers.multiParty.address.toLowerCase()) return "multiParty";
  return undefined;
}
