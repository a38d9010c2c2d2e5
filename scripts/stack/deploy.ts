import { type Address, type Hex, encodePacked, getAddress, keccak256 } from "viem";
import { type Artifact, type DeployedContractName, easArtifact, forgeArtifact } from "./artifacts.ts";
import { readCapabilities } from "./capabilities.ts";
import { CANONICAL_EAS, LOCAL_CHAIN_ID } from "./chains.ts";
import type { Clients } from "./clients.ts";
import { writeAndWait } from "./write.ts";

export interface Deployment {
  chainId: number;
  deployBlock: number;
  capabilitySchemaUid: Hex;
  addresses: Record<DeployedContractName, Address>;
}

async function deploy({ publicClient, walletClient }: Clients, artifact: Artifact, args: readonly unknown[] = []) {
  const hash = await walletClient.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error(`deployment failed in ${hash}`);
  return { address: getAddress(receipt.contractAddress), blockNumber: receipt.blockNumber };
}

/** EAS and its SchemaRegistry: deployed fresh on the local chain, the canonical ones elsewhere. */
async function resolveEas(clients: Clients, chainId: number): Promise<{ eas: Address; schemaRegistry: Address }> {
  if (process.env.EAS_ADDRESS && process.env.SCHEMA_REGISTRY_ADDRESS) {
    return { eas: process.env.EAS_ADDRESS as Address, schemaRegistry: process.env.SCHEMA_REGISTRY_ADDRESS as Address };
  }
  if (chainId === LOCAL_CHAIN_ID) {
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

  return {
    chainId,
    deployBlock,
    capabilitySchemaUid: schemaUid,
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
    },
  };
}
