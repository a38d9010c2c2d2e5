import type { Hex } from "viem";
import { APP_CHAIN_ID, appChain } from "@/lib/config/appChain";
import {
  allowlistResolver,
  capabilityResolver,
  capabilitySchemaUid,
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

/** The configured chain's deployment (NEXT_PUBLIC_CHAIN_ID and the generated module), as a bundle names it. */
export function configuredDeployment(): ProofDeployment {
  return {
    chainId: APP_CHAIN_ID,
    chainName: appChain.name,
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
