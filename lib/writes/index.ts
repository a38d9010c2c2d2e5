import { capabilitiesCalls } from "./capabilities";
import { escrowCalls } from "./escrow";
import { forwardedCalls } from "./forwarded";
import { paymentsCalls } from "./payments";
import { recordsCalls } from "./records";
import { reservationsCalls } from "./reservations";
import { workflowsCalls } from "./workflows";

export type { ContractCall } from "./contractCall";
export type { EscrowTerms } from "./escrow";

/**
 * Every write of the product, encoded once against the contracts' own ABI types, in files that mirror lib/reads/: the
 * app's operations (hooks/operations.ts), the SDK's writes (lib/sdk/writes.ts), the CLI, the seed and the benches
 * all build their calls here.
 */
export const integraCalls = {
  ...recordsCalls,
  ...workflowsCalls,
  ...reservationsCalls,
  ...capabilitiesCalls,
  ...paymentsCalls,
  ...escrowCalls,
  ...forwardedCalls,
};
