import { describe, expect, it } from "vitest";
import { envForChain, identityConfigFromEnv, parsePrincipals, policyFromEnv, sponsorScopeError } from "./relayerConfig";
import { DEFAULT_POLICY } from "./relayerPolicy";
import { parseStoreLocation } from "./store/openStore";

describe("relayer configuration", () => {
  it("reads principals with optional weights, and refuses a wrong entry instead of skipping it", () => {
    expect(parsePrincipals(undefined)).toBeUndefined();
    expect(parsePrincipals(" ")).toBeUndefined();
    expect(parsePrincipals("0x70997970c51812dc3a010c7d01b50e0d17dc79c8, 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC:3")).toEqual([
      { address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", weight: 1 },
      { address: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", weight: 3 },
    ]);
    expect(() => parsePrincipals("0x7099797")).toThrow(/not an address/);
    expect(() => parsePrincipals("0x0000000000000000000000000000000000000000")).toThrow(/not an address/);
    expect(() => parsePrincipals("0x70997970c51812dc3a010c7d01b50e0d17dc79c8:0")).toThrow(/weight/);
  });

  it("defaults every limit, and refuses a setting it cannot read", () => {
    expect(policyFromEnv({})).toEqual(DEFAULT_POLICY);
    expect(
      policyFromEnv({ RELAYER_SIGNAL_SHARE: "0.25", RELAYER_SPEND_CAP_ETH: "0.5", RELAYER_REPLACE_AFTER_SECONDS: "20" }),
    ).toMatchObject({
      signalShare: 0.25,
      spendCapWei: 5n * 10n ** 17n,
      replaceAfterMs: 20_000,
    });
    expect(() => policyFromEnv({ RELAYER_SIGNAL_SHARE: "2" })).toThrow(/more than 1/);
    expect(() => policyFromEnv({ RELAYER_LIMIT_GLOBAL: "lots" })).toThrow(/RELAYER_LIMIT_GLOBAL/);
  });

  it("reads the per-signer spend cap", () => {
    expect(policyFromEnv({ RELAYER_SPEND_PER_SIGNER_ETH: "0.005" }).perSignerSpendCapWei).toBe(5n * 10n ** 15n);
    expect(() => policyFromEnv({ RELAYER_SPEND_PER_SIGNER_ETH: "0" })).toThrow(/RELAYER_SPEND_PER_SIGNER_ETH/);
  });

  it("refuses to sponsor every record off the local chain unless told so explicitly", () => {
    const everyRecord = policyFromEnv({});
    expect(sponsorScopeError({}, everyRecord, false)).toMatch(/without RELAYER_SPONSORED_PRINCIPALS.*RELAYER_SPONSOR_EVERY_RECORD=1/);
    expect(sponsorScopeError({ RELAYER_SPONSOR_EVERY_RECORD: "1" }, everyRecord, false)).toBeUndefined();
    expect(sponsorScopeError({ RELAYER_SPONSOR_EVERY_RECORD: "yes" }, everyRecord, false)).toBeDefined();
    expect(sponsorScopeError({}, everyRecord, true)).toBeUndefined();
    const principals = policyFromEnv({ RELAYER_SPONSORED_PRINCIPALS: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8" });
    expect(sponsorScopeError({}, principals, false)).toBeUndefined();
  });

  it("reads the trusted proxies and the client-IP header", () => {
    expect(identityConfigFromEnv({})).toEqual({ trustedProxies: 0, clientIpHeader: undefined });
    expect(identityConfigFromEnv({ RELAYER_TRUSTED_PROXIES: "2", RELAYER_CLIENT_IP_HEADER: "X-Real-IP" })).toEqual({
      trustedProxies: 2,
      clientIpHeader: "x-real-ip",
    });
    expect(() => identityConfigFromEnv({ RELAYER_TRUSTED_PROXIES: "1.5" })).toThrow(/whole number/);
  });

  it("applies every setting on each chain, each overridable for one chain by its `_<chainId>` name", () => {
    const env = {
      RELAYER_SPEND_CAP_ETH: "1",
      RELAYER_SPEND_CAP_ETH_31338: "0.2",
      RELAYER_RPC_URL: "http://a.test",
      RELAYER_LIMIT_GLOBAL: "50",
    };
    expect(policyFromEnv(envForChain(env, 31338, 31337))).toMatchObject({ spendCapWei: 2n * 10n ** 17n, globalLimit: 50 });
    expect(policyFromEnv(envForChain(env, 31337, 31337))).toMatchObject({ spendCapWei: 10n ** 18n, globalLimit: 50 });
    // The RPC without a suffix is the default chain's: another chain's relayer uses its own served RPC.
    expect(envForChain(env, 31337, 31337).RELAYER_RPC_URL).toBe("http://a.test");
    expect(envForChain(env, 31338, 31337).RELAYER_RPC_URL).toBeUndefined();
    expect(envForChain({ ...env, RELAYER_RPC_URL_31338: "http://b.test" }, 31338, 31337).RELAYER_RPC_URL).toBe("http://b.test");
  });

  it("reads the store's location", () => {
    expect(parseStoreLocation(undefined)).toEqual({ kind: "sqlite", file: ".relayer/relayer.sqlite" });
    expect(parseStoreLocation("sqlite:/var/lib/relayer.sqlite")).toEqual({ kind: "sqlite", file: "/var/lib/relayer.sqlite" });
    expect(parseStoreLocation("redis://redis:6379/0")).toEqual({ kind: "redis", url: "redis://redis:6379/0" });
    expect(() => parseStoreLocation("postgres://db")).toThrow(/RELAYER_STORE/);
  });
});
