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
 * What the app's readers use of a client. A viem PublicClient (the SDK's, the CLI's) is one; the app's own is
 * built from these actions alone, because createPublicClient brings every public action (simulations, ENS,
 * signatures, waits: ~45 KB gzip) into every page.
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

/** The same actions createPublicClient's decorator binds, for those methods only. */
function readActions(client: Client<Transport, Chain>) {
  return {
    call: ((args) => call(client, args)) as PublicClient["call"],
    getBlock: ((args) => getBlock(client, args)) as PublicClient["getBlock"],
    getBlockNumber: ((args) => getBlockNumber(client, args)) as PublicClient["getBlockNumber"],
    getChainId: (() => getChainId(client)) as PublicClient["getChainId"],
    getLogs: ((args) => getLogs(client, args)) as PublicClient["getLogs"],
    getTransaction: ((args) => getTransaction(client, args)) as PublicClient["getTransaction"],
    getTransactionCount: ((args) => getTransactionCount(client, args)) as PublicClient["getTransactionCount"],
    getTransactionReceipt: ((args) => getTransactionReceipt(client, args)) as PublicClient["getTransactionReceipt"],
    readContract: ((args) => readContract(client, args)) as PublicClient["readContract"],
  };
}

/**
 * The one client every read goes through (the app's queries, and any script reading the same chain): the app's
 * chain and RPC, with JSON-RPC batching, since anvil has no Multicall3. Reads need no wallet. Code that needs
 * another action (gas estimation, when preparing a transaction) calls it from `viem/actions` with this client.
 */
export const readClient: ReadClient & Client<Transport, Chain> = createClient({
  chain: appChain,
  transport: http(appChain.rpcUrls.default.http[0], { batch: { wait: 16 } }),
}).extend(readActions);
