// What `integra escrow` reads from its command line: escrow ids, assets, amounts, approvals and split shares. Pure.
import { type Address, zeroAddress } from "viem";
import { parseAssetAmount } from "@/lib/format/amount";
import { parseAddress } from "@/lib/sdk";
import { CliError } from "./errors";

/** An escrow's id as given: a whole number from 1. */
export function escrowIdArgument(text: string | undefined): bigint {
  const value = text ?? "";
  if (!/^\d{1,20}$/.test(value) || BigInt(value) === 0n)
    throw new CliError(`Not an escrow id: "${value}". Escrow ids are 1, 2, 3… (integra escrow list <integraHash> lists a record's).`);
  return BigInt(value);
}

/**
 * The asset of an escrow: "eth" (the chain's ether, any case), an ERC-20's address, or "tUSD", the local chain's test
 * stablecoin (`localStablecoin`, absent on other chains).
 */
export function assetArgument(text: string | undefined, localStablecoin: Address | undefined): Address {
  const value = (text ?? "").trim();
  if (!value) throw new CliError("Name the asset: --asset eth, --asset <ERC-20 address>, or --asset tUSD on the local chain.");
  if (/^(eth|ether)$/i.test(value)) return zeroAddress;
  if (/^tusd$/i.test(value)) {
    if (!localStablecoin)
      throw new CliError("tUSD is the local chain's test stablecoin: on this chain, give the token's address (--asset 0x…).");
    return localStablecoin;
  }
  const address = parseAddress(value);
  if (!address)
    throw new CliError(`Not an asset: --asset "${value}". Write eth, an ERC-20's address (0x and 40 hex digits), or tUSD locally.`);
  if (address === zeroAddress) throw new CliError("--asset 0x000…0 means ether: write --asset eth.");
  return address;
}

/** An amount in the asset's units ("25000", "25,000", "0.5"), as its smallest unit, by the asset's decimals. */
export function amountArgument(text: string | undefined, asset: { decimals: number; symbol: string }, flag = "--amount"): bigint {
  if (text === undefined || !text.trim())
    throw new CliError(`Say the amount: ${flag} 25000 (in ${asset.symbol}, up to ${asset.decimals} decimals).`);
  const parsed = parseAssetAmount(text, asset.decimals);
  if ("problem" in parsed) throw new CliError(`Not an amount of ${asset.symbol}: ${flag} "${text}". ${parsed.problem}`);
  return parsed.amount;
}

/** The approval condition: k of which tokens. */
export interface Approvals {
  tokenIds: number[];
  required: number;
}

/** Most approvers one escrow names (IntegraEscrowV1.MAX_APPROVERS). */
export const MAX_APPROVERS = 16;

const tokenNumber = (text: string, flag: string): number => {
  const value = text.trim();
  if (!/^\d{1,5}$/.test(value) || Number(value) === 0 || Number(value) > 65_535)
    throw new CliError(`Not a token id: ${flag} "${text}". Token ids are 1, 2, 3…`);
  return Number(value);
};

/**
 * The approval condition from `--approvals K/N` (K of the record's tokens 1..N) or `--approvers 1,2,3 --required K`
 * (K of the tokens listed; --required defaults to all of them); none given: no approval condition.
 */
export function approvalsArgument(p: { approvals?: string; approvers?: string; required?: string }): Approvals | undefined {
  if (p.approvals !== undefined && (p.approvers !== undefined || p.required !== undefined))
    throw new CliError("Give --approvals K/N, or --approvers 1,2,3 with --required K: not both.");
  if (p.approvals !== undefined) {
    const match = /^\s*(\d{1,2})\s*(?:\/|of)\s*(\d{1,2})\s*$/i.exec(p.approvals);
    if (!match) throw new CliError(`Not an approval threshold: --approvals "${p.approvals}". Write K/N, e.g. 2/3: two of tokens 1 to 3.`);
    const [required, count] = [Number(match[1]), Number(match[2])];
    return checked({ tokenIds: Array.from({ length: count }, (_, i) => i + 1), required }, "--approvals");
  }
  if (p.required !== undefined && p.approvers === undefined) throw new CliError("--required K goes with --approvers 1,2,3.");
  if (p.approvers === undefined) return undefined;
  const tokenIds = p.approvers.split(",").map((t) => tokenNumber(t, "--approvers"));
  const duplicate = tokenIds.find((id, i) => tokenIds.indexOf(id) !== i);
  if (duplicate !== undefined) throw new CliError(`--approvers names token ${duplicate} twice.`);
  let required = tokenIds.length;
  if (p.required !== undefined) {
    if (!/^\s*\d{1,2}\s*$/.test(p.required)) throw new CliError(`Not a number of approvals: --required "${p.required}".`);
    required = Number(p.required);
  }
  return checked({ tokenIds, required }, "--required");
}

function checked(approvals: Approvals, flag: string): Approvals {
  const { tokenIds, required } = approvals;
  if (tokenIds.length === 0) throw new CliError("Name at least one approver.");
  if (tokenIds.length > MAX_APPROVERS) throw new CliError(`At most ${MAX_APPROVERS} approvers; got ${tokenIds.length}.`);
  if (required < 1 || required > tokenIds.length)
    throw new CliError(`${flag}: ${required} of ${tokenIds.length} approvers cannot be: require 1 to ${tokenIds.length}.`);
  return approvals;
}

/** The payee's share of a split ruling: "50%", "12.5%", "50" (percent) or "5000bps"; in basis points. */
export function splitArgument(text: string): number {
  const value = text.trim();
  const bps = /^(\d{1,5})\s*bps$/i.exec(value);
  if (bps) {
    if (Number(bps[1]) > 10_000) throw new CliError(`--split ${value}: at most 10000bps (100%).`);
    return Number(bps[1]);
  }
  const percent = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(value);
  if (!percent) throw new CliError(`Not a share: --split "${text}". Write the payee's share of a split ruling: 50%, 12.5% or 5000bps.`);
  const basisPoints = Number(percent[1]) * 100 + Number((percent[2] ?? "").padEnd(2, "0"));
  if (basisPoints > 10_000) throw new CliError(`--split ${value}: at most 100%.`);
  return basisPoints;
}
