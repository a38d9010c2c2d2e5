"use client";

import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Abi, ContractFunctionArgs, ContractFunctionName, Hex, TransactionReceipt } from "viem";
import { useAccount, useConfig } from "wagmi";
import { type SimulateContractParameters, simulateContract, switchChain, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { appChain } from "@/lib/config/appChain";
import { type DescribedError, describeError } from "@/lib/errors/describeError";

export type TransactionPhase = "idle" | "checking" | "awaiting-signature" | "mining" | "confirmed" | "failed";

export interface TransactionState {
  phase: TransactionPhase;
  label?: string;
  hash?: Hex;
  error?: DescribedError;
}

type WriteFunctionName<abi extends Abi> = ContractFunctionName<abi, "nonpayable" | "payable">;

export interface TransactionRequest<abi extends Abi, functionName extends WriteFunctionName<abi>> {
  /** What the person is doing, in their words: "Register the deed". */
  label: string;
  contract: { address: `0x${string}`; abi: abi };
  functionName: functionName;
  args: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>;
  /** The queries this write changes; refreshed once it is mined. */
  invalidate: readonly QueryKey[];
}

/**
 * The one way the app writes: simulate first (a revert is caught before the wallet opens), then
 * awaiting signature, mining, confirmed or failed, with the error decoded into plain words, and exactly
 * the given queries refreshed. Returns the receipt, or undefined when it failed (the state says why).
 */
export function useTransaction() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { address, chainId } = useAccount();
  const [state, setState] = useState<TransactionState>({ phase: "idle" });

  const send = useCallback(
    async <const abi extends Abi, functionName extends WriteFunctionName<abi>>(
      request: TransactionRequest<abi, functionName>,
    ): Promise<TransactionReceipt | undefined> => {
      const { label } = request;
      if (!address) {
        setState({ phase: "failed", label, error: { title: "No wallet connected", message: "Connect a wallet to do this." } });
        return undefined;
      }
      try {
        if (chainId !== appChain.id) {
          setState({ phase: "awaiting-signature", label });
          await switchChain(config, { chainId: appChain.id });
        }
        setState({ phase: "checking", label });
        const { request: prepared } = await simulateContract(config, {
          address: request.contract.address,
          abi: request.contract.abi,
          functionName: request.functionName,
          args: request.args,
          account: address,
          chainId: appChain.id,
        } as SimulateContractParameters);
        setState({ phase: "awaiting-signature", label });
        const hash = await writeContract(config, prepared);
        setState({ phase: "mining", label, hash });
        const receipt = await waitForTransactionReceipt(config, { hash, chainId: appChain.id });
        if (receipt.status !== "success") {
          setState({ phase: "failed", label, hash, error: { title: "The transaction reverted", message: "It was mined but reverted; nothing changed." } });
          return undefined;
        }
        await Promise.all(request.invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
        setState({ phase: "confirmed", label, hash });
        return receipt;
      } catch (error) {
        setState({ phase: "failed", label, error: describeError(error) });
        return undefined;
      }
    },
    [address, chainId, config, queryClient],
  );

  const reset = useCallback(() => setState({ phase: "idle" }), []);
  return { state, send, reset, busy: state.phase === "checking" || state.phase === "awaiting-signature" || state.phase === "mining" };
}
