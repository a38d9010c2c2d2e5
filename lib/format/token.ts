/** How a token is named everywhere: "Token #2 (Seller)", or "Token #2" when it has no role; "token #2 (Seller)" mid-sentence. */
export function tokenLabel(tokenId: bigint, role?: string, midSentence = false): string {
  const name = `${midSentence ? "token" : "Token"} #${tokenId}`;
  return role ? `${name} (${role})` : name;
}

/** The longest role a reservation takes on chain (MAX_ROLE_BYTES in IntegraTokenizerBase). */
export const MAX_ROLE_BYTES = 32;

/** Why `role` cannot be used, or undefined when it can: the chain counts bytes, not characters. */
export function roleProblem(role: string): string | undefined {
  const bytes = new TextEncoder().encode(role.trim()).length;
  return bytes > MAX_ROLE_BYTES ? `A role is at most ${MAX_ROLE_BYTES} bytes; this one is ${bytes}. Shorten it.` : undefined;
}
