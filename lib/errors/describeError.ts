import { BaseError, ContractFunctionRevertedError, HttpRequestError, UserRejectedRequestError, decodeErrorResult, type Hex } from "viem";
import { integraErrorsAbi } from "@/lib/contracts";
import { RPC_URL } from "@/lib/config/appChain";
import { PlainWordsError } from "./plainWordsError";
import { revertMessages } from "./revertMessages";

export interface DescribedError {
  title: string;
  message: string;
  /** The custom error's name when the chain reverted with one. */
  errorName?: string;
}

function findRevertData(error: BaseError): Hex | undefined {
  let found: Hex | undefined;
  error.walk((cause) => {
    const data = (cause as { data?: unknown }).data;
    if (typeof data === "string" && data.startsWith("0x") && data.length >= 10) found = data as Hex;
    if (data && typeof data === "object" && "data" in data && typeof data.data === "string") found = data.data as Hex;
    return false;
  });
  return found;
}

const describers: ReadonlyMap<string, ((args: readonly unknown[]) => string) | undefined> = new Map(Object.entries(revertMessages));

function describeRevert(errorName: string, args: readonly unknown[]): DescribedError {
  // A plain require(..., "reason") revert: its reason is the words.
  if (errorName === "Error" && typeof args[0] === "string") return { title: "The transaction would fail", message: args[0], errorName };
  const describe = describers.get(errorName);
  return {
    title: "The transaction would fail",
    message: describe ? describe(args) : `The contract refused with ${errorName}.`,
    errorName,
  };
}

/** Turns anything a read or write can throw into a title and plain words for the person at the screen. */
export function describeError(error: unknown): DescribedError {
  if (error instanceof PlainWordsError) return { title: error.title, message: error.message };
  if (!(error instanceof BaseError)) {
    return { title: "Something went wrong", message: error instanceof Error ? error.message : String(error) };
  }
  // A decoded revert first: EAS's AccessDenied() would otherwise read as a wallet's "denied".
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
  if (reverted?.data?.errorName) return describeRevert(reverted.data.errorName, reverted.data.args ?? []);
  const data = reverted?.raw ?? findRevertData(error);
  if (data) {
    try {
      const decoded = decodeErrorResult({ abi: integraErrorsAbi, data });
      return describeRevert(decoded.errorName, decoded.args ?? []);
    } catch {
      // Not one of ours: fall through to the generic message.
    }
  }
  if (error.walk((e) => e instanceof HttpRequestError) || /fetch failed|Failed to fetch|ECONNREFUSED|NetworkError/i.test(error.message)) {
    return {
      title: "The chain is unreachable",
      message: `Could not reach the chain's RPC at ${RPC_URL}. Check that it is running, then try again.`,
    };
  }
  if (error.walk((e) => e instanceof UserRejectedRequestError) || /user (rejected|denied)/i.test(error.message)) {
    return { title: "Signature rejected", message: "You rejected the request in your wallet. Nothing was sent." };
  }
  return { title: "Something went wrong", message: error.shortMessage || error.message };
}
