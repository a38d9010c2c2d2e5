import type { Address, Hash, TransactionReceipt } from "viem";
import { describe, expect, it } from "vitest";
import { minedReceipt } from "./minedReceipt";
import { IntegraWriteError } from "./writeError";

const hash = `0x${"cd".repeat(32)}` as Hash;
const sponsor = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955" as Address;
const receipt = (status: "success" | "reverted") => ({ status, transactionHash: hash }) as TransactionReceipt;

describe("minedReceipt", () => {
  it("gives the receipt of a write that ran", () => {
    expect(minedReceipt({ kind: "mined", receipt: receipt("success"), hash, paidBy: "wallet" }).status).toBe("success");
  });

  it("throws a write that reverted, was dropped or was replaced, with its code and the transaction's hash", () => {
    const failure = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error;
      }
    };
    const reverted = failure(() => minedReceipt({ kind: "mined", receipt: receipt("reverted"), hash, paidBy: "wallet" }));
    expect(reverted).toBeInstanceOf(IntegraWriteError);
    expect(reverted).toMatchObject({ code: "Reverted", message: `Transaction ${hash} was mined but reverted.` });
    expect(failure(() => minedReceipt({ kind: "dropped", hash, paidBy: "wallet" }))).toMatchObject({
      code: "Dropped",
      title: "The transaction was dropped",
      message: expect.stringContaining(`Transaction ${hash} was dropped`),
    });
    expect(failure(() => minedReceipt({ kind: "replaced", hash, paidBy: "relayer", sponsor }))).toMatchObject({
      code: "Replaced",
      message: expect.stringContaining(`the relayer ${sponsor} sent another transaction in its place`),
    });
  });
});
