import { HttpRequestError, RpcRequestError, TimeoutError } from "viem";
import { describe, expect, it } from "vitest";
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
});
