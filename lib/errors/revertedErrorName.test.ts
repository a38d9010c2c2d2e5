import { RpcRequestError, encodeErrorResult, getContractError } from "viem";
import { describe, expect, it } from "vitest";
import { integraRecordV1Abi } from "@/lib/generated/integra";
import { revertedErrorName } from "./revertedErrorName";

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
});
