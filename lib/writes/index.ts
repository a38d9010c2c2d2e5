import { capabilitiesCalls } from "./capabilities";
import { forwardedCalls } from "./forwarded";
import { paymentsCalls } from "./payments";
import { recordsCalls } from "./records";
import { reservationsCalls } from "./reservations";
import { workflowsCalls } from "./workflows";

export type { ContractCall } from "./contractCall";
// The escrow's calls are imported from ./escrow where they are used: kept out of this module, which the app's
// operations import on every page, so a page that writes no escrow does not load the escrow's ABI.

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
  ...forwardedCalls,
};
