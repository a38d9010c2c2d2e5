import type { Abi, Address, TransactionReceipt } from "viem";
import type { Clients } from "./deploy.ts";

/** Simulates, sends and waits for one contract write from the scripts; throws when it reverts. */
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
