import type { Address } from "viem";
import { eas, forwarder, multiPartyTokenizer, ownershipTokenizer, registry, signal } from "@/lib/contracts";
import { escrow } from "@/lib/escrow/escrowContract";

/**
 * The addresses a sponsor's checks read and call: the app's deployment by default, another one where a caller
 * says so (a test or bench chain deployed at addresses of its own).
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
    return forwarder.address;
  },
  get ownershipTokenizer() {
    return ownershipTokenizer.address;
  },
  get multiPartyTokenizer() {
    return multiPartyTokenizer.address;
  },
  get signal() {
    return signal.address;
  },
  get escrow() {
    return escrow.address;
  },
  get registry() {
    return registry.address;
  },
  get eas() {
    return eas.address;
  },
};
