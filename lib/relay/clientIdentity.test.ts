import { describe, expect, it } from "vitest";
import { clientIdentity, normalizeAddress } from "./clientIdentity";
import { PEER_ADDRESS_HEADER } from "./peerAddress";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("clientIdentity", () => {
  it("is the stamped TCP peer, whatever X-Forwarded-For or X-Real-IP the client wrote", () => {
    const spoofed = headers({ [PEER_ADDRESS_HEADER]: "198.51.100.4", "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" });
    expect(clientIdentity(spoofed, { trustedProxies: 0 }, true)).toEqual({ key: "198.51.100.4", source: "peer" });
  });

  it("ignores the peer header when no server of ours stamped it, and falls back to one shared bucket", () => {
    const forged = headers({ [PEER_ADDRESS_HEADER]: "198.51.100.4", "x-forwarded-for": "1.2.3.4" });
    expect(clientIdentity(forged, { trustedProxies: 0 }, false)).toMatchObject({ key: "unidentified", source: "shared" });
  });

  it("with N trusted proxies, is the Nth hop from the right of X-Forwarded-For; hops the client wrote do not count", () => {
    const oneProxy = { trustedProxies: 1 };
    expect(clientIdentity(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }), oneProxy, true)).toEqual({
      key: "203.0.113.7",
      source: "forwarded-for",
    });
    expect(clientIdentity(headers({ "x-forwarded-for": "9.9.9.9,6.6.6.6 , 203.0.113.7" }), oneProxy, true).key).toBe("203.0.113.7");
    const twoProxies = { trustedProxies: 2 };
    expect(clientIdentity(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }), twoProxies, true).key).toBe("203.0.113.7");
    // Fewer hops than proxies: a proxy was bypassed, nothing in the header is trusted.
    expect(clientIdentity(headers({ "x-forwarded-for": "203.0.113.7" }), twoProxies, true)).toMatchObject({ source: "shared" });
  });

  it("uses a configured client-IP header only when configured", () => {
    const request = headers({ "x-real-ip": "203.0.113.9", [PEER_ADDRESS_HEADER]: "10.0.0.1" });
    expect(clientIdentity(request, { trustedProxies: 0, clientIpHeader: "x-real-ip" }, true)).toEqual({
      key: "203.0.113.9",
      source: "header",
    });
    expect(clientIdentity(request, { trustedProxies: 0 }, true).key).toBe("10.0.0.1");
    expect(clientIdentity(headers({}), { trustedProxies: 0, clientIpHeader: "x-real-ip" }, true)).toMatchObject({ source: "shared" });
  });

  it("keys IPv4 plainly, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64", () => {
    expect(normalizeAddress("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(normalizeAddress("203.0.113.5:51234")).toBe("203.0.113.5");
    expect(normalizeAddress("2001:db8:1:2:aaaa::1")).toBe("2001:0db8:0001:0002::/64");
    expect(normalizeAddress("[2001:db8:1:2:bbbb::9]:443")).toBe("2001:0db8:0001:0002::/64");
    expect(normalizeAddress("::1")).toBe("0000:0000:0000:0000::/64");
    expect(normalizeAddress("not-an-ip")).toBeUndefined();
    expect(normalizeAddress("")).toBeUndefined();
  });
});
