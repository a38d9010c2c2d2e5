// A rehearsal of a public network on anvil: EAS and its SchemaRegistry placed at the network's canonical addresses
// (scripts/stack/chains.ts CANONICAL_EAS), so `npm run deploy` finds them where it would on that network.
import { type Address, type Hex, createTestClient, http } from "viem";
import { easArtifact } from "./artifacts.ts";
import { CANONICAL_EAS } from "./chains.ts";
import type { Clients } from "./clients.ts";

/** The runtime code of a contract deployed with `args`: deployed once anywhere, then read back. */
async function runtimeCode(
  { publicClient, walletClient }: Clients,
  name: "EAS" | "SchemaRegistry",
  args: readonly unknown[],
): Promise<Hex> {
  const artifact = easArtifact(name);
  const hash = await walletClient.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args });
  const { contractAddress } = await publicClient.waitForTransactionReceipt({ hash });
  const code = contractAddress ? await publicClient.getCode({ address: contractAddress }) : undefined;
  if (!code) throw new Error(`${name} did not deploy in ${hash}`);
  return code;
}

/**
 * Puts EAS and its SchemaRegistry at the canonical addresses of the anvil chain's id. EAS keeps its registry's address
 * in its code, so it is built against the canonical registry before its code is placed.
 */
export async function placeCanonicalEas(rpcUrl: string, clients: Clients): Promise<{ eas: Address; schemaRegistry: Address }> {
  const chainId = await clients.publicClient.getChainId();
  const canonical = CANONICAL_EAS[chainId];
  if (!canonical) throw new Error(`No canonical EAS is known for chain ${chainId} (scripts/stack/chains.ts).`);
  const registryCode = await runtimeCode(clients, "SchemaRegistry", []);
  const easCode = await runtimeCode(clients, "EAS", [canonical.schemaRegistry]);
  const anvil = createTestClient({ mode: "anvil", transport: http(rpcUrl) });
  await anvil.setCode({ address: canonical.schemaRegistry, bytecode: registryCode });
  await anvil.setCode({ address: canonical.eas, bytecode: easCode });
  return canonical;
}
