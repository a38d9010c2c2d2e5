import { capabilitiesCallsOn } from "./capabilities";
import { type ChainAddresses, chainAddressesOn, defaultChainAddresses } from "./chainAddresses";
import { forwardedCallsOn } from "./forwarded";
import { paymentsCallsOn } from "./payments";
import { recordsCallsOn } from "./records";
import { reservationsCallsOn } from "./reservations";
import { workflowsCallsOn } from "./workflows";

export type { ContractCall } from "./contractCall";
export type { CapabilityGrant } from "./capabilities";
// The escrow's calls are imported from ./escrow where they are used: kept out of this module, which the app's
// operations import on every page, so a page that writes no escrow does not load the escrow's ABI.

function integraCallsWith(on: () => ChainAddresses) {
  return {
    ...recordsCallsOn(on),
    ...workflowsCallsOn(on),
    ...reservationsCallsOn(on),
    ...capabilitiesCallsOn(on),
    ...paymentsCallsOn(on),
    ...forwardedCallsOn(on),
  };
}

/** Every write of the product on one chain: each call carries that chain's id and is addressed to its deployment. */
export type IntegraCalls = ReturnType<typeof integraCallsWith>;

/**
 * Every write of the product, encoded once against the contracts' own ABI types, in files that mirror lib/reads/: the
 * app's operations (hooks/operations.ts), the SDK's writes (lib/sdk/writes.ts), the CLI, the seed and the benches
 * all build their calls here. These are the default chain's (the deployment in use); `integraCallsOn(chainId)` builds
 * the same calls for a record on another chain.
 */
export const integraCalls: IntegraCalls = integraCallsWith(() => defaultChainAddresses);

const callsByChain = new Map<number, IntegraCalls>();

/**
 * Every write of the product on chain `chainId`, addressed to that chain's deployment (looked up when a call is built:
 * NotDeployedError for a chain with none). On the default chain, the same calls as `integraCalls`.
 */
export function integraCallsOn(chainId: number): IntegraCalls {
  let calls = callsByChain.get(chainId);
  if (!calls) {
    const on = chainAddressesOn(chainId);
    calls = integraCallsWith(on);
    callsByChain.set(chainId, calls);
  }
  return calls;
}
