import { type QueryKey, type UseQueryOptions, useQueries } from "@tanstack/react-query";
import type { Chain } from "viem";
import { servedChains } from "@/lib/config/servedChains";

/** One served chain's answer to a read made on every served chain. */
export interface ChainRead<TData> {
  chain: Chain;
  /** What it answered; undefined before its first answer (or while a read it needs is missing). */
  data: TData | undefined;
  /**
   * Why its last read failed; null while reads succeed. A read is retried meanwhile, without end while the chain is
   * unreachable (hooks/readRetry.ts): such a chain has a failure and no data, and is not `failed`.
   */
  failure: Error | null;
  /** Its read failed for good (retries spent). */
  failed: boolean;
}

/** Several chains are served: lists read every one and name each row's chain. With one, pages say nothing of chains. */

/**
 * The read `queryOn(chainId)` on every served chain, in servedChains' order (the default first): one query per chain,
 * each retried and refreshed apart, so a chain that does not answer holds back none of the others.
 */
export function useOnServedChains<TData, TKey extends QueryKey>(
  queryOn: (chainId: number) => UseQueryOptions<TData, Error, TData, TKey>,
): ChainRead<TData>[] {
  const results = useQueries({ queries: servedChains.map((chain) => queryOn(chain.id)) });
  return servedChains.map((chain, i) => ({
    chain,
    data: results[i].data,
    failure: results[i].failureReason,
    failed: results[i].isError,
  }));
}

/**
 * Two reads of the same chains side by side, as one read per chain: its data once both have answered, the first
 * failure of either.
 */
export function bothOnEachChain<A, B>(
  first: readonly ChainRead<A>[],
  second: readonly ChainRead<B>[],
): ChainRead<{ first: A; second: B }>[] {
  return first.map((a, i) => {
    const b = second[i];
    return {
      chain: a.chain,
      data: a.data !== undefined && b.data !== undefined ? { first: a.data, second: b.data } : undefined,
      failure: a.failure ?? b.failure,
      failed: a.failed || b.failed,
    };
  });
}

/** Each row of every chain that answered, with its chain's id, in servedChains' order. */
export function rowsOnChains<TRow>(reads: readonly ChainRead<readonly TRow[]>[]): { chainId: number; row: TRow }[] {
  return reads.flatMap(({ chain, data }) => (data ?? []).map((row) => ({ chainId: chain.id, row })));
}

/** Whether no chain has answered yet and none has failed: the whole list is still being read. */
export function noChainAnswered(reads: readonly ChainRead<unknown>[]): boolean {
  return reads.every((read) => read.data === undefined && read.failure === null);
}
