import type { Address } from "viem";
import { eas, forwarder, multiPartyTokenizer, ownershipTokenizer, registry, signal } from "@/lib/contracts";

/**
 * The addresses a sponsor's checks read and call: the app's deployment by default, another one where a caller
 * says so (a test or bench chain deployed at addresses of its own).
 */
export interface ForwardingContracts {
  forwarder: Address;
  ownershipTokenizer: Address;
  multiPartyTokenizer: Address;
  signal: Address;
  registry: Address;
  eas: Address;
}

export const appForwardingContracts: ForwardingContracts = {
  forwarder: forwarder.address,
  ownershipTokenizer: ownershipTokenizer.address,
  multiPartyTokenizer: multiPartyTokenizer.address,
  signal: signal.address,
  registry: registry.address,
  eas: eas.address,
};
