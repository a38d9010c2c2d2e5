/**
 * The name of the custom error a read reverted with ("RecordNotFound"), found by walking the error's causes as viem
 * nests them (ContractFunctionExecutionError → ContractFunctionRevertedError). Shape-checked rather than imported, so a
 * page can tell "no such record" from a failure without loading describeError and its table of words.
 */
export function revertedErrorName(error: unknown): string | undefined {
  for (let cause: unknown = error, depth = 0; cause && depth < 8; depth++) {
    if (typeof cause !== "object") return undefined;
    const { name, data } = cause as { name?: unknown; data?: { errorName?: unknown } };
    if (name === "ContractFunctionRevertedError" && typeof data?.errorName === "string") return data.errorName;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}
