import { displayRole } from "./token";

/** The longest symbol shown: a token names itself, and a stranger's token may name itself anything, at any length. */
const MAX_SYMBOL_CHARS = 12;

/** A token's symbol as it may be shown: plain text (no control or direction characters), at most 12 characters. */
export function displaySymbol(symbol: string): string {
  const plain = displayRole(symbol);
  if (!plain) return "tokens";
  return plain.length > MAX_SYMBOL_CHARS ? `${plain.slice(0, MAX_SYMBOL_CHARS)}…` : plain;
}

/**
 * An amount in the asset's own units, grouped by thousands: "25,000 tUSD", "0.5 ETH". (Plain bigint arithmetic, not
 * viem's formatUnits: the escrow panel loads apart from the page, and any viem module it brought would be split into
 * a chunk of its own, duplicating what the page already has.)
 */
export function formatAssetAmount(amount: bigint, asset: { decimals: number; symbol: string }): string {
  const digits = (amount < 0n ? -amount : amount).toString().padStart(asset.decimals + 1, "0");
  const whole = (amount < 0n ? "-" : "") + digits.slice(0, digits.length - asset.decimals);
  const fraction = digits.slice(digits.length - asset.decimals).replace(/0+$/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${grouped}${fraction ? `.${fraction}` : ""} ${displaySymbol(asset.symbol)}`;
}

/**
 * An amount typed by a person ("25,000", "0.5") in the asset's smallest unit, or why it cannot be: thousands
 * separators and spaces are allowed, more decimals than the asset has are not (they would be cut silently).
 */
export function parseAssetAmount(input: string, decimals: number): { amount: bigint } | { problem: string } {
  const plain = input.replace(/[\s,_]/g, "");
  if (!/^\d+(\.\d+)?$/.test(plain)) return { problem: "Enter the amount as a number, e.g. 25,000 or 0.5." };
  if ((plain.split(".")[1] ?? "").length > decimals) {
    return { problem: `This asset has ${decimals} decimal${decimals === 1 ? "" : "s"}: use at most ${decimals} after the point.` };
  }
  const [whole, fractionDigits = ""] = plain.split(".");
  const amount = BigInt(whole + fractionDigits.padEnd(decimals, "0"));
  if (amount === 0n) return { problem: "Enter an amount above zero." };
  if (amount >= 2n ** 128n) return { problem: "That amount is larger than an escrow holds." };
  return { amount };
}
