"use client";

import { useCallback, useState } from "react";
import type { Address, Hex } from "viem";
import { useAccount, useConfig } from "wagmi";
import type { DescribedError } from "@/lib/errors/describeError";
import type { SignedForwardRequest } from "@/lib/forwarder/forwardRequest";
import { signForwardRequest } from "@/lib/transactions/signForwardRequest";
import { describeWriteError } from "@/lib/transactions/writeError";
import { appSendDeps } from "./useTransaction.wallet";

export type SignPhase =
  | { phase: "idle" }
  | { phase: "checking" | "awaiting-signature" }
  | { phase: "signed"; request: SignedForwardRequest }
  | { phase: "failed"; error: DescribedError };

/**
 * Signs a party call as an ERC-2771 request for someone else to submit (the clerk pays); sends nothing. It is signed
 * for the call's chain (its record's), in that chain's forwarder's domain: the wallet is moved there first.
 */
export function useSignForwarded() {
  const config = useConfig();
  const { address } = useAccount();
  const [state, setState] = useState<SignPhase>({ phase: "idle" });
  const sign = useCallback(
    async (call: { to: Address; data: Hex; chainId: number }) => {
      if (!address) return setState({ phase: "failed", error: { title: "No wallet connected", message: "Connect a wallet to sign." } });
      setState({ phase: "checking" });
      try {
        const { client, signer } = appSendDeps(config, address, call.chainId);
        const request = await signForwardRequest(client, signer, call, () => setState({ phase: "awaiting-signature" }));
        setState({ phase: "signed", request });
      } catch (error) {
        setState({ phase: "failed", error: describeWriteError(error) });
      }
    },
    [address, config],
  );
  return { state, sign, reset: useCallback(() => setState({ phase: "idle" }), []) };
}
