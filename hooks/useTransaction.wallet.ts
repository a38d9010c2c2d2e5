"use client";

import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Address, Hex, TransactionReceipt } from "viem";
import { getBalance } from "viem/actions";
import { type Config, useAccount, useConfig } from "wagmi";
import { sendTransaction, signTypedData, switchChain } from "wagmi/actions";
import type { ContractCall } from "@/lib/writes";
import { readClient } from "@/lib/chain/readClient";
import { appChain } from "@/lib/config/appChain";
import type { DescribedError } from "@/lib/errors/describeError";
import type { Payer } from "@/lib/transactions/payer";
import { PAGE_LOAD_ID, forgetPendingTransaction, rememberPendingTransaction } from "@/lib/transactions/pendingTransactions";
import { type SendClient, type Sent, sendContractCall } from "@/lib/transactions/sendContractCall";
import { describeNotMined } from "@/lib/transactions/transactionOutcome";
import { describeWriteError } from "@/lib/transactions/writeError";
import type { WriteSigner } from "@/lib/transactions/writeSigner";

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

/** A write, as hooks/operations.ts builds it: the call encoded against its contract's ABI (with whether a relayer sponsors it), words and reads. */
export interface TransactionRequest extends ContractCall {
  /** What the person is doing, in their words: "Register the deed". */
  label: string;
  /** The queries this write changes; refreshed once it is mined. */
  invalidate: readonly QueryKey[];
}

/** The app's read client, with the balance read the payer rule and the no-ether check make. */
const appSendClient: SendClient = { ...readClient, getBalance: (args) => getBalance(readClient, args) };

/**
 * The connected wallet as the send engine's signer (wagmi's actions, with the connector's own account).
 * `walletChainId` is the chain the wallet is on now: a wallet on another chain is asked to switch before it sends.
 */
function wagmiSigner(config: Config, address: Address, walletChainId: number | undefined): WriteSigner {
  return {
    address,
    async sendTransaction({ to, data, value }) {
      if (walletChainId !== appChain.id) await switchChain(config, { chainId: appChain.id });
      // No `account` here: wagmi takes the connector's own account, which for the ephemeral wallet is a local
      // account that signs in the browser. An address would make it a JSON-RPC account, and the node would be
      // asked to sign with a key it does not have.
      return sendTransaction(config, { to, data, value, chainId: appChain.id });
    },
    // No `account` either: an address would make wagmi ask the node to sign (see sendTransaction above); the
    // connector's account signs, so the ephemeral wallet needs no ether and no node account.
    signTypedData: (typedData) => signTypedData(config, typedData),
    signPermit: (typedData) => signTypedData(config, typedData),
  };
}

/** What the send engine needs from the app: its read client and the connected wallet as the signer. */
export function appSendDeps(
  config: Config,
  address: Address,
  walletChainId: number | undefined,
): { client: SendClient; signer: WriteSigner } {
  return { client: appSendClient, signer: wagmiSigner(config, address, walletChainId) };
}

/** Remembered until its outcome is known, so a reload or an outage before the receipt loses nothing. */
function remember(sent: Sent, label: string): void {
  rememberPendingTransaction({
    hash: sent.hash,
    label,
    chainId: appChain.id,
    page: window.location.pathname + window.location.search,
    sentAt: Date.now(),
    pageLoad: PAGE_LOAD_ID,
  });
}

/**
 * The one way the app writes, over the send engine (lib/transactions/sendContractCall.ts) that the SDK and the CLI
 * use too: its phases as this state (checking, awaiting signature, relaying, mining, then confirmed or failed, with
 * the error in plain words), the transaction remembered while it is pending, and exactly the given queries refreshed
 * once it is mined. Who pays follows the payer rule: by default ("auto") a sponsored party call goes through the
 * app's relayer when the wallet holds no ether. Returns the receipt, or undefined when it failed (the state says why).
 */
export function useTransaction() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { address, chainId } = useAccount();
  const [state, setState] = useState<TransactionState>({ phase: "idle" });

  const send = useCallback(
    async (request: TransactionRequest, options: { payer?: Payer } = {}): Promise<TransactionReceipt | undefined> => {
      const { label } = request;
      if (!address) {
        setState({ phase: "failed", label, error: { title: "No wallet connected", message: "Connect a wallet to do this." } });
        return undefined;
      }
      let sent: Sent | undefined;
      const fail = (error: DescribedError) => setState({ phase: "failed", label, hash: sent?.hash, sponsor: sent?.sponsor, error });
      try {
        const outcome = await sendContractCall(appSendDeps(config, address, chainId), request, {
          payer: options.payer ?? "auto",
          relayer: window.location.origin,
          onProgress: (progress) => setState({ label, ...progress }),
          onSent: (transaction) => {
            sent = transaction;
            remember(transaction, label);
          },
        });
        forgetPendingTransaction(outcome.hash);
        if (outcome.kind !== "mined") {
          fail(describeNotMined(outcome));
          return undefined;
        }
        if (outcome.receipt.status !== "success") {
          fail({ title: "The transaction reverted", message: "It was mined but reverted; nothing changed." });
          return undefined;
        }
        await Promise.all(request.invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
        setState({ phase: "confirmed", label, hash: outcome.hash, sponsor: outcome.sponsor });
        return outcome.receipt;
      } catch (error) {
        fail(describeWriteError(error));
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
