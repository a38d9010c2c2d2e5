import type { Abi, Address } from "viem";
import type { DeployedContractName } from "@/lib/generated/deployments";
import {
  easAbi,
  integraCapabilityResolverV1Abi,
  integraEscrowV1ErrorsAbi,
  integraForwarderV1Abi,
  integraRecordV1Abi,
  integraSignalV1Abi,
  multiPartyTokenizerV1Abi,
  ownerAllowlistResolverV1Abi,
  ownershipTokenizerV1Abi,
} from "@/lib/generated/integra";
import { deployedAddress as address } from "@/lib/deployment";

/** The deployment's addresses alone (no ABI): lib/deployment.ts, re-exported here with every ABI. */
export {
  type TokenizerKind,
  capabilitySchemaUid,
  conditionSchemaUid,
  deployBlock,
  deploymentChainId,
  integraAddresses,
  isDeployed,
  localContracts,
  tokenizerKindOf,
  tokenizers,
} from "@/lib/deployment";

/**
 * A contract of the deployment in use: its address is read when used, so a program that chooses its deployment at
 * run time (lib/deployment.ts selectDeployment) reads and writes that one.
 */
export function deployed<const TAbi extends Abi>(name: DeployedContractName, abi: TAbi): { readonly address: Address; readonly abi: TAbi } {
  return {
    get address() {
      return address(name);
    },
    abi,
  };
}

export const registry = deployed("IntegraRecordV1", integraRecordV1Abi);
export const ownershipTokenizer = deployed("OwnershipTokenizerV1", ownershipTokenizerV1Abi);
export const multiPartyTokenizer = deployed("MultiPartyTokenizerV1", multiPartyTokenizerV1Abi);
export const capabilityResolver = deployed("IntegraCapabilityResolverV1", integraCapabilityResolverV1Abi);
export const signal = deployed("IntegraSignalV1", integraSignalV1Abi);
export const forwarder = deployed("IntegraForwarderV1", integraForwarderV1Abi);
export const allowlistResolver = deployed("OwnerAllowlistResolverV1", ownerAllowlistResolverV1Abi);
export const eas = deployed("EAS", easAbi);

/** Both tokenizers share one ABI for reserve/cancel/claim/status (IntegraTokenizerBase). */
export const tokenizerAbi = multiPartyTokenizerV1Abi;

/** The ABI of every contract this project deploys (EAS is not ours). */
export const integraAbis = [
  integraRecordV1Abi,
  multiPartyTokenizerV1Abi,
  ownershipTokenizerV1Abi,
  integraCapabilityResolverV1Abi,
  integraSignalV1Abi,
  ownerAllowlistResolverV1Abi,
  integraForwarderV1Abi,
  integraEscrowV1ErrorsAbi,
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
  ...integraEscrowV1ErrorsAbi,
  ...easAbi,
].filter((item) => item.type === "error");
