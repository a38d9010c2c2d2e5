import { type Address, type Hex, zeroAddress, zeroHash } from "viem";
import { type DeployedContractName, type IntegraDeployment, deploymentsByChainId } from "@/lib/generated/deployments";
import { APP_CHAIN_ID } from "@/lib/config/appChain";

/**
 * The deployment every read and write uses: addresses, deploy block, schema UID, with no ABI (lib/contracts.ts adds
 * those), so the layout's banner and /verify's record list do not bring every ABI to a page's first load.
 *
 * The app uses the configured chain's (NEXT_PUBLIC_CHAIN_ID and the generated module). A program chooses one at run
 * time with `selectDeployment` (the CLI's --deployment and --chain, the SDK's integrator), before its first read: the
 * exported values below are ES module live bindings, so every importer sees the deployment in use.
 *
 * Several chains: every chain's deployment is known by its id (`deploymentOn`, `factsOn`; the generated module's, and
 * those a program adds with `addDeployment`), and readers take theirs from their client's chain (`chainIdOf`). The
 * deployment in use is then only the default: where writes go, and the chain of a client made without one.
 */

/** The contracts whose events make up a record's timeline. */
const INTEGRA_CONTRACT_NAMES = [
  "IntegraRecordV1",
  "OwnershipTokenizerV1",
  "MultiPartyTokenizerV1",
  "IntegraCapabilityResolverV1",
  "IntegraSignalV1",
  "OwnerAllowlistResolverV1",
  "IntegraEscrowV1",
] as const satisfies readonly DeployedContractName[];

let deployment: IntegraDeployment | undefined = deploymentsByChainId[APP_CHAIN_ID];

/** True when a deployment is in use (the generated module has one for the configured chain, or a program chose one). */
export let isDeployed = deployment !== undefined;
/** The chain of the deployment in use (the configured chain when there is none). */
export let deploymentChainId = deployment?.chainId ?? APP_CHAIN_ID;
export let deployBlock = BigInt(deployment?.deployBlock ?? 0);
export let capabilitySchemaUid: Hex = deployment?.capabilitySchemaUid ?? zeroHash;
export let conditionSchemaUid: Hex = deployment?.conditionSchemaUid ?? zeroHash;

export function deployedAddress(name: DeployedContractName): Address {
  return deployment?.addresses[name] ?? zeroAddress;
}

/** The local chain's test stablecoin and demo arbitrator, when the deployment in use has them. */
export function localContracts(): IntegraDeployment["local"] {
  return deployment?.local;
}

export type TokenizerKind = "ownership" | "multiParty";

export let tokenizers: Record<TokenizerKind, { address: Address; name: string; description: string }> = tokenizersOf();

/** Every Integra contract address: a record's timeline is one eth_getLogs over all of them. */
export let integraAddresses: Address[] = integraAddressesOf();

/** Deployments a program added at run time, by chain: they take precedence over the generated module's. */
const addedDeployments = new Map<number, IntegraDeployment>();

/**
 * Adds `next` to the deployments known by chain, without changing the default one: a program that follows a workflow
 * on several chains adds each chain's deployment (the CLI's repeated --deployment, an integrator's configuration).
 */
export function addDeployment(next: IntegraDeployment): void {
  addedDeployments.set(next.chainId, next);
  factsByDeployment.delete(next);
}

/** The deployment known for `chainId`: one added at run time, else the generated module's. */
export function deploymentOn(chainId: number): IntegraDeployment | undefined {
  return addedDeployments.get(chainId) ?? deploymentsByChainId[chainId];
}

/** Makes `next` the deployment every read and write uses from now on (and the one known for its chain). */
export function selectDeployment(next: IntegraDeployment): void {
  addDeployment(next);
  deployment = next;
  isDeployed = true;
  deploymentChainId = next.chainId;
  deployBlock = BigInt(next.deployBlock);
  capabilitySchemaUid = next.capabilitySchemaUid;
  conditionSchemaUid = next.conditionSchemaUid;
  tokenizers = tokenizersOf();
  integraAddresses = integraAddressesOf();
}

