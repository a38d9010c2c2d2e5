import type { Hex } from "viem";

/**
 * A transaction the node accepted whose receipt this browser has not seen yet, kept in localStorage so a reload, a
 * crash or an RPC outage between submission and receipt does not lose it: the app shows its outcome when it can.
 */
export interface PendingTransaction {
  hash: Hex;
  /** What the person was doing, in their words: "Claim token #1". */
  label: string;
  chainId: number;
  /** Where it was sent from (path and query), to go back to it. */
  page: string;
  sentAt: number;
  /** The page load that sent it: that page watches it itself, others show it as remembered. */
  pageLoad: string;
}

const STORAGE_KEY = "integra.pendingTransactions";

/** This page load's id: entries written by an earlier load (before a reload) are the ones to show as remembered. */
export const PAGE_LOAD_ID = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

function write(all: PendingTransaction[]): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
  } catch {
    // Storage full or refused (private mode): the page still watches the transaction while it is open.
  }
}

function readAll(): PendingTransaction[] {
  try {
    const saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "[]") as PendingTransaction[];
    return Array.isArray(saved) ? saved : [];
  } catch {
    return [];
  }
}

export function listPendingTransactions(chainId: number): PendingTransaction[] {
  return readAll().filter((tx) => tx.chainId === chainId);
}

export function rememberPendingTransaction(tx: PendingTransaction): void {
  write([...readAll().filter((t) => t.hash !== tx.hash), tx]);
}

/** Its outcome is known and shown: nothing left to remember. */
export function forgetPendingTransaction(hash: Hex): void {
  write(readAll().filter((t) => t.hash !== hash));
}
