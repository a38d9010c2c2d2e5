import type { Chain, Client, PublicClient, Transport } from "viem";
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

let loading: Promise<ReadClient & Client<Transport, Chain>> | undefined;

/**
 * The viem client behind readClient (lib/chain/readClientCode.ts: its HTTP transport, request and error code),
 * fetched and made on the first read: a page's first paint needs none of it (the outage probe is a plain fetch), and
 * /verify reads nothing until a hash is given. Code that calls viem's actions itself (gas estimation, when preparing
 * a transaction) awaits it.
 */
export function loadReadClient(): Promise<ReadClient & Client<Transport, Chain>> {
  loading ??= import("./readClientCode").then(
    (code) => code.viemReadClient,
    (error: unknown) => {
      loading = undefined; // offline when the code was wanted: the next read tries again
      throw error;
    },
  );
  return loading;
}

/**
 * The one client every read goes through (the app's queries, and any script reading the same chain): the app's
 * chain and RPC, with JSON-RPC batching, since anvil has no Multicall3. Reads need no wallet. Each method loads the
 * client (loadReadClient) on first use and calls it.
 */
export const readClient: ReadClient = {
  chain: appChain,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same request, passed through as it came
  request: (async (args: any, options?: any) => (await loadReadClient()).request(args, options)) as PublicClient["request"],
  call: (async (args) => (await loadReadClient()).call(args)) as PublicClient["call"],
  getBlock: (async (args) => (await loadReadClient()).getBlock(args)) as PublicClient["getBlock"],
  getBlockNumber: (async (args) => (await loadReadClient()).getBlockNumber(args)) as PublicClient["getBlockNumber"],
  getChainId: (async () => (await loadReadClient()).getChainId()) as PublicClient["getChainId"],
  getLogs: (async (args) => (await loadReadClient()).getLogs(args)) as PublicClient["getLogs"],
  getTransaction: (async (args) => (await loadReadClient()).getTransaction(args)) as PublicClient["getTransaction"],
  getTransactionCount: (async (args) => (await loadReadClient()).getTransactionCount(args)) as PublicClient["getTransactionCount"],
  getTransactionReceipt: (async (args) => (await loadReadClient()).getTransactionReceipt(args)) as PublicClient["getTransactionReceipt"],
  readContract: (async (args) => (await loadReadClient()).readContract(args)) as PublicClient["readContract"],
};
