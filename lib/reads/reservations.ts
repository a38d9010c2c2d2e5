import type { Address, Hex } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { integraOf, tokenizerAbi } from "@/lib/contracts";
import { readAccountList } from "./accountLists";
import { TOKEN_STATUS, type TokenStatusName } from "./records";

export interface Reservation {
  integraHash: Hex;
  tokenizer: Address;
  tokenId: bigint;
  amount: bigint;
  processHash: Hex;
  status: TokenStatusName;
  reservedFor: Address;
  /** The role it was reserved in ("Seller"), as the reservation says; empty when none was given. */
  role: string;
}

/**
 * Tokens reserved for (or claimed by) `account` on both tokenizers, read from each tokenizer's `reservationsOf`
 * view: one eth_call per tokenizer per 50 records (or per 640 tokens), on any chain length and behind any cap on eth_getLogs.
 * Tokens cancelled or re-reserved to someone else since are not listed.
 */
export async function readReservationsFor(client: ReadClient, account: Address): Promise<Reservation[]> {
  const { ownershipTokenizer, multiPartyTokenizer } = integraOf(client);
  const perTokenizer = await Promise.all(
    [ownershipTokenizer.address, multiPartyTokenizer.address].map((tokenizer) =>
      readAccountList(
        async (offset, limit) => {
          const [rows, total, next] = await client.readContract({
            address: tokenizer,
            abi: tokenizerAbi,
            functionName: "reservationsOf",
            args: [account, offset, limit],
          });
          return { rows, total, next };
        },
        (row) => `${row.integraHash}:${row.tokenId}`,
      ).then((rows) =>
        rows.map((row): Reservation => ({
          integraHash: row.integraHash,
          tokenizer,
          tokenId: row.tokenId,
          amount: row.amount,
          processHash: row.processHash,
          status: TOKEN_STATUS[row.status],
          reservedFor: account,
          role: row.role,
        })),
      ),
    ),
  );
  return perTokenizer.flat();
}
