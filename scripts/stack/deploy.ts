import { type Address, type Hex, encodePacked, getAddress, keccak256, zeroAddress } from "viem";
import { CONDITION_SCHEMA } from "@/lib/escrow/conditionSchema.ts";
import { type Artifact, type DeployedContractName, type LocalContractName, easArtifact, forgeArtifact } from "./artifacts.ts";
import { readCapabilities } from "./capabilities.ts";
import { CANONICAL_EAS, LOCAL_CHAIN_IDS } from "./chains.ts";
import type { Clients } from "./clients.ts";
import { writeAndWait } from "./write.ts";

export interface Deployment {
  chainId: number;
  deployBlock: number;
  capabilitySchemaUid: Hex;
  conditionSchemaUid: Hex;
  addresses: Record<DeployedContractName, Address>;
  local?: Record<LocalContractName, Address>;
}

/** The account that rules the local chain's demo disputes (anvil's test mnemonic, index 13; a public dev key). */
export const LOCAL_JUDGE_KEY = "0x47c99abed3324a2707c28affff1267e45918ec8c3f20b8aa892e8b065d2942dd" as const;
export const LOCAL_JUDGE_ADDRESS = "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec" as const;

async function deploy({ publicClient, walletClient }: Clients, artifact: Artifact, args: readonly unknown[] = []) {
  const hash = await walletClient.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error(`deployment failed in ${hash}`);
  return { address: getAddress(receipt.contractAddress), blockNumber: receipt.blockNumber };
}

/** EAS and its SchemaRegistry: deployed fresh on a local chain, the canonical ones elsewhere. */
async function resolveEas(clients: Clients, chainId: number): Promise<{ eas: Address; schemaRegistry: Address }> {
  if (process.env.EAS_ADDRESS && process.env.SCHEMA_REGISTRY_ADDRESS) {
    return { eas: process.env.EAS_ADDRESS as Address, schemaRegistry: process.env.SCHEMA_REGISTRY_ADDRESS as Address };
  }
  if (LOCAL_CHAIN_IDS.includes(chainId)) {
    const registry = await deploy(clients, easArtifact("SchemaRegistry"));
    const eas = await deploy(clients, easArtifact("EAS"), [registry.address]);
    return { eas: eas.address, schemaRegistry: registry.address };
  }
  const canonical = CANONICAL_EAS[chainId];
  if (!canonical) {
    throw new Error(`No canonical EAS known for chain ${chainId}: set EAS_ADDRESS and SCHEMA_REGISTRY_ADDRESS`);
  }
  return canonical;
}

/** Deploys the Integra contracts and registers the capability schema with its resolver. */
export async function deployIntegra(clients: Clients): Promise<Deployment> {
  const chainId = await clients.publicClient.getChainId();
  const { eas, schemaRegistry } = await resolveEas(clients, chainId);

  const registry = await deploy(clients, forgeArtifact("IntegraRecordV1"));
  // Every Integra event comes after the registry exists: reads start at its block.
  const deployBlock = Number(registry.blockNumber);
  const resolver = await deploy(clients, forgeArtifact("IntegraCapabilityResolverV1"), [eas, registry.address]);

  // The schema as written in contracts/src/Capabilities.sol (read from the source, not from the generated module,
  // which is written only after this deploy).
  const { schema } = readCapabilities();
  const schemaUid = keccak256(encodePacked(["string", "address", "bool"], [schema, resolver.address, true]));
  await writeAndWait(clients, {
    address: schemaRegistry,
    abi: easArtifact("SchemaRegistry").abi,
    functionName: "register",
    args: [schema, resolver.address, true],
  });

  // The one ERC-2771 forwarder every party call goes through when a relayer or the clerk pays the gas.
  const forwarder = await deploy(clients, forgeArtifact("IntegraForwarderV1"));
  const tokenizerArgs = [registry.address, eas, schemaUid, resolver.address, forwarder.address] as const;
  const ownership = await deploy(clients, forgeArtifact("OwnershipTokenizerV1"), tokenizerArgs);
  const multiParty = await deploy(clients, forgeArtifact("MultiPartyTokenizerV1"), tokenizerArgs);
  // Payment signals only on the records of these two tokenizers.
  const signal = await deploy(clients, forgeArtifact("IntegraSignalV1"), [
    registry.address,
    ownership.address,
    multiParty.address,
    forwarder.address,
  ]);
  const allowlist = await deploy(clients, forgeArtifact("OwnerAllowlistResolverV1"), [registry.address]);
  const escrow = await deploy(clients, forgeArtifact("IntegraEscrowV1"), [
    registry.address,
    eas,
    signal.address,
    multiParty.address,
    forwarder.address,
  ]);
  const conditionSchemaUid = await registerConditionSchema(clients, schemaRegistry);
  const local = LOCAL_CHAIN_IDS.includes(chainId) ? await deployLocalContracts(clients) : undefined;

  return {
    chainId,
    deployBlock,
    capabilitySchemaUid: schemaUid,
    conditionSchemaUid,
    addresses: {
      EAS: eas,
      SchemaRegistry: schemaRegistry,
      IntegraRecordV1: registry.address,
      IntegraCapabilityResolverV1: resolver.address,
      OwnershipTokenizerV1: ownership.address,
      MultiPartyTokenizerV1: multiParty.address,
      IntegraSignalV1: signal.address,
      IntegraForwarderV1: forwarder.address,
      OwnerAllowlistResolverV1: allowlist.address,
      IntegraEscrowV1: escrow.address,
    },
    ...(local && { local }),
  };
}

/** The condition schema (no resolver, revocable): registered unless the chain's registry already has it. */
async function registerConditionSchema(clients: Clients, schemaRegistry: Address): Promise<Hex> {
  const uid = keccak256(encodePacked(["string", "address", "bool"], [CONDITION_SCHEMA, zeroAddress, true]));
  const registryAbi = easArtifact("SchemaRegistry").abi;
  const existing = (await clients.publicClient.readContract({
    address: schemaRegistry,
    abi: registryAbi,
    functionName: "getSchema",
    args: [uid],
  })) as { uid: Hex };
  if (existing.uid !== uid) {
    await writeAndWait(clients, {
      address: schemaRegistry,
      abi: registryAbi,
      functionName: "register",
      args: [CONDITION_SCHEMA, zeroAddress, true],
    });
  }
  return uid;
}

/** A local chain's stablecoin (minted by the deployer) and single-signer arbitrator (ruled by LOCAL_JUDGE). */
async function deployLocalContracts(clients: Clients): Promise<Record<LocalContractName, Address>> {
  const deployer = clients.walletClient.account.address;
  const stablecoin = await deploy(clients, forgeArtifact("TestStablecoin"), [deployer]);
  const arbitrator = await deploy(clients, forgeArtifact("SingleSignerArbitratorV1"), [LOCAL_JUDGE_ADDRESS]);
  return { TestStablecoin: stablecoin.address, SingleSignerArbitratorV1: arbitrator.address };
}
