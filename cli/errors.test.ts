import { HttpRequestError, LimitExceededRpcError, RpcRequestError, TimeoutError } from "viem";
import { describe, expect, it } from "vitest";
import { IntegraWriteError, RelayRefusedError } from "@/lib/sdk";
import { CliError, EXIT, describeFailure, exitCodeOf, failureOf } from "./errors";

const url = "http://rpc.example";
const say = (error: unknown) => describeFailure(error, url);

describe("describeFailure", () => {
  it("says the RPC cannot be reached when it did not answer: no connection, a timeout, a gateway without its node", () => {
    const unreachable = `Cannot reach the RPC at ${url}: is the node running, and is the URL right? (--rpc URL)`;
    expect(say(new HttpRequestError({ url, body: {}, cause: new TypeError("fetch failed") }))).toBe(unreachable);
    expect(say(new TimeoutError({ url, body: {} }))).toBe(unreachable);
    expect(say(new HttpRequestError({ url, body: {}, status: 503 }))).toBe(unreachable);
  });

  it("names an HTTP refusal by its status and says what to do, instead of calling a node that answered unreachable", () => {
    expect(say(new HttpRequestError({ url, body: {}, status: 429 }))).toBe(
      `The RPC at ${url} refused the request with HTTP 429 (too many requests: wait and run it again, or use another RPC).`,
    );
    expect(say(new HttpRequestError({ url, body: {}, status: 401 }))).toMatch(/HTTP 401 \(not allowed: check the API key in the URL\)/);
    expect(say(new HttpRequestError({ url, body: {}, status: 500 }))).toMatch(/HTTP 500 \(the provider failed/);
  });

  it("finds the status of a JSON-RPC error answered with a non-2xx status, as providers send their 429 and 401", () => {
    const limited = new RpcRequestError({ url, body: {}, status: 429, error: { code: -32005, message: "daily request count exceeded" } });
    expect(say(new LimitExceededRpcError(limited))).toMatch(/refused the request with HTTP 429 \(too many requests/);
    const unauthorized = new RpcRequestError({ url, body: {}, status: 401, error: { code: -32000, message: "invalid API key" } });
    expect(say(unauthorized)).toMatch(/HTTP 401 \(not allowed: check the API key in the URL\)/);
  });

  it("keeps a CliError's words and a JSON-RPC error's short message", () => {
    expect(say(new CliError("Not an RPC URL"))).toBe("Not an RPC URL");
    const rpcError = new RpcRequestError({ url, body: {}, error: { code: -32000, message: "header not found" } });
    expect(say(rpcError)).toBe(rpcError.shortMessage);
  });
});

describe("failureOf (the --json error)", () => {
  const of = (error: unknown) => failureOf(error, url);

  it("names a refused write by the contract's custom error, with its words, not to be retried as is", () => {
    const refused = new IntegraWriteError("Not a member of the workflow", "0xabc may not register into workflow w.", "NotWorkflowMember");
    expect(of(refused)).toEqual({ code: "NotWorkflowMember", message: "0xabc may not register into workflow w.", retry: false });
    expect(of(new IntegraWriteError("No ether", "0xabc holds no ether.", undefined, "NoEther"))).toMatchObject({ code: "NoEther" });
  });

  it("says a dropped write may be sent again, and a replaced one may not until it is checked", () => {
    expect(of(new IntegraWriteError("Dropped", "0xabc was dropped.", undefined, "Dropped"))).toMatchObject({
      code: "Dropped",
      retry: true,
    });
    expect(of(new IntegraWriteError("Replaced", "0xabc was replaced.", undefined, "Replaced"))).toMatchObject({
      code: "Replaced",
      retry: false,
    });
  });

  it("keeps a CliError's code (InvalidInput unless it says otherwise) and its retry", () => {
    expect(of(new CliError("Not an address"))).toEqual({ code: "InvalidInput", message: "Not an address", retry: false });
    expect(of(new CliError("Wrong chain", { code: "WrongChain" }))).toMatchObject({ code: "WrongChain", retry: false });
  });

  it("says an outage, a 429 and a 5xx may pass with time, and a 401 will not", () => {
    expect(of(new TimeoutError({ url, body: {} }))).toMatchObject({ code: "RpcUnreachable", retry: true });
    expect(of(new HttpRequestError({ url, body: {}, status: 429 }))).toMatchObject({ code: "RpcRefused", retry: true });
    expect(of(new HttpRequestError({ url, body: {}, status: 500 }))).toMatchObject({ code: "RpcRefused", retry: true });
    expect(of(new HttpRequestError({ url, body: {}, status: 401 }))).toMatchObject({ code: "RpcRefused", retry: false });
  });

  it("tells a relayer's rate limit (retry) from its refusal of the request itself (no retry)", () => {
    expect(of(new RelayRefusedError("rate", "Too many requests.", 12))).toEqual({
      code: "RelayRefused",
      message: "Too many requests.",
      retry: true,
      check: "rate",
      retryAfter: 12,
    });
    expect(of(new RelayRefusedError("simulation", "It would revert."))).toEqual({
      code: "RelayRefused",
      message: "It would revert.",
      retry: false,
      check: "simulation",
    });
  });

  it("exits 2 for bad input, 3 for a refusal that will not pass, 4 for one that may pass later", () => {
    expect(exitCodeOf(of(new CliError("Not an address")))).toBe(EXIT.badInput);
    expect(exitCodeOf(of(new CliError("Wrong chain", { code: "WrongChain" })))).toBe(EXIT.refused);
    expect(exitCodeOf(of(new RelayRefusedError("simulation", "It would revert.")))).toBe(EXIT.refused);
    expect(exitCodeOf(of(new RelayRefusedError("rate", "Too many requests.")))).toBe(EXIT.tryLater);
    expect(exitCodeOf(of(new TimeoutError({ url, body: {} })))).toBe(EXIT.tryLater);
    expect(new CliError("Hook failed", { code: "HookFailed", retry: true }).exitCode).toBe(EXIT.tryLater);
    expect(new CliError("Not an address").exitCode).toBe(EXIT.badInput);
    expect(new CliError("Wrong password", { code: "WrongPassword" }).exitCode).toBe(EXIT.badInput);
  });
});
