import { http, type Chain, type Client, type PublicClient, type Transport, createClient } from "viem";
import {
  call,
  getBlock,
  getBlockNumber,
  getChainId,
  getLogs,
  getTransaction,
  getTransactionCount,
  getTransactionReceipt,
  readContract,
} from "viem/actions";
import { APP_CHAIN_ID } from "@/lib/config/appChain";
import { servedChain } from "@/lib/config/servedChains";

/**
 * What the app's readers use of a client. A viem PublicClient (the SDK's, the CLI's) is one; the app's own binds
 * these actions alone, because createPublicClient binds every public action (simulations, ENS, signatures, waits)
 * and so brings all of their code to every page that reads.
 */
export type ReadClient = Pick<
  PublicClient,
  | "chain"
  | "request"
  | "call"
  | "getBlock"
  | "getBlockNumber"
  | "getChainId"
  | "getLogs"
  | "getTransaction"
  | "getTransactionCount"
  | "getTransactionReceipt"
  | "readContract"
>;

/** viem's actions bound to `client`, as createPublicClient's decorator binds them, for the ReadClient's methods only. */
function readActions(client: Client<Transport, Chain>): Omit<ReadClient, "chain" | "request"> {
  return {
    call: (args) => call(client, args),
    getBlock: (args) => getBlock(client, args),
    getBlockNumber: (args) => getBlockNumber(client, args),
    getChainId: () => getChainId(client),
    // The one cast, as viem's own decorator has: getLogs' event generics are not inferred through a wrapper.
    getLogs: ((args) => getLogs(client, args)) as PublicClient["getLogs"],
    getTransaction: (args) => getTransaction(client, args),
    getTransactionCount: (args) => getTransactionCount(client, args),
    getTransactionReceipt: (args) => getTransactionReceipt(client, args),
    readContract: (args) => readContract(client, args),
  };
}

/** A chain the app does not serve (NEXT_PUBLIC_CHAINS): a link naming it, or a caller's mistake. */
export class UnservedChainError extends Error {
  constructor(readonly chainId: number) {
    super(`This app does not read chain ${chainId}.`);
    this.name = "UnservedChainError";
  }
}

const clientsByChain = new Map<number, ReadClient & Client<Transport, Chain>>();

/**
 * The client every read on served chain `chainId` goes through (its queries, timelines, proofs and transaction
 * checks): that chain's RPC, and the chain set, so each reader takes that chain's deployment (integraOf(client)).
 * Made on first use and kept: its batching and viem's block-number cache are per client. JSON-RPC batching, since
 * anvil has no Multicall3. Reads need no wallet.
 */
export function readClientOn(chainId: number): ReadClient & Client<Transport, Chain> {
  let client = clientsByChain.get(chainId);
  if (!client) {
    const chain = servedChain(chainId);
    if (!chain) throw new UnservedChainError(chainId);
    client = createClient({ chain, transport: http(chain.rpcUrls.default.http[0], { batch: { wait: 16 } }) }).extend(readActions);
    clientsByChain.set(chainId, client);
  }
  return client;
}

/** The default chain's client (APP_CHAIN_ID): reads that name no chain, and the wallet's transaction checks. */
export const readClient: ReadClient & Client<Transport, Chain> = readClientOn(APP_CHAIN_ID);
