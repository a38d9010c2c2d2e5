import type { IncomingMessage } from "node:http";

/**
 * The TCP peer's address, as the app's own server (scripts/server.ts) writes it into every request. A route handler
 * sees only headers, and Next fills `x-forwarded-for` with the peer's address only when the client sent none, so
 * the client decides what that header says. This header is overwritten on every request, whatever the client sent.
 */
export const PEER_ADDRESS_HEADER = "x-integra-peer-address";

/**
 * Set by scripts/server.ts in its own process before Next starts. Under plain `next start` nothing sets it, and the
 * header above, which a client can then write freely, is ignored. A symbol in the global registry: no environment
 * variable or request can set it, and the server's module and Next's bundled route code see the same one.
 */
const STAMPING = Symbol.for("integra.relayer.peerAddressStamping");

export function declarePeerAddressStamping(): void {
  (globalThis as { [STAMPING]?: boolean })[STAMPING] = true;
}

export function peerAddressIsStamped(): boolean {
  return (globalThis as { [STAMPING]?: boolean })[STAMPING] === true;
}

/** Writes the socket's peer address over whatever the client put in PEER_ADDRESS_HEADER (one value, never a list). */
export function stampPeerAddress(request: IncomingMessage): void {
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "unknown";
}
