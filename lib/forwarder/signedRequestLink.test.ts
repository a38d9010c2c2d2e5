import { describe, expect, it } from "vitest";
import { type SignedForwardRequest, fromWire, toWire } from "./forwardRequest";
import { parseSignedRequest, signedRequestPath } from "./signedRequestLink";

const request: SignedForwardRequest = {
  from: "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
  to: "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
  value: 0n,
  gas: 183_456n,
  nonce: 3n,
  deadline: 1_780_001_800,
  data: `0x${"ab".repeat(132)}`,
  signature: `0x${"cd".repeat(65)}`,
};

describe("signed request links", () => {
  it("round-trips a request through a link's fragment, whole or as a pasted URL", () => {
    const path = signedRequestPath("/records/0x01", request);
    expect(path.startsWith("/records/0x01#signed=")).toBe(true);
    expect(parseSignedRequest(path.slice(path.indexOf("#")))).toEqual({ kind: "ok", request });
    expect(parseSignedRequest(`  https://example.org${path}  `)).toEqual({ kind: "ok", request });
  });

  it("says what is wrong with a broken or foreign link", () => {
    expect(parseSignedRequest("")).toEqual({ kind: "none" });
    const cut = signedRequestPath("/records/0x01", request).slice(0, 60);
    const broken = parseSignedRequest(cut);
    expect(broken.kind).toBe("broken");
    expect(broken.kind === "broken" && broken.reason).toMatch(/cannot be read/);
    expect(parseSignedRequest("https://example.org/records/0x01").kind).toBe("broken");
  });

  it("names the first wrong field of a request", () => {
    expect(() => fromWire(null)).toThrow(/missing/);
    expect(() => fromWire({ ...toWire(request), from: "0x12" })).toThrow(/"from" is not an address/);
    expect(() => fromWire({ ...toWire(request), gas: "-1" })).toThrow(/"gas" is not a whole number/);
    expect(() => fromWire({ ...toWire(request), deadline: "soon" })).toThrow(/"deadline" is not a time/);
    expect(() => fromWire({ ...toWire(request), signature: "nope" })).toThrow(/"signature" is not hexadecimal/);
    expect(() => fromWire({ ...toWire(request), signature: `0x${"cd".repeat(64)}` })).toThrow(/"signature" is 64 bytes; it must be 65/);
    expect(() => fromWire({ ...toWire(request), data: `0x${"00".repeat(4096)}` })).toThrow(/"data" is 4096 bytes; at most 2048/);
    expect(fromWire(toWire(request))).toEqual(request);
  });
});
