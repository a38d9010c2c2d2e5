import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, TransactionReceipt } from "viem";
import type { ContractCall } from "@/lib/writes/index.ts";
import type { Clients } from "./clients.ts";

/** The functions a write can call. */
export type Mutability = "nonpayable" | "payable";

/** One contract write: with a typed ABI (lib/generated/integra.ts) the function name and arguments are checked. */
export interface ContractWrite<
  abi extends Abi,
  functionName extends ContractFunctionName<abi, Mutability>,
  args extends ContractFunctionArgs<abi, Mutability, functionName>,
> {
  address: Address;
  abi: abi;
  functionName: functionName;
  args: args;
}

/** Simulates, sends and waits for one contract write from the scripts; throws when it reverts. */
export function writeAndWait<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, Mutability>,
  const args extends ContractFunctionArgs<abi, Mutability, functionName>,
>(clients: Clients, call: ContractWrite<abi, functionName, args>): Promise<TransactionReceipt>;
// The signature above checks each call; the body works for any ABI.
export async function writeAndWait(
  clients: Clients,
  call: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] },
): Promise<TransactionReceipt> {
  const { request } = await clients.publicClient.simulateContract({ ...call, account: clients.walletClient.account });
  const hash = await clients.walletClient.writeContract(request);
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${call.functionName} reverted in ${hash}`);
  return receipt;
}

/** Simulates, sends and waits for one call encoded by the product's own encoder (lib/writes/). */
export async function sendAndWait(clients: Clients, call: ContractCall): Promise<TransactionReceipt> {
  const { account } = clients.walletClient;
  await clients.publicClient.call({ account, to: call.to, data: call.data });
  const hash = await clients.walletClient.sendTransaction({ to: call.to, data: call.data });
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`the call to ${call.to} reverted in ${hash}`);
  return receipt;
}
