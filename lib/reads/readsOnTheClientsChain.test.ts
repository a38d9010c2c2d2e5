import { type Address, type Hex, hexToBigInt, keccak256, toHex } from "viem";
import { describe, expect, it } from "vitest";
import type { ReadClient } from "@/lib/chain/readClient";
import { addDeployment } from "@/lib/deployment";
import type { IntegraDeployment } from "@/lib/generated/deployments";
import { DEPLOYED_CONTRACT_NAMES } from "@/lib/sdk/deployment";
import { readActivityOf } from "./activity";
import { readWorkflow } from "./workflows";

/** A deployment on `chainId` whose every address starts at `firstAddress`, so two chains' never coincide. */
function deploymentAt(chainId: number, firstAddress: number, deployBlock: number): IntegraDeployment {
  return {
    chainId,
    deployBlock,
    capabilitySchemaUid: keccak256(toHex(`capability ${chainId}`)),
    conditionSchemaUid: keccak256(toHex(`condition ${chainId}`)),
    addresses: Object.fromEntries(
      DEPLOYED_CONTRACT_NAMES.map((name, i) => [name, `0x${(firstAddress + i).toString(16).padStart(40, "0")}`]),
    ) as IntegraDeployment["addresses"],
  };
}

const chainA = deploymentAt(31337, 0xa000, 3);
const chainB = deploymentAt(31338, 0xb000, 40);
addDeployment(chainA);
addDeployment(chainB);

const HEAD = 100n;
const OWNER: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

/** What a reader asked of the node: the contract of each eth_call, and the filter of each eth_getLogs. */
interface Recorded {
  calls: Address[];
  logFilters: { address: Address[]; fromBlock: bigint }[];
}

/** A client of chain `chainId` that records what it is asked and answers as an empty chain with one open workflow. */
function recordingClient(chainId: number): { client: ReadClient; recorded: Recorded } {
  const recorded: Recorded = { calls: [], logFilters: [] };
  const client = {
    chain: { id: chainId },
    getBlockNumber: async () => HEAD,
    readContract: async ({ address }: { address: Address }) => {
      recorded.calls.push(address);
      return [OWNER, []];
    },
    request: async ({ params: [filter] }: { method: "eth_getLogs"; params: [{ address: Address[]; fromBlock: Hex }] }) => {
      recorded.logFilters.push({ address: filter.address, fromBlock: hexToBigInt(filter.fromBlock) });
      return [];
    },
  };
  // A stub of the methods these readers use; the rest of ReadClient is never called.
  return { client: client as unknown as ReadClient, recorded };
}

const PROCESS_HASH: Hex = keccak256(toHex("closing/12-harbour-lane"));

describe("a reader takes its addresses from its client's chain", () => {
  it.each([
    ["chain B", chainB],
    ["chain A", chainA],
  ])("reads the registry of %s", async (_name, deployment) => {
    const { client, recorded } = recordingClient(deployment.chainId);
    expect(await readWorkflow(client, PROCESS_HASH)).toEqual({ owner: OWNER, members: [] });
    expect(recorded.calls).toEqual([deployment.addresses.IntegraRecordV1]);
  });

  it("reads activity over chain B's contracts from chain B's deploy block, and chain A's over chain A's", async () => {
    const onB = recordingClient(chainB.chainId);
    const onA = recordingClient(chainA.chainId);
    // The head is fewer than RECENT_ACTIVITY_BLOCKS past either deploy block: each read starts at its chain's.
    await Promise.all([readActivityOf(onB.client, OWNER), readActivityOf(onA.client, OWNER)]);
    const [filterB] = onB.recorded.logFilters;
    const [filterA] = onA.recorded.logFilters;
    expect(filterB.fromBlock).toBe(BigInt(chainB.deployBlock));
    expect(filterA.fromBlock).toBe(BigInt(chainA.deployBlock));
    expect(filterB.address).toContain(chainB.addresses.IntegraRecordV1);
    expect(filterB.address).toContain(chainB.addresses.IntegraEscrowV1);
    expect(filterB.address.some((address) => Object.values(chainA.addresses).includes(address))).toBe(false);
    expect(filterA.address).toContain(chainA.addresses.IntegraRecordV1);
    expect(filterA.address.some((address) => Object.values(chainB.addresses).includes(address))).toBe(false);
  });
});
