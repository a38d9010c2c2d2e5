/**
 * A role as it may be shown: control characters (which the contracts refuse) and bidirectional overrides (which
 * they cannot see, being multibyte) removed, so a stranger's reservation cannot rewrite a line or flip its text.
 */
export function displayRole(role: string | undefined): string {
  return (role ?? "").replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").trim();
}

/** How a token is named everywhere: "Token #2 (Seller)", or "Token #2" when it has no role; "token #2 (Seller)" mid-sentence. */
export function tokenLabel(tokenId: bigint, role?: string, midSentence = false): string {
  const name = `${midSentence ? "token" : "Token"} #${tokenId}`;
  const shown = displayRole(role);
  return shown ? `${name} (${shown})` : name;
}

/** The longest role a reservation takes on chain (MAX_ROLE_BYTES in IntegraTokenizerBase). */
export const MAX_ROLE_BYTES = 32;

/** Why `role` cannot be used, or undefined when it can: the chain counts bytes, not characters, and refuses control bytes. */
export function roleProblem(role: string): string | undefined {
  const trimmed = role.trim();
  if (displayRole(trimmed) !== trimmed) return "A role is plain text: remove line breaks, tabs and direction marks.";
  const bytes = new TextEncoder().encode(trimmed).length;
  return bytes > MAX_ROLE_BYTES ? `A role is at most ${MAX_ROLE_BYTES} bytes; this one is ${bytes}. Shorten it.` : undefined;
}
