import { describe, expect, it } from "vitest";
import { ChainsSettingError, parseServedChains } from "./chainsSetting";

const parse = (text: string | undefined) => parseServedChains(text, 31337, "http://127.0.0.1:8545");

describe("parseServedChains", () => {
  it("serves the default chain at the default RPC when nothing is set", () => {
    expect(parse(undefined)).toEqual([{ id: 31337, rpc: "http://127.0.0.1:8545" }]);
    expect(parse("  ")).toEqual([{ id: 31337, rpc: "http://127.0.0.1:8545" }]);
  });

  it("reads each chain's id, RPC and optional explorer", () => {
    expect(
      parse(
        '[{"id":31337,"rpc":"http://127.0.0.1:8545"},{"id":10,"rpc":"https://op.example","explorer":"https://optimistic.etherscan.io"}]',
      ),
    ).toEqual([
      { id: 31337, rpc: "http://127.0.0.1:8545" },
      { id: 10, rpc: "https://op.example", explorer: "https://optimistic.etherscan.io" },
    ]);
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    ["an empty list", "[]", /not a non-empty array/],
    ["an id that is not a chain id", '[{"id":"8453","rpc":"https://a"}]', /entry 0: id is not a chain id/],
    ["a chain listed twice", '[{"id":31337,"rpc":"http://a"},{"id":31337,"rpc":"http://b"}]', /chain 31337 is listed twice/],
    ["an RPC that is not a URL", '[{"id":31337,"rpc":"ws://a"}]', /chain 31337: rpc is not an http\(s\) URL/],
    ["an explorer that is not a URL", '[{"id":31337,"rpc":"http://a","explorer":"etherscan"}]', /explorer is not an http\(s\) URL/],
    ["no default chain", '[{"id":10,"rpc":"https://a"}]', /the default chain 31337 \(NEXT_PUBLIC_CHAIN_ID\) is not listed/],
  ])("refuses %s, saying what is wrong", (_, text, reason) => {
    expect(() => parse(text)).toThrow(ChainsSettingError);
    expect(() => parse(text)).toThrow(reason);
  });
});
