import { BaseError, RpcRequestError, createTestClient, defineChain, http, publicActions } from "viem";
import { foundry } from "viem/chains";

/** Chain A (31337), the app's default chain. */
export const RPC_URL = "http://127.0.0.1:8545";
/** The app's RPC (browser and relayer): the fault proxy in front of anvil that scripts/e2e.ts starts. */
export const APP_RPC_URL = "http://127.0.0.1:8546";

/** Chain B (31338), the second chain the app reads: the demo workflow's commitment letter is there (demo.secondChain). */
export const CHAIN_B_ID = 31338;
export const RPC_URL_B = "http://127.0.0.1:8555";
/** The app's RPC of chain B: a fault proxy of its own in front of chain B's anvil (scripts/e2e.ts). */
export const APP_RPC_URL_B = "http://127.0.0.1:8556";

export const chainB = defineChain({
  ...foundry,
  id: CHAIN_B_ID,
  name: "Local chain B (anvil)",
  rpcUrls: { default: { http: [RPC_URL_B] } },
});

/** Every call made once (no retries), and given time: the machine is busy while the e2e tests run. */
const transport = http(RPC_URL, { retryCount: 0, timeout: 60_000 });
const transportB = http(RPC_URL_B, { retryCount: 0, timeout: 60_000 });

/** The test process's client of the test chain: anvil's methods (snapshot, revert, setBalance, ...) and public reads. */
export const testChain = createTestClient({ chain: foundry, mode: "anvil", transport }).extend(publicActions);
/** The same for chain B. */
export const testChainB = createTestClient({ chain: chainB, mode: "anvil", transport: transportB }).extend(publicActions);

/** A JSON-RPC error as the node sent it. */
export interface NodeError {
  code: number;
  message: string;
  data?: unknown;
}

const nodeA = transport({ chain: foundry });
const nodeB = transportB({ chain: chainB });

/**
 * Passes one request of the injected test wallet to the node of the wallet's network (anvil signs for its dev
 * accounts), whatever its method: chain B's anvil when the wallet is on chain B, chain A's otherwise (a network the
 * stack does not run included). Resolves to the node's result or to its error exactly as the node sent it (viem's
 * wrapping taken off), for the wallet to hand to the app unchanged.
 */
export async function forwardToNode(
  method: string,
  params: unknown[],
  walletChainId: number = foundry.id,
): Promise<{ result: unknown } | { error: NodeError }> {
  const node = walletChainId === CHAIN_B_ID ? nodeB : nodeA;
  try {
    return { result: await node.request({ method, params }) };
  } catch (error) {
    const sent = error instanceof BaseError ? error.walk((e) => e instanceof RpcRequestError) : undefined;
    if (sent instanceof RpcRequestError) return { error: { code: sent.code, message: sent.details, data: sent.data } };
    return { error: { code: -32603, message: error instanceof Error ? error.message : String(error) } };
  }
}

/** Anvil's public dev accounts (the demo uses 1-5; tests use them as they like). */
export const ACCOUNTS = {
  deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  clerk: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  titleCompany: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  buyer: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  seller: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  lender: "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
  partyA: "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
  partyB: "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
  partyC: "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
  stranger: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
} as const;

export type AccountName = keyof typeof ACCOUNTS;
