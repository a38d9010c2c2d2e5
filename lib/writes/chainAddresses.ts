import {
  type DeploymentFacts,
  capabilitySchemaUid,
  conditionSchemaUid,
  deployedAddress,
  deploymentChainId,
  factsOn,
  tokenizerKindOf,
} from "@/lib/deployment";

/** What an encoder takes from one chain's deployment: the chain, its contracts' addresses, its schema UIDs. */
export type ChainAddresses = Pick<
  DeploymentFacts,
  "chainId" | "address" | "capabilitySchemaUid" | "conditionSchemaUid" | "tokenizerKindOf"
>;

/**
 * The deployment in use (the default chain's), read when a call is built: a program may choose it at run time
 * (selectDeployment), and a checkout without one encodes calls to the zero address, as it always has.
 */
export const defaultChainAddresses: ChainAddresses = {
  get chainId() {
    return deploymentChainId;
  },
  address: deployedAddress,
  get capabilitySchemaUid() {
    return capabilitySchemaUid;
  },
  get conditionSchemaUid() {
    return conditionSchemaUid;
  },
  tokenizerKindOf,
};

/**
 * Where the calls for `chainId` take their addresses, looked up when a call is built: the deployment in use for the
 * default chain, that chain's known deployment for any other (NotDeployedError when none is known).
 */
export function chainAddressesOn(chainId: number): () => ChainAddresses {
  return () => (chainId === deploymentChainId ? defaultChainAddresses : factsOn(chainId));
}
