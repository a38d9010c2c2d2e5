import { type Hex, zeroAddress, zeroHash } from "viem";
import { chainFor } from "@/lib/config/appChain";
import { type DeploymentFacts, deploymentChainId, deploymentOn, factsOn } from "@/lib/deployment";
import type { ProofBundle, ProofContracts } from "./proofBundle";

/** The chain and contracts a proof is made on, or checked against. */
export interface ProofDeployment {
  chainId: number;
  chainName: string;
  contracts: ProofContracts;
  capabilitySchemaUid: Hex;
}

/** The deployment known for `chainId`, as a bundle names it; throws NotDeployedError when none is known. */
export function proofDeploymentOn(chainId: number): ProofDeployment {
  return proofDeploymentOf(factsOn(chainId));
}

/**
 * What a bundle is held to: the deployment of its own chain, so a proof of any chain this checker knows is checked
 * against that chain's contracts. A bundle of a chain it knows none of is held to the default chain's, so the chain
 * check says it is of another chain (with zero addresses when no deployment is known at all).
 */
export function expectedDeploymentOf(bundle: Pick<ProofBundle, "chainId">): ProofDeployment {
  if (deploymentOn(bundle.chainId)) return proofDeploymentOn(bundle.chainId);
  if (deploymentOn(deploymentChainId)) return proofDeploymentOn(deploymentChainId);
  return {
    chainId: deploymentChainId,
    chainName: chainFor(deploymentChainId).name,
    contracts: {
      registry: zeroAddress,
      ownershipTokenizer: zeroAddress,
      multiPartyTokenizer: zeroAddress,
      capabilityResolver: zeroAddress,
      signal: zeroAddress,
      allowlistResolver: zeroAddress,
      eas: zeroAddress,
    },
    capabilitySchemaUid: zeroHash,
  };
}

function proofDeploymentOf(facts: DeploymentFacts): ProofDeployment {
  return {
    chainId: facts.chainId,
    chainName: chainFor(facts.chainId).name,
    contracts: {
      registry: facts.address("IntegraRecordV1"),
      ownershipTokenizer: facts.address("OwnershipTokenizerV1"),
      multiPartyTokenizer: facts.address("MultiPartyTokenizerV1"),
      capabilityResolver: facts.address("IntegraCapabilityResolverV1"),
      signal: facts.address("IntegraSignalV1"),
      allowlistResolver: facts.address("OwnerAllowlistResolverV1"),
      eas: facts.address("EAS"),
    },
    capabilitySchemaUid: facts.capabilitySchemaUid,
  };
}
