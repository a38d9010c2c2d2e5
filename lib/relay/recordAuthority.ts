import { type Address, BaseError, ContractFunctionRevertedError, type Hex, type PublicClient } from "viem";
import { registry, signal } from "@/lib/contracts";
import { escrow } from "@/lib/escrow/escrowContract";
import type { ForwardingContracts } from "@/lib/forwarder/forwardingContracts";
import type { RelayableCall } from "@/lib/forwarder/relayableCalls";

export interface RecordAuthority {
  integraHash: Hex;
  owner: Address;
  /** The executor that accepted the role (registry.authorityOf); zero when none has. */
  executor: Address;
}

/**
 * Who holds authority over the record a sponsored call acts on: the claim's record, the payment's, or the escrow's
 * (`getEscrow(escrowId).integraHash`: an escrow is opened only by its record's owner or executor). Undefined when the
 * record, payment or escrow does not exist (a revert); an unreachable chain throws, so it is not taken for "no record".
 */
export async function recordAuthority(
  client: PublicClient,
  contracts: ForwardingContracts,
  call: RelayableCall,
): Promise<RecordAuthority | undefined> {
  let integraHash = call.contract === "escrow" ? undefined : call.integraHash;
  if (!integraHash && call.contract === "signal" && call.paymentId !== undefined) {
    const payment = await orUndefinedOnRevert(
      client.readContract({ abi: signal.abi, address: contracts.signal, functionName: "getPayment", args: [call.paymentId] }),
    );
    integraHash = payment?.integraHash;
  }
  if (call.contract === "escrow") {
    const found = await orUndefinedOnRevert(
      client.readContract({ abi: escrow.abi, address: contracts.escrow, functionName: "getEscrow", args: [call.escrowId] }),
    );
    integraHash = found?.integraHash;
  }
  if (!integraHash) return undefined;
  const authority = await orUndefinedOnRevert(
    client.readContract({ abi: registry.abi, address: contracts.registry, functionName: "authorityOf", args: [integraHash] }),
  );
  if (!authority) return undefined;
  const [owner, executor] = authority;
  return { integraHash, owner, executor };
}

async function orUndefinedOnRevert<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof BaseError && error.walk((e) => e instanceof ContractFunctionRevertedError)) return undefined;
    throw error;
  }
}
