"use client";

import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { type Address, type Hex, type TransactionReceipt } from "viem";
import { type Config, useAccount, useConfig } from "wagmi";
import { getBalance, signTypedData, switchChain, sendTransaction } from "wagmi/actions";
import { loadReadClient, readClient } from "@/lib/chain/readClient";
import { isUnreachable } from "@/lib/chain/unreachable";
import { appChain } from "@/lib/config/appChain";
import { forwarder } from "@/lib/contracts";
import { type DescribedError, describeError } from "@/lib/errors/describeError";
import { type SignedForwardRequest, forwardRequestTypedData } from "@/lib/forwarder/forwardRequest";
import { prepareForwardRequest } from "@/lib/forwarder/prepareForwardRequest";
import { relayableCall } from "@/lib/forwarder/relayableCalls";
import { fetchRelayerInfo, submitToRelayer } from "@/lib/relay/relayClient";
import { PAGE_LOAD_ID, forgetPendingTransaction, rememberPendingTransaction } from "@/lib/transactions/pendingTransactions";
import { describeNotMined, waitForOutcome } from "@/lib/transactions/transactionOutcome";

export type TransactionPhase = "idle" | "checking" | "awaiting-signature" | "relaying" | "mining" | "confirmed" | "failed";

export interface TransactionState {
  phase: TransactionPhase;
  label?: string;
  hash?: Hex;
  /** Who paid the gas when it was not the connected wallet. */
  sponsor?: Address;
  error?: DescribedError;
  /** Mining, but the chain cannot be reached to ask about it (the transaction is remembered meanwhile). */
  chainUnreachable?: boolean;
}

/** A write, as hooks/operations.ts builds it: the call encoded against its contract's ABI, words and reads. */
export interface TransactionRequest {
  /** What the person is doing, in their words: "Register the deed". */
  label: string;
  to: Address;
  data: Hex;
  /** The queries this write changes; refreshed once it is mined. */
  invalidate: readonly QueryKey[];
}

/**
 * Who pays the gas: the connected wallet, or the app's relayer (the wallet only signs an EIP-712 request).
 * "auto" relays the sponsored party calls when the wallet holds no ether, so an ephemeral wallet just works.
 */
export type Payer = "wallet" | "relayer" | "auto";

/**
 * Prepares (nonce, gas, deadline; a call that would revert throws here with its reason) and signs a forward
 * request for `from` in the connected wallet. Signing happens in the wallet: the ephemeral wallet signs in the
 * browser with its own key, so it needs no ether and no node account.
 */
export async function signForwarded(
  config: Config,
  from: Address,
  call: { to: Address; data: Hex },
  onSigning?: () => void,
): Promise<SignedForwardRequest> {
  const prepared = await prepareForwardRequest(await loadReadClient(), { from, ...call });
  onSigning?.();
  // No `account`: an address would make wagmi ask the node to sign (see `send`); the connector's account signs.
  const signature = await signTypedData(config, forwardRequestTypedData(prepared, appChain.id, forwarder.address));
  return { ...prepared, signature };
}

/**
 * The one way the app writes: simulate first (a revert is caught before the wallet opens), then awaiting
 * signature, mining, confirmed or failed, with the error decoded into plain words, and exactly the given
 * queries refreshed. Party calls can go through the relayer instead, signed as an ERC-2771 request.
 * Returns the receipt, or undefined when it failed (the state says why).
 */
export function useTransaction() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { address, chainId } = useAccount();
  const [state, setState] = useState<TransactionState>({ phase: "idle" });

  const send = useCallback(
    async (request: TransactionRequest, options: { payer?: Payer } = {}): Promise<TransactionReceipt | undefined> => {
      const { label, to, data } = request;
      if (!address) {
        setState({ phase: "failed", label, error: { title: "No wallet connected", message: "Connect a wallet to do this." } });
        return undefined;
      }
      let hash: Hex | undefined;
      let sponsor: Address | undefined;
      try {
        setState({ phase: "checking", label });
        const relay = await shouldRelay(config, options.payer ?? "auto", address, to, data);
        if (relay) {
          const signed = await signForwarded(config, address, { to, data }, () => setState({ phase: "awaiting-signature", label }));
          setState({ phase: "relaying", label });
          ({ hash, sponsor } = await submitToRelayer(window.location.origin, signed));
        } else {
          if (chainId !== appChain.id) {
            setState({ phase: "awaiting-signature", label });
            await switchChain(config, { chainId: appChain.id });
            setState({ phase: "checking", label });
          }
          // The same call as the wallet will send, from the same address: a revert is caught (and decoded into
          // words) before the wallet opens.
          await readClient.call({ account: address, to, data });
          setState({ phase: "awaiting-signature", label });
          // No `account` here: wagmi takes the connector's own account, which for the ephemeral wallet is a
          // local account that signs in the browser. An address would make it a JSON-RPC account, and the node
          // would be asked to sign with a key it does not have.
          hash = await sendTransaction(config, { to, data, chainId: appChain.id });
        }
        setState({ phase: "mining", label, hash, sponsor });
        // Remembered until its outcome is known, so a reload or an outage before the receipt loses nothing.
        rememberPendingTransaction({
          hash,
          label,
          chainId: appChain.id,
          page: window.location.pathname + window.location.search,
          sentAt: Date.now(),
          pageLoad: PAGE_LOAD_ID,
        });
        const sent = hash;
        const outcome = await waitForOutcome(readClient, sent, {
          onCheck: (check) =>
            setState({
              phase: "mining",
              label,
              hash: sent,
              sponsor,
              chainUnreachable: check.kind === "unchecked" && isUnreachable(check.error),
            }),
        });
        forgetPendingTransaction(sent);
        if (outcome.kind !== "mined") {
          setState({ phase: "failed", label, hash, sponsor, error: describeNotMined(outcome) });
          return undefined;
        }
        const { receipt } = outcome;
        if (receipt.status !== "success") {
          setState({
            phase: "failed",
            label,
            hash,
            sponsor,
            error: { title: "The transaction reverted", message: "It was mined but reverted; nothing changed." },
          });
          return undefined;
        }
        await Promise.all(request.invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
        setState({ phase: "confirmed", label, hash, sponsor });
        return receipt;
      } catch (error) {
        setState({ phase: "failed", label, hash, sponsor, error: describeError(error) });
        return undefined;
      }
    },
    [address, chainId, config, queryClient],
  );

  const reset = useCallback(() => setState({ phase: "idle" }), []);
  return {
    state,
    send,
    reset,
    busy: state.phase === "checking" || state.phase === "awaiting-signature" || state.phase === "relaying" || state.phase === "mining",
  };
}

async function shouldRelay(config: Config, payer: Payer, address: Address, to: Address, data: Hex): Promise<boolean> {
  if (payer !== "auto") return payer === "relayer";
  if (!relayableCall(to, data).ok) return false;
  const balance = await getBalance(config, { address, chainId: appChain.id });
  if (balance.value > 0n) return false;
  return (await fetchRelayerInfo(window.location.origin)).enabled;
}