/** The deployment in use, if any. */
export function deploymentInUse(): IntegraDeployment | undefined {
  return deployment;
}

/** What one chain's deployment gives readers and writers, without ABIs (lib/contracts.ts adds those). */
export interface DeploymentFacts {
  readonly chainId: number;
  readonly deployment: IntegraDeployment;
  readonly deployBlock: bigint;
  readonly capabilitySchemaUid: Hex;
  readonly conditionSchemaUid: Hex;
  readonly tokenizers: Record<TokenizerKind, { address: Address; name: string; description: string }>;
  /** Every Integra contract on the chain: a record's timeline there is one eth_getLogs over all of them. */
  readonly integraAddresses: Address[];
  address(name: DeployedContractName): Address;
  tokenizerKindOf(tokenizerAddress: Address): TokenizerKind | undefined;
}

/** No deployment is known for a chain a read or write was asked on. */
export class NotDeployedError extends Error {
  constructor(readonly chainId: number) {
    super(`No Integra deployment is known for chain ${chainId}.`);
    this.name = "NotDeployedError";
  }
}

const factsByDeployment = new WeakMap<IntegraDeployment, DeploymentFacts>();

/** The deployment facts of `chainId`; throws NotDeployedError when none is known for it. */
export function factsOn(chainId: number): DeploymentFacts {
  const known = deploymentOn(chainId);
  if (!known) throw new NotDeployedError(chainId);
  let facts = factsByDeployment.get(known);
  if (!facts) {
    facts = factsOf(known);
    factsByDeployment.set(known, facts);
  }
  return facts;
}

/**
 * The chain a client reads: its own chain, else the default deployment's (a viem client made without a chain). Every
 * reader takes its addresses from the client's chain, so one program reads several chains at once.
 */
export function chainIdOf(client: { readonly chain?: { readonly id: number } | undefined }): number {
  return client.chain?.id ?? deploymentChainId;
}

function factsOf(known: IntegraDeployment): DeploymentFacts {
  const address = (name: DeployedContractName): Address => known.addresses[name];
  const tokenizers = tokenizersAt(address("OwnershipTokenizerV1"), address("MultiPartyTokenizerV1"));
  return {
    chainId: known.chainId,
    deployment: known,
    deployBlock: BigInt(known.deployBlock),
    capabilitySchemaUid: known.capabilitySchemaUid,
    conditionSchemaUid: known.conditionSchemaUid,
    tokenizers,
    integraAddresses: INTEGRA_CONTRACT_NAMES.map(address),
    address,
    tokenizerKindOf: (tokenizerAddress) => kindAmong(tokenizers, tokenizerAddress),
  };
}

function tokenizersOf(): Record<TokenizerKind, { address: Address; name: string; description: string }> {
  return tokenizersAt(deployedAddress("OwnershipTokenizerV1"), deployedAddress("MultiPartyTokenizerV1"));
}

function tokenizersAt(
  ownership: Address,
  multiParty: Address,
): Record<TokenizerKind, { address: Address; name: string; description: string }> {
  return {
    ownership: {
      address: ownership,
      name: "Ownership (ERC-721)",
      description: "One ownership token for the record: a deed, a title.",
    },
    multiParty: {
      address: multiParty,
      name: "Multi-party (ERC-1155)",
      description: "One role token per party; complete when every party has claimed.",
    },
  };
}

function integraAddressesOf(): Address[] {
  return INTEGRA_CONTRACT_NAMES.map(deployedAddress);
}

export function tokenizerKindOf(tokenizerAddress: Address): TokenizerKind | undefined {
  return kindAmong(tokenizers, tokenizerAddress);
}

function kindAmong(known: Record<TokenizerKind, { address: Address }>, tokenizerAddress: Address): TokenizerKind | undefined {
  const lower = tokenizerAddress.toLowerCase();
  if (lower === known.ownership.address.toLowerCase()) return "ownership";
  if (lower === known.multiParty.address.toLowerCase()) return "multiParty";
  return undefined;
}
