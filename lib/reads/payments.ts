import { type Address, type Hex, getAbiItem } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { integraOf } from "@/lib/contracts";
import { integraSignalV1Abi } from "@/lib/generated/integra";
import { logsInWindows } from "@/lib/chain/logsInWindows";

const paymentRequested = getAbiItem({ abi: integraSignalV1Abi, name: "PaymentRequested" });

export const PAYMENT_STATUS = ["none", "pending", "paid", "cancelled", "expired"] as const;

export interface PaymentRow {
  paymentId: bigint;
  requestor: Address;
  payer: Address;
  requestorTokenId: bigint;
  payerTokenId: bigint;
  encryptedAmount: Hex;
  deadline: bigint;
  status: (typeof PAYMENT_STATUS)[number];
}

/** A record's payment requests: one eth_getLogs (PaymentRequested, topic1 = integraHash), then each one's status now. */
export async function readPayments(client: ReadClient, integraHash: Hex, fromBlock: bigint): Promise<PaymentRow[]> {
  const { signal } = integraOf(client);
  const logs = await logsInWindows(client, fromBlock, (window) =>
    client.getLogs({ address: signal.address, event: paymentRequested, strict: true, args: { integraHash }, ...window }),
  );
  const rows = await Promise.all(
    logs.map(async (log) => {
      const { args } = log;
      const status = await client.readContract({ ...signal, functionName: "statusOf", args: [args.paymentId] });
      return { ...args, status: PAYMENT_STATUS[status] };
    }),
  );
  return rows.reverse();
}
