import { BaseError, HttpRequestError, RpcRequestError, TimeoutError } from "viem";
import { describe, expect, it } from "vitest";
import { RpcProbeError } from "./rpcProbe";
import { isUnreachable } from "./unreachable";

const url = "http://127.0.0.1:8546";

describe("isUnreachable", () => {
  it("is true when no answer came: connection failed, timeout, or a gateway without its node", () => {
    expect(isUnreachable(new HttpRequestError({ url, body: {}, cause: new TypeError("Failed to fetch") }))).toBe(true);
    expect(isUnreachable(new TimeoutError({ url, body: {} }))).toBe(true);
    expect(isUnreachable(new HttpRequestError({ url, body: {}, status: 503 }))).toBe(true);
  });

  it("is false for answers, even unwelcome ones: a 429, a JSON-RPC error, anything else", () => {
    expect(isUnreachable(new HttpRequestError({ url, body: {}, status: 429 }))).toBe(false);
    expect(
      isUnreachable(new RpcRequestError({ url, body: {}, error: { code: -32005, message: "query returned more than 10 results" } })),
    ).toBe(false);
    expect(isUnreachable(new Error("fetch failed"))).toBe(false);
  });

  it("judges the outage probe's failures the same way", () => {
    expect(isUnreachable(new RpcProbeError("refused", undefined, false))).toBe(true);
    expect(isUnreachable(new RpcProbeError("timed out", undefined, true))).toBe(true);
    expect(isUnreachable(new RpcProbeError("bad gateway", 502, false))).toBe(true);
    expect(isUnreachable(new RpcProbeError("too many requests", 429, false))).toBe(false);
    expect(isUnreachable(new Error("header not found"))).toBe(false);
  });

  it("finds the cause anywhere in a viem error's chain, and ignores look-alikes outside viem's errors", () => {
    const inner = new HttpRequestError({ url, body: {}, cause: new TypeError("Failed to fetch") });
    expect(isUnreachable(new BaseError("The read failed.", { cause: inner }))).toBe(true);
    expect(isUnreachable(new BaseError("The read failed.", { cause: new HttpRequestError({ url, body: {}, status: 429 }) }))).toBe(false);
    expect(isUnreachable(new Error("outer", { cause: inner }))).toBe(false);
    const timeout = new Error("The operation timed out");
    timeout.name = "TimeoutError";
    expect(isUnreachable(timeout)).toBe(false);
  });
});
