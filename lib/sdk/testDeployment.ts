import type { IntegraDeployment } from "@/lib/generated/deployments";
import { DEPLOYED_CONTRACT_NAMES } from "./deployment";

/**
 * A deployment of distinct made-up addresses (0x…1000, 0x…1001, … in DEPLOYED_CONTRACT_NAMES' order), for unit tests
 * of encoders and decoders: whatever the checkout has deployed (a clean one has nothing), each contract has its own.
 */
export const testDeployment: IntegraDeployment = {
  chainId: 31337,
  deployBlock: 1,
  capabilitySchemaUid: `0x${"11".repeat(32)}`,
  conditionSchemaUid: `0x${"22".repeat(32)}`,
  addresses: Object.fromEntries(
    DEPLOYED_CONTRACT_NAMES.map((name, i) => [name, `0x${(0x1000 + i).toString(16).padStart(40, "0")}`]),
  ) as IntegraDeployment["addresses"],
};
