import { type Address, type Hex, type PublicClient, getAbiItem } from "viem";
import { deployBlock, multiPartyTokenizer, ownershipTokenizer, tokenizerAbi } from "@/lib/contracts";
import { logsInWindows } from "./logsInWindows";
import { TOKEN_STATUS, type TokenStatusName } from "./records";

const tokenReserved = getAbiItem({ abi: tokenizerAbi, name: "TokenReserved" });

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
 * Tokens reserved for `account` on both tokenizers: one eth_getLogs per block window (TokenReserved, topic3 =
 * account, both addresses; a single one when the provider has no cap), then one status read per token, batched. Tokens later re-reserved to someone else drop out.
 */
export async function readReservationsFor(client: PublicClient, account: Address, maxRange?: bigint): Promise<Reservation[]> {
  const logs = await logsInWindows(
    client,
    deployBlock,
    ({ fromBlock, toBlock }) =>
      client.getLogs({
        address: [ownershipTokenizer.address, multiPartyTokenizer.address],
        event: tokenReserved,
        strict: true,
        args: { recipient: account },
        fromBlock,
        toBlock,
      }),
    maxRange,
  );
  // The last reservation of each token wins: a token re-reserved to the same account may have a new role.
  const unique = new Map<string, { tokenizer: Address; integraHash: Hex; tokenId: bigint; role: string }>();
  for (const log of logs) {
    const { integraHash, tokenId, role } = log.args;
    unique.set(`${log.address}:${integraHash}:${tokenId}`, { tokenizer: log.address, integraHash, tokenId, role });
  }
  const rows = await Promise.all(
    [...unique.values()].map(async ({ tokenizer, integraHash, tokenId, role }) => {
      const [status, reservedFor, amount, processHash] = await client.readContract({
        address: tokenizer,
        abi: tokenizerAbi,
        functionName: "tokenStatus",
        args: [integraHash, tokenId],
      });
      return { integraHash, tokenizer, tokenId, amount, processHash, status: TOKEN_STATUS[status], reservedFor, role };
    }),
  );
  return rows.filter((r) => r.reservedFor.toLowerCase() === account.toLowerCase() && (r.status === "reserved" || r.status === "claimed"));
}
