/**
 * Custom errors a page tells apart without loading describeError, by their 4-byte selectors, for an RPC whose revert
 * viem leaves undecoded (raw data on an error code getContractError does not map). revertedErrorName.test.ts checks
 * each against its signature.
 */
export const KNOWN_REVERT_SELECTORS: Readonly<Record<string, string>> = {
  "0x670a7e6a": "RecordNotFound",
};

/**
 * The name of the custom error a read reverted with ("RecordNotFound"), found by walking the error's causes as viem
 * nests them (ContractFunctionExecutionError → ContractFunctionRevertedError), or from raw revert data with a known
 * selector. Shape-checked rather than imported, so a page can tell "no such record" from a failure without loading
 * describeError and its table of words.
 */
export function revertedErrorName(error: unknown): string | undefined {
  let raw: string | undefined;
  for (let cause: unknown = error, depth = 0; cause && depth < 8; depth++) {
    if (typeof cause !== "object") break;
    const { name, data } = cause as { name?: unknown; data?: unknown };
    const decoded = (data as { errorName?: unknown } | undefined)?.errorName;
    if (name === "ContractFunctionRevertedError" && typeof decoded === "string") return decoded;
    if (typeof data === "string" && data.startsWith("0x") && data.length >= 10) raw ??= data;
    cause = (cause as { cause?: unknown }).cause;
  }
  return raw === undefined ? undefined : KNOWN_REVERT_SELECTORS[raw.slice(0, 10).toLowerCase()];
}
