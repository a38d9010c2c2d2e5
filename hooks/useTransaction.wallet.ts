"use client";

import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Address, Hex, TransactionReceipt } from "viem";
import { getBalance } from "viem/actions";
import { type Config, useAccount, useConfig } from "wagmi";
import { getAccount, sendTransaction, signTypedData, switchChain } from "wagmi/actions";
import type { ContractCall } from "@/lib/writes";
import { readClientOn } from "@/lib/chain/readClient";
import { chainFor } from "@/lib/config/appChain";
import { servedChain } from "@/lib/config/servedChains";
import type { DescribedError } from "@/lib/errors/describeError";
import type { Payer } from "@/lib/transactions/payer";
import { PAGE_LOAD_ID, forgetPendingTransaction, rememberPendingTransaction } from "@/lib/transactions/pendingTransactions";
import { type SendClient, type Sent, sendContractCall } from "@/lib/transactions/sendContractCall";
import { describeNotMined } from "@/lib/transactions/transactionOutcome";
import { describeWriteError, walletChainError } from "@/lib/transactions/writeError";
import type { WriteSigner } from "@/lib/transactions/writeSigner";

export type TransactionPhase = "idle" | "checking" | "awaiting-signature" | "relaying" | "mining" | "confirmed" | "failed";

export interface TransactionState {
  phase: TransactionPhase;
  label?: string;
  /** The chain the write goes to (its record's): where its transaction is looked up and linked. */
  chainId?: number;
  hash?: Hex;
  /** Who paid the gas when it was not the connected wallet. */
  sponsor?: Address;
  error?: DescribedError;
  /** Mining, but the chain cannot be reached to ask about it (the transaction is remembered meanwhile). */
  chainUnreachable?: boolean;
}

/**
 * A write, as hooks/operations.ts builds it: the call encoded against its contract's ABI for its record's chain (with
 * whether a relayer sponsors it), words and reads.
 */
export interface TransactionRequest extends ContractCall {
  /** What the person is doing, in their words: "Register the deed". */
  label: string;
  /** The queries this write changes; refreshed once it is mined. */
  invalidate: readonly QueryKey[];
}

const sendClients = new Map<number, SendClient>();

/** The app's read client of chain `chainId`, with the balance read the payer rule and the no-ether check make. */
function sendClientOn(chainId: number): SendClient {
  let client = sendClients.get(chainId);
  if (!client) {
    const reader = readClientOn(chainId);
    client = { ...reader, getBalance: (args) => getBalance(reader, args) };
    sendClients.set(chainId, client);
  }
  return client;
}

/**
 * Moves the connected wallet to chain `chainId` unless it is there already (RainbowKit's and wagmi's switch: a browser
 * wallet asks its person, the ephemeral wallet just moves). A wallet that refuses or cannot is said so in words.
 */
async function walletOn(config: Config, chainId: number): Promise<void> {
  if (getAccount(config).chainId === chainId) return;
  try {
    await switchChain(config, { chainId });
  } catch {
    throw walletChainError((servedChain(chainId) ?? chainFor(chainId)).name);
  }
}

/**
 * The connected wallet as the send engine's signer (wagmi's actions, with the connector's own account). Each write is
 * sent, and each request signed, on its own chain: the wallet is moved there first when it is on another.
 */
function wagmiSigner(config: Config, address: Address): WriteSigner {
  return {
    address,
    async sendTransaction({ to, data, value, chainId }) {
      await walletOn(config, chainId);
      // No `account` here: wagmi takes the connector's own account, which for the ephemeral wallet is a local
      // account that signs in the browser. An address would make it a JSON-RPC account, and the node would be
      // asked to sign with a key it does not have.
      return sendTransaction(config, { to, data, value, chainId });
    },
    // No `account` either: an address would make wagmi ask the node to sign (see sendTransaction above); the
    // connector's account signs, so the ephemeral wallet needs no ether and no node account. A browser wallet signs
    // typed data only for the chain it is on, so it is moved to the domain's chain first.
    async signTypedData(typedData) {
      await walletOn(config, typedData.domain.chainId);
      return signTypedData(config, typedData);
    },
    async signPermit(typedData) {
      if (typedData.domain.chainId !== undefined) await walletOn(config, Number(typedData.domain.chainId));
      return signTypedData(config, typedData);
    },
  };
}

/**
 * What the send engine needs from the app for a write on chain `chainId` (the record's): that chain's read client,
 * and the connected wallet as the signer, moved to that chain when it sends or signs.
 */
export function appSendDeps(config: Config, address: Address, chainId: number): { client: SendClient; signer: WriteSigner } {
  return { client: sendClientOn(chainId), signer: wagmiSigner(config, address) };
}

/** Remembered until its outcome is known, so a reload or an outage before the receipt loses nothing. */
function remember(sent: Sent, label: string, chainId: number): void {
  rememberPendingTransaction({
    hash: sent.hash,
    label,
    chainId,
    page: window.location.pathname + window.location.search,
    sentAt: Date.now(),
    pageLoad: PAGE_LOAD_ID,
  });
}

/**
 * The one way the app writes, over the send engine (lib/transactions/sendContractCall.ts) that the SDK and the CLI
 * use too, on the request's own chain (its record's; the wallet is moved there first): its phases as this state (checking, awaiting signature, relaying, mining, then confirmed or failed, with
 * the error in plain words), the transaction remembered while it is pending, and exactly the given queries refreshed
 * once it is mined. Who pays follows the payer rule: by default ("auto") a sponsored party call goes through the
 * app's relayer when the wallet holds no ether. Returns the receipt, or undefined when it failed (the state says why).
 */
export function useTransaction() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { address } = useAccount();
  const [state, setState] = useState<TransactionState>({ phase: "idle" });

  const send = useCallback(
    async (request: TransactionRequest, options: { payer?: Payer } = {}): Promise<TransactionReceipt | undefined> => {
      const { label, chainId } = request;
      if (!address) {
        setState({ phase: "failed", label, error: { title: "No wallet connected", message: "Connect a wallet to do this." } });
        return undefined;
      }
      let sent: Sent | undefined;
      const fail = (error: DescribedError) =>
        setState({ phase: "failed", label, chainId, hash: sent?.hash, sponsor: sent?.sponsor, error });
      try {
        const outcome = await sendContractCall(appSendDeps(config, address, chainId), request, {
          payer: options.payer ?? "auto",
          relayer: window.location.origin,
          onProgress: (progress) => setState({ label, chainId, ...progress }),
          onSent: (transaction) => {
            sent = transaction;
            remember(transaction, label, chainId);
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
        setState({ phase: "confirmed", label, chainId, hash: outcome.hash, sponsor: outcome.sponsor });
        return outcome.receipt;
      } catch (error) {
        fail(describeWriteError(error));
        return undefined;
      }
    },
    [address, config, queryClient],
  );

  const reset = useCallback(() => setState({ phase: "idle" }), []);
  return {
    state,
    send,
    reset,
    busy: state.phase === "checking" || state.phase === "awaiting-signature" || state.phase === "relaying" || state.phase === "mining",
  };
}
