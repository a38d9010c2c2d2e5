import {
  type Abi,
  type Chain,
  type Client,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ReadContractParameters,
  type ReadContractReturnType,
  type Transport,
  decodeFunctionResult,
  encodeFunctionData,
  getContractError,
  numberToHex,
} from "viem";

/**
 * viem's readContract, sent as a bare eth_call. viem's own goes through its `call` action, which brings deployless
 * calls (their bytecode), CCIP-read, state and block overrides and request formatting into every page that reads a
 * contract (about 12 KB gzip); the app reads deployed contracts at a block and needs none of them. Encoding, decoding
 * and errors are viem's own, so a revert is decoded into the same ContractFunctionRevertedError.
 */
export async function readContractLean<
  const abi extends Abi | readonly unknown[],
  functionName extends ContractFunctionName<abi, "pure" | "view">,
  const args extends ContractFunctionArgs<abi, "pure" | "view", functionName>,
>(
  client: Client<Transport, Chain | undefined>,
  parameters: ReadContractParameters<abi, functionName, args>,
): Promise<ReadContractReturnType<abi, functionName, args>> {
  const { abi, address, args, functionName, blockNumber, blockTag, ...unsupported } = parameters as ReadContractParameters;
  // A read at a block hash, from an account or with overrides would silently read something else here: refuse it.
  const ignored = Object.entries(unsupported).filter(([, value]) => value !== undefined);
  if (ignored.length > 0)
    throw new Error(`readContractLean reads at a block number or tag only, not with ${ignored.map(([key]) => key).join(", ")}`);
  const data = encodeFunctionData({ abi, args, functionName } as Parameters<typeof encodeFunctionData>[0]);
  try {
    const block = blockNumber !== undefined ? numberToHex(blockNumber) : (blockTag ?? "latest");
    const result = await client.request({ method: "eth_call", params: [{ to: address, data }, block] });
    return decodeFunctionResult({ abi, args, functionName, data: result || "0x" } as Parameters<
      typeof decodeFunctionResult
    >[0]) as ReadContractReturnType<abi, functionName, args>;
  } catch (error) {
    throw getContractError(error as Error, { abi: abi as Abi, address, args, docsPath: "/docs/contract/readContract", functionName });
  }
}
