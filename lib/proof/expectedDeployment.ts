import type { Hex } from "viem";
import { chainFor } from "@/lib/config/appChain";
import {
  allowlistResolver,
  capabilityResolver,
  capabilitySchemaUid,
  deploymentChainId,
  eas,
  multiPartyTokenizer,
  ownershipTokenizer,
  registry,
  signal,
} from "@/lib/contracts";
import type { ProofContracts } from "./proofBundle";

/** The chain and contracts a proof is made on, or checked against. */
export interface ProofDeployment {
  chainId: number;
  chainName: string;
  contracts: ProofContracts;
  capabilitySchemaUid: Hex;
}

/** The deployment in use (lib/deployment.ts), as a bundle names it. */
export function configuredDeployment(): ProofDeployment {
  return {
    chainId: deploymentChainId,
    chainName: chainFor(deploymentChainId).name,
    contracts: {
      registry: registry.address,
      ownershipTokenizer: ownershipTokenizer.address,
      multiPartyTokenizer: multiPartyTokenizer.address,
      capabilityResolver: capabilityResolver.address,
      signal: signal.address,
      allowlistResolver: allowlistResolver.address,
      eas: eas.address,
    },
    capabilitySchemaUid,
  };
}
