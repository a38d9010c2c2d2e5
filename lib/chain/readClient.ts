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
import { appChain } from "@/lib/config/appChain";

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

/**
 * The one client every read of the app goes through (its queries, timelines, proofs and transaction checks): the
 * app's chain and RPC, with JSON-RPC batching, since anvil has no Multicall3. Reads need no wallet.
 */
export const readClient: ReadClient & Client<Transport, Chain> = createClient({
  chain: appChain,
  transport: http(appChain.rpcUrls.default.http[0], { batch: { wait: 16 } }),
}).extend(readActions);
