import { type SignedForwardRequest, fromWire, toWire } from "./forwardRequest";

/**
 * A signed request as a link the party sends to the clerk. It travels in the URL's fragment (after #), which
 * browsers never send to a server, and the page that opens it checks everything before anyone pays for it.
 */
const PARAM = "signed";

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The path (with fragment) of the page where the clerk checks and submits `request` for a record. */
export function signedRequestPath(recordPath: string, request: SignedForwardRequest): string {
  return `${recordPath}#${PARAM}=${toBase64Url(JSON.stringify(toWire(request)))}`;
}

export type ParsedSignedLink = { kind: "none" } | { kind: "ok"; request: SignedForwardRequest } | { kind: "broken"; reason: string };

/** Reads a signed request from a URL fragment (`#signed=…`) or a whole pasted link. */
export function parseSignedRequest(input: string): ParsedSignedLink {
  const at = input.indexOf(`${PARAM}=`);
  if (at === -1) return input.trim() ? { kind: "broken", reason: "This is not a signed-claim link: it has no signed request in it." } : { kind: "none" };
  const encoded = input.slice(at + PARAM.length + 1).split(/[&\s]/)[0];
  try {
    return { kind: "ok", request: fromWire(JSON.parse(fromBase64Url(encoded))) };
  } catch (error) {
    const detail = error instanceof SyntaxError || (error instanceof DOMException) ? "it was cut off or changed on the way." : (error as Error).message;
    return { kind: "broken", reason: `The signed request in this link cannot be read: ${detail} Ask the party to send the link again.` };
  }
}
