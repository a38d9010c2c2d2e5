import { http, createPublicClient } from "viem";
import { appChain } from "@/lib/config/appChain";

/**
 * The one client every read goes through (the app's queries, and any script reading the same chain): the app's
 * chain and RPC, with JSON-RPC batching, since anvil has no Multicall3. Reads need no wallet.
 */
export const readClient = createPublicClient({
  chain: appChain,
  transport: http(appChain.rpcUrls.default.http[0], { batch: { wait: 16 } }),
});
