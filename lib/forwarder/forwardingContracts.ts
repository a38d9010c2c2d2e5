import type { Address } from "viem";
import { type DeploymentFacts, chainIdOf, deployedAddress, deploymentChainId, factsOn } from "@/lib/deployment";

/**
 * The addresses a sponsor's checks read and call: one chain's deployment (the app's default chain's unless a caller
 * names another: a record's chain, a test or bench chain deployed at addresses of its own).
 */
export interface ForwardingContracts {
  forwarder: Address;
  ownershipTokenizer: Address;
  multiPartyTokenizer: Address;
  signal: Address;
  /** IntegraEscrowV1: the zero address on a deployment without one (nothing on it is then sponsored). */
  escrow: Address;
  registry: Address;
  eas: Address;
}

/** The deployment in use (lib/deployment.ts), read when used: a program may choose its deployment at run time. */
export const appForwardingContracts: ForwardingContracts = {
  get forwarder() {
    return deployedAddress("IntegraForwarderV1");
  },
  get ownershipTokenizer() {
    return deployedAddress("OwnershipTokenizerV1");
  },
  get multiPartyTokenizer() {
    return deployedAddress("MultiPartyTokenizerV1");
  },
  get signal() {
    return deployedAddress("IntegraSignalV1");
  },
  get escrow() {
    return deployedAddress("IntegraEscrowV1");
  },
  get registry() {
    return deployedAddress("IntegraRecordV1");
  },
  get eas() {
    return deployedAddress("EAS");
  },
};

const byFacts = new WeakMap<DeploymentFacts, ForwardingContracts>();

/**
 * The forwarding contracts of chain `chainId`: the deployment in use on the default chain, that chain's known
 * deployment on any other (NotDeployedError when none is known).
 */
export function forwardingContractsOn(chainId: number): ForwardingContracts {
  if (chainId === deploymentChainId) return appForwardingContracts;
  const facts = factsOn(chainId);
  let contracts = byFacts.get(facts);
  if (!contracts) {
    contracts = {
      forwarder: facts.address("IntegraForwarderV1"),
      ownershipTokenizer: facts.address("OwnershipTokenizerV1"),
      multiPartyTokenizer: facts.address("MultiPartyTokenizerV1"),
      signal: facts.address("IntegraSignalV1"),
      escrow: facts.address("IntegraEscrowV1"),
      registry: facts.address("IntegraRecordV1"),
      eas: facts.address("EAS"),
    };
    byFacts.set(facts, contracts);
  }
  return contracts;
}

/** The forwarding contracts of the chain `client` reads (a client without a chain: the default chain's). */
export function forwardingContractsOf(client: { readonly chain?: { readonly id: number } | undefined }): ForwardingContracts {
  return forwardingContractsOn(chainIdOf(client));
}
