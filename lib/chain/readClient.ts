import { http, type Chain, type Client, type PublicClient, type Transport, createClient } from "viem";
import { getBlockNumber, getChainId } from "viem/actions";
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

/**
 * The same actions createPublicClient's decorator binds, for those methods only. All but the block number and the
 * chain id (the outage probe, a timeline's refresh) are fetched when first called, so a page that reads no contract
 * (a workflow, /verify before a hash is given) ships none of their code (ABI encoding, call and log formatting).
 */
function readActions(client: Client<Transport, Chain>) {
  const actions = () => import("@/lib/reads/readCode");
  return {
    call: (async (args) => (await actions()).call(client, args)) as PublicClient["call"],
    getBlock: (async (args) => (await actions()).getBlock(client, args)) as PublicClient["getBlock"],
    getBlockNumber: ((args) => getBlockNumber(client, args)) as PublicClient["getBlockNumber"],
    getChainId: (() => getChainId(client)) as PublicClient["getChainId"],
    getLogs: (async (args) => (await actions()).getLogs(client, args)) as PublicClient["getLogs"],
    getTransaction: (async (args) => (await actions()).getTransaction(client, args)) as PublicClient["getTransaction"],
    getTransactionCount: (async (args) => (await actions()).getTransactionCount(client, args)) as PublicClient["getTransactionCount"],
    getTransactionReceipt: (async (args) => (await actions()).getTransactionReceipt(client, args)) as PublicClient["getTransactionReceipt"],
    readContract: (async (args) => (await actions()).readContract(client, args)) as PublicClient["readContract"],
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
