import type { Address } from "viem";
import { IS_LOCAL_CHAIN, RPC_URL } from "@/lib/config/appChain";

/** On the local anvil chain a new ephemeral wallet gets 10 ETH for gas, so a party can claim at once. */
export async function fundOnLocalChain(address: Address): Promise<void> {
  if (!IS_LOCAL_CHAIN) return;
  const balance = await rpc<string>("eth_getBalance", [address, "latest"]);
  if (BigInt(balance) > 0n) return;
  await rpc("anvil_setBalance", [address, "0x8ac7230489e80000"]);
}

async function rpc<T>(method: string, params: unknown[]): Promise<T> {
  const response = await fetch(RPC_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result as T;
}
