import { isIPv4, isIPv6 } from "node:net";
import { PEER_ADDRESS_HEADER } from "./peerAddress";

/** Who a request comes from, for the per-client limit, as far as this deployment can tell. */
export interface ClientIdentityConfig {
  /**
   * RELAYER_TRUSTED_PROXIES: how many proxies of this deployment stand in front of the app, each appending the
   * address it saw to X-Forwarded-For. The client is then the Nth address from the right: everything left of it was
   * written by the client and proves nothing. 0: no proxy, the TCP peer is the client.
   */
  trustedProxies: number;
  /** RELAYER_CLIENT_IP_HEADER (e.g. x-real-ip): a header the deployment's proxy always overwrites with the client's address. */
  clientIpHeader?: string;
}

export type ClientIdentity =
  | { key: string; source: "header" | "forwarded-for" | "peer" }
  /** Unknown: every such request shares one bucket of the per-client limit. */
  | { key: typeof SHARED_CLIENT; source: "shared"; why: string };

export const SHARED_CLIENT = "unidentified";

/**
 * The client of a request: the configured client-IP header, else the Nth hop from the right of X-Forwarded-For when
 * N proxies are trusted, else the TCP peer stamped by the app's own server. Nothing a client writes is believed
 * unless a configured proxy wrote over it. When none of these is available, one shared bucket.
 */
export function clientIdentity(headers: Headers, config: ClientIdentityConfig, peerStamped: boolean): ClientIdentity {
  if (config.clientIpHeader) {
    const address = normalizeAddress(headers.get(config.clientIpHeader) ?? "");
    if (address) return { key: address, source: "header" };
    return { key: SHARED_CLIENT, source: "shared", why: `the request has no ${config.clientIpHeader} header (is the proxy bypassed?)` };
  }
  if (config.trustedProxies > 0) {
    const hops = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((hop) => hop.trim())
      .filter((hop) => hop !== "");
    // Fewer hops than proxies: the request did not come through all of them, so no hop can be trusted.
    const address = hops.length >= config.trustedProxies ? normalizeAddress(hops[hops.length - config.trustedProxies]) : undefined;
    if (address) return { key: address, source: "forwarded-for" };
    return {
      key: SHARED_CLIENT,
      source: "shared",
      why: `X-Forwarded-For has fewer than the ${config.trustedProxies} hops RELAYER_TRUSTED_PROXIES promises (is the proxy bypassed?)`,
    };
  }
  if (peerStamped) {
    const address = normalizeAddress(headers.get(PEER_ADDRESS_HEADER) ?? "");
    if (address) return { key: address, source: "peer" };
  }
  return {
    key: SHARED_CLIENT,
    source: "shared",
    why: "the app runs under plain `next start` or `next dev`, which hide the client's address from route handlers; start it with `npm start` (scripts/server.ts), or set RELAYER_TRUSTED_PROXIES behind a proxy",
  };
}

/**
 * One key per client address: IPv4-mapped IPv6 as plain IPv4, and an IPv6 address by its /64 network, since one
 * host commonly holds a whole /64 and could otherwise take a new bucket with each address. Not an address: undefined.
 */
export function normalizeAddress(raw: string): string | undefined {
  let text = raw.trim();
  // "[v6]:port" and "v4:port", as some proxies write hops.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped) text = mapped[1];
  if (isIPv4(text)) return text;
  if (isIPv6(text)) return `${expandIPv6(text).slice(0, 4).join(":")}::/64`;
  return undefined;
}

function expandIPv6(address: string): string[] {
  const withoutZone = address.split("%")[0].toLowerCase();
  const [head, tail] = withoutZone.includes("::") ? withoutZone.split("::") : [withoutZone, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail counts as two groups.
  const groupsOf = (parts: string[]) => parts.reduce((n, part) => n + (part.includes(".") ? 2 : 1), 0);
  const missing = tail === undefined ? 0 : 8 - groupsOf(left) - groupsOf(right);
  return [...left, ...Array.from({ length: missing }, () => "0"), ...right].map((group) =>
    group.includes(".") ? group : group.padStart(4, "0"),
  );
}
