import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, TransactionReceipt } from "viem";
import type { Clients } from "./deploy.ts";

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
