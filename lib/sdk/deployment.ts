import { type Hex, isAddress, isHex } from "viem";
import type { DeployedContractName, IntegraDeployment } from "@/lib/generated/deployments";

/** Every contract a deployment names (the generated type's names, checked both ways below). */
export const DEPLOYED_CONTRACT_NAMES = [
  "EAS",
  "SchemaRegistry",
  "IntegraRecordV1",
  "IntegraCapabilityResolverV1",
  "OwnershipTokenizerV1",
  "MultiPartyTokenizerV1",
  "IntegraSignalV1",
  "IntegraForwarderV1",
  "OwnerAllowlistResolverV1",
  "IntegraEscrowV1",
] as const satisfies readonly DeployedContractName[];
// A contract added to the deployments and not to the list above fails to compile here.
const EVERY_NAME: Exclude<DeployedContractName, (typeof DEPLOYED_CONTRACT_NAMES)[number]> extends never ? true : never = true;
void EVERY_NAME;

/** A deployment given at run time that is not one: what is wrong with it, in words. */
export class DeploymentFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeploymentFileError";
  }
}

/**
 * A deployment as `npm run deploy` writes it (contracts/deployments/<chainId>.json), checked field by field: a
 * program gets it at run time (the CLI's --deployment FILE, an integrator's configuration) instead of from the
 * checkout's generated module.
 */
export function parseDeployment(value: unknown, source = "the deployment"): IntegraDeployment {
  const fail = (what: string): never => {
    throw new DeploymentFileError(`${source} is not an Integra deployment: ${what} (expected the JSON that npm run deploy writes).`);
  };
  if (typeof value !== "object" || value === null) return fail("not a JSON object");
  const record = value as Record<string, unknown>;
  const { chainId, deployBlock, capabilitySchemaUid, conditionSchemaUid, addresses, local } = record;
  if (typeof chainId !== "number" || !Number.isSafeInteger(chainId) || chainId <= 0) return fail("chainId is not a positive integer");
  if (typeof deployBlock !== "number" || !Number.isSafeInteger(deployBlock) || deployBlock < 0)
    return fail("deployBlock is not a block number");
  if (typeof capabilitySchemaUid !== "string" || !isHex(capabilitySchemaUid) || capabilitySchemaUid.length !== 66)
    return fail("capabilitySchemaUid is not a 32-byte hex string");
  if (typeof conditionSchemaUid !== "string" || !isHex(conditionSchemaUid) || conditionSchemaUid.length !== 66)
    return fail("conditionSchemaUid is not a 32-byte hex string");
  if (typeof addresses !== "object" || addresses === null) return fail("addresses is missing");
  const given = addresses as Record<string, unknown>;
  const checked = {} as Record<DeployedContractName, Hex>;
  for (const name of DEPLOYED_CONTRACT_NAMES) {
    const address = given[name];
    if (typeof address !== "string" || !isAddress(address, { strict: false })) return fail(`addresses.${name} is not an address`);
    checked[name] = address;
  }
  if (local === undefined) return { chainId, deployBlock, capabilitySchemaUid, conditionSchemaUid, addresses: checked };
  const localAddresses = typeof local === "object" && local !== null ? (local as Record<string, unknown>) : {};
  const { TestStablecoin, SingleSignerArbitratorV1 } = localAddresses;
  if (typeof TestStablecoin !== "string" || !isAddress(TestStablecoin, { strict: false }))
    return fail("local.TestStablecoin is not an address");
  if (typeof SingleSignerArbitratorV1 !== "string" || !isAddress(SingleSignerArbitratorV1, { strict: false }))
    return fail("local.SingleSignerArbitratorV1 is not an address");
  return {
    chainId,
    deployBlock,
    capabilitySchemaUid,
    conditionSchemaUid,
    addresses: checked,
    local: { TestStablecoin, SingleSignerArbitratorV1 },
  };
}
