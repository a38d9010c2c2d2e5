import { type PartyInput, parseAddress } from "@/lib/sdk";
import { CliError } from "./errors";

/** "Seller=0xabc…" → a party; the role is what the party is called, the address who claims. */
export function parseParty(text: string): PartyInput {
  const at = text.lastIndexOf("=");
  const role = at > 0 ? text.slice(0, at).trim() : "";
  const address = parseAddress(at > 0 ? text.slice(at + 1) : text);
  if (!role || !address)
    throw new CliError(`Not a party: "${text}". Write ROLE=ADDRESS, e.g. --party Seller=0x70997970C51812dc3A010C7d01b50e0d17dc79C8.`);
  return { role, address };
}
