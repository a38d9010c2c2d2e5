import { http, type Chain, type Client, type PublicClient, type Transport, createClient } from "viem";
import { getBlockNumber, getChainId } from "viem/actions";
import { appChain } from "@/lib/config/appChain";
import type { ReadClient } from "./readClient";

/**
 * The same actions createPublicClient's decorator binds, for the ReadClient's methods only. All but the block number
 * and the chain id (a timeline's refresh) are fetched when first called, so a page that reads no contract (a
 * workflow) ships none of their code (ABI encoding, call and log formatting).
 */
function readActions(client: Client<Transport, Chain>) {
  const actions = () => import("@/lib/reads/readCode");
  return {
    // Only a transaction's preflight and the sponsor's check simulate a call: viem's `call` is its own chunk.
    call: (async (args) => (await import("./callAction")).call(client, args)) as PublicClient["call"],
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
 * The one client every read goes through: the app's chain and RPC, with JSON-RPC batching, since anvil has no
 * Multicall3. Reads need no wallet.
 */
export const viemReadClient: ReadClient & Client<Transport, Chain> = createClient({
  chain: appChain,
  transport: http(appChain.rpcUrls.default.http[0], { batch: { wait: 16 } }),
}).extend(readActions);
