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
import { type DeploymentFacts, chainIdOf, deployedAddress as address, factsOn } from "@/lib/deployment";

/** The deployment's addresses alone (no ABI): lib/deployment.ts, re-exported here with every ABI. */
export {
  type TokenizerKind,
  capabilitySchemaUid,
  conditionSchemaUid,
  deployBlock,
  deploymentChainId,
  integraAddresses,
  isDeployed,
  NotDeployedError,
  chainIdOf,
  deploymentOn,
  factsOn,
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

/** One chain's deployment with each contract's ABI: what a reader or writer on that chain uses. */
export interface IntegraOnChain extends DeploymentFacts {
  readonly registry: DeployedContract<typeof integraRecordV1Abi>;
  readonly ownershipTokenizer: DeployedContract<typeof ownershipTokenizerV1Abi>;
  readonly multiPartyTokenizer: DeployedContract<typeof multiPartyTokenizerV1Abi>;
  readonly capabilityResolver: DeployedContract<typeof integraCapabilityResolverV1Abi>;
  readonly signal: DeployedContract<typeof integraSignalV1Abi>;
  readonly forwarder: DeployedContract<typeof integraForwarderV1Abi>;
  readonly allowlistResolver: DeployedContract<typeof ownerAllowlistResolverV1Abi>;
  readonly eas: DeployedContract<typeof easAbi>;
}

export interface DeployedContract<TAbi extends Abi> {
  readonly address: Address;
  readonly abi: TAbi;
}

const onChainByFacts = new WeakMap<DeploymentFacts, IntegraOnChain>();

/** The Integra contracts on `chainId` (throws NotDeployedError when no deployment is known for it). */
export function integraOn(chainId: number): IntegraOnChain {
  const facts = factsOn(chainId);
  let known = onChainByFacts.get(facts);
  if (!known) {
    const at = <const TAbi extends Abi>(name: DeployedContractName, abi: TAbi) => ({ address: facts.address(name), abi });
    known = {
      ...facts,
      registry: at("IntegraRecordV1", integraRecordV1Abi),
      ownershipTokenizer: at("OwnershipTokenizerV1", ownershipTokenizerV1Abi),
      multiPartyTokenizer: at("MultiPartyTokenizerV1", multiPartyTokenizerV1Abi),
      capabilityResolver: at("IntegraCapabilityResolverV1", integraCapabilityResolverV1Abi),
      signal: at("IntegraSignalV1", integraSignalV1Abi),
      forwarder: at("IntegraForwarderV1", integraForwarderV1Abi),
      allowlistResolver: at("OwnerAllowlistResolverV1", ownerAllowlistResolverV1Abi),
      eas: at("EAS", easAbi),
    };
    onChainByFacts.set(facts, known);
  }
  return known;
}

/** The Integra contracts on the chain `client` reads (lib/deployment.ts chainIdOf). */
export function integraOf(client: { readonly chain?: { readonly id: number } | undefined }): IntegraOnChain {
  return integraOn(chainIdOf(client));
}
