import { RpcRequestError, encodeErrorResult, getContractError, toFunctionSelector } from "viem";
import { describe, expect, it } from "vitest";
import { integraRecordV1Abi } from "@/lib/generated/integra";
import { KNOWN_REVERT_SELECTORS, revertedErrorName } from "./revertedErrorName";

const hash = `0x${"12".repeat(32)}` as const;

/** A read's revert as viem's readContract surfaces it: the node's RPC error, wrapped by getContractError. */
function readReverted(data: `0x${string}`) {
  const rpc = new RpcRequestError({ body: {}, url: "http://rpc", error: { code: 3, message: "execution reverted", data } });
  return getContractError(rpc, {
    abi: integraRecordV1Abi,
    address: "0x00000000000000000000000000000000000000aa",
    functionName: "getRecord",
    args: [hash],
  });
}

describe("revertedErrorName", () => {
  it("names the custom error a read reverted with", () => {
    const data = encodeErrorResult({ abi: integraRecordV1Abi, errorName: "RecordNotFound", args: [hash] });
    expect(revertedErrorName(readReverted(data))).toBe("RecordNotFound");
  });

  it("is undefined for a revert without data, a network failure and anything else", () => {
    expect(revertedErrorName(readReverted("0x"))).toBeUndefined();
    expect(revertedErrorName(new TypeError("Failed to fetch"))).toBeUndefined();
    expect(revertedErrorName("RecordNotFound")).toBeUndefined();
    expect(revertedErrorName(undefined)).toBeUndefined();
  });

  it("names a known custom error from raw revert data that viem left undecoded", () => {
    const data = encodeErrorResult({ abi: integraRecordV1Abi, errorName: "RecordNotFound", args: [hash] });
    // A provider answering a revert with -32000 and other words: getContractError does not decode it.
    const rpc = new RpcRequestError({
      body: {},
      url: "http://rpc",
      error: { code: -32000, message: "VM Exception while processing transaction: revert", data },
    });
    expect(revertedErrorName(new Error("read failed", { cause: rpc }))).toBe("RecordNotFound");
    expect(revertedErrorName({ data: "0xdeadbeef" })).toBeUndefined();
  });

  it("knows each selector by its error's signature", () => {
    for (const [selector, name] of Object.entries(KNOWN_REVERT_SELECTORS)) {
      const error = integraRecordV1Abi.find((item) => item.type === "error" && item.name === name);
      expect(error, name).toBeDefined();
      const signature = `${name}(${error!.inputs.map((input) => input.type).join(",")})`;
      expect(toFunctionSelector(signature)).toBe(selector);
    }
  });
});
