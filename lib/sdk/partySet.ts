import { type Address, isAddressEqual } from "viem";
import type { TokenStatusName } from "@/lib/reads/records";

/** A party as a registration asks for it: party i gets token i + 1. */
export interface RequestedParty {
  address: Address;
  role?: string;
  amount?: bigint;
}

/** A token as the record holds it (readRecordTokens' rows). */
export interface RecordedToken {
  tokenId: bigint;
  status: TokenStatusName;
  reservedFor: Address;
  role: string;
  amount: bigint;
}

/**
 * How a registration asked again differs from the record already registered: the tokenizer, and token by token the
 * party, role or amount. Empty when they are the same, so running the registration again is a no-op. A token that
 * was cancelled and not reserved again holds no party. Pure.
 */
export function partySetDifferences(
  requested: { tokenizer: Address; parties: readonly RequestedParty[] },
  recorded: { tokenizer: Address; tokens: readonly RecordedToken[] },
): string[] {
  const differences: string[] = [];
  if (!isAddressEqual(requested.tokenizer, recorded.tokenizer))
    differences.push(`tokenizer: asked for ${requested.tokenizer}, the record uses ${recorded.tokenizer}`);
  const live = recorded.tokens.filter((t) => t.status === "reserved" || t.status === "claimed");
  const highest = Math.max(requested.parties.length, ...live.map((t) => Number(t.tokenId)));
  for (let id = 1; id <= highest; id++) {
    const asked = requested.parties[id - 1];
    const held = live.find((t) => t.tokenId === BigInt(id));
    const label = `token #${id}`;
    if (asked && !held) differences.push(`${label}: asked for ${party(asked.role, asked.address, asked.amount)}, the record has none`);
    else if (!asked && held) differences.push(`${label}: the record has ${party(held.role, held.reservedFor, held.amount)}, not asked for`);
    else if (asked && held) {
      const askedAmount = asked.amount ?? 1n;
      const same = isAddressEqual(asked.address, held.reservedFor) && (asked.role ?? "") === held.role && askedAmount === held.amount;
      if (!same) {
        differences.push(
          `${label}: asked for ${party(asked.role, asked.address, askedAmount)}, the record has ${party(held.role, held.reservedFor, held.amount)}`,
        );
      }
    }
  }
  return differences;
}

/** "Seller=0xabc…" (the way --party is written), with the amount when it is not 1. */
function party(role: string | undefined, address: Address, amount: bigint | undefined): string {
  const who = role ? `${role}=${address}` : address;
  return amount !== undefined && amount !== 1n ? `${who} (amount ${amount})` : who;
}
