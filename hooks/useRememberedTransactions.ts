"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { Hex } from "viem";
import { isUnreachable } from "@/lib/chain/unreachable";
import { servedChains } from "@/lib/config/servedChains";
import {
  PAGE_LOAD_ID,
  type PendingTransaction,
  forgetPendingTransaction,
  listPendingTransactions,
} from "@/lib/transactions/pendingTransactions";

export type RememberedStatus = "waiting" | "confirmed" | "reverted" | "dropped" | "replaced";

interface Progress {
  status: RememberedStatus;
  /** Waiting, and the chain cannot be reached to ask. */
  chainUnreachable: boolean;
  blockNumber?: bigint;
  dismissed?: boolean;
}

export type RememberedTransaction = PendingTransaction & Progress;

const NONE: PendingTransaction[] = [];
let leftByEarlierLoads: PendingTransaction[] | undefined;

/**
 * What earlier page loads left unfinished on every served chain (a transaction is remembered with its record's chain):
 * read once, since it cannot grow while this page load lives.
 */
function earlierTransactions(): PendingTransaction[] {
  leftByEarlierLoads ??= servedChains.flatMap((chain) => listPendingTransactions(chain.id)).filter((tx) => tx.pageLoad !== PAGE_LOAD_ID);
  return leftByEarlierLoads;
}

const noUpdates = () => () => undefined;

/**
 * Transactions an earlier page load sent and never saw the outcome of (a reload, a closed tab, an outage before the
 * receipt): each watched on its own chain until mined, dropped or replaced, then forgotten; a mined one refreshes
 * every read.
 */
export function useRememberedTransactions() {
  const queryClient = useQueryClient();
  // localStorage exists only in the browser: the server's page and the first render show none.
  const earlier = useSyncExternalStore(noUpdates, earlierTransactions, () => NONE);
  const [progress, setProgress] = useState<Partial<Record<Hex, Progress>>>({});

  useEffect(() => {
    // The watcher's code and the read client are fetched only when an earlier page load left something to watch.
    if (earlier.length === 0) return undefined;
    const controller = new AbortController();
    const update = (hash: Hex, patch: Partial<Progress>) =>
      setProgress((all) => ({ ...all, [hash]: { status: "waiting", chainUnreachable: false, ...all[hash], ...patch } }));
    void Promise.all([import("@/lib/transactions/transactionOutcome"), import("@/lib/chain/readClient")]).then(
      ([{ waitForOutcome }, { readClientOn }]) => {
        if (controller.signal.aborted) return;
        for (const tx of earlier) {
          // Asked of its own chain: the same hash means nothing on another.
          waitForOutcome(readClientOn(tx.chainId), tx.hash, {
            signal: controller.signal,
            onCheck: (check) => update(tx.hash, { chainUnreachable: check.kind === "unchecked" && isUnreachable(check.error) }),
          }).then(
            (outcome) => {
              forgetPendingTransaction(tx.hash);
              if (outcome.kind !== "mined") return update(tx.hash, { status: outcome.kind, chainUnreachable: false });
              const { status, blockNumber } = outcome.receipt;
              update(tx.hash, { status: status === "success" ? "confirmed" : "reverted", blockNumber, chainUnreachable: false });
              void queryClient.invalidateQueries();
            },
            // Aborted: the page is going away and the next one takes over.
            () => undefined,
          );
        }
      },
      // The code could not be fetched (offline): the next page load watches them.
      () => undefined,
    );
    return () => controller.abort();
  }, [earlier, queryClient]);

  const items: RememberedTransaction[] = earlier
    .map((tx) => ({ ...tx, status: "waiting" as const, chainUnreachable: false, ...progress[tx.hash] }))
    .filter((tx) => !tx.dismissed);
  const dismiss = useCallback(
    (hash: Hex) =>
      setProgress((all) => ({ ...all, [hash]: { status: "waiting", chainUnreachable: false, ...all[hash], dismissed: true } })),
    [],
  );
  return { items, dismiss };
}
