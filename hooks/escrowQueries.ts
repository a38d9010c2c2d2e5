import { queryOptions, skipToken } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { readClientOn } from "@/lib/chain/readClient";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import { factsOn } from "@/lib/deployment";
import type { EscrowOutcome } from "@/lib/escrow/outcomes";
import type { EscrowWait } from "@/lib/escrow/waiting";
import { type EscrowView, readAsset, readEscrowsOf } from "@/lib/reads/escrows";
import { escrowsKey, lower, myRecordsQuery, reservationsQuery } from "./queries";

// The escrow's reads, as hooks/queries.ts defines the others, in a module of their own: only the escrow panel, the
// certificate's escrow lines and the dashboard's card import it, each loaded when there is an escrow to show, so
// the escrow's readers and ABI are not in the first load of every record page.

/**
 * The read client with the chain's head read afresh: viem keeps the head block number for its polling interval, so a
 * read made right after a write (an attestation) would look for its logs only up to the block before it.
 */
function freshHead<T extends { getBlockNumber: (args?: { cacheTime?: number }) => Promise<bigint> }>(client: T): T {
  return { ...client, getBlockNumber: (args?: { cacheTime?: number }) => client.getBlockNumber({ ...args, cacheTime: 0 }) };
}

/** Escrows not settled yet change without an event of the record (an attestation, the chain's clock): read again. */
const ESCROW_REFRESH_MS = 10_000;

export interface RecordEscrows {
  /** Newest first, each condition as read now. */
  escrows: EscrowView[];
  /** How each ended, and the payouts kept for withdrawal, from the escrow's own events (by escrow id in decimal). */
  outcomes: Record<string, EscrowOutcome>;
}

/**
 * A record's escrows on chain `chainId`, each condition live, and their outcomes: the escrows' reads
 * (lib/reads/escrows.ts) and one eth_getLogs of the record's escrow events.
 */
export const escrowsQuery = (chainId: number, integraHash: Hex, fromBlock: bigint) =>
  queryOptions({
    queryKey: escrowsKey(chainId, integraHash),
    queryFn: async (): Promise<RecordEscrows> => {
      const client = freshHead(readClientOn(chainId));
      const escrowAddress = factsOn(chainId).address("IntegraEscrowV1");
      const [escrows, events, { escrowOutcomes }] = await Promise.all([
        readEscrowsOf(client, integraHash, fromBlock),
        import("@/lib/timeline/readTimeline").then(({ readTimeline }) =>
          readTimeline(client, { addresses: [escrowAddress], integraHash, fromBlock }, LOG_BLOCK_RANGE),
        ),
        import("@/lib/escrow/outcomes"),
      ]);
      return { escrows, outcomes: escrowOutcomes(events.entries) };
    },
    refetchInterval: (query) =>
      query.state.data?.escrows.some((e) => e.status === "open" || e.status === "funded" || e.status === "disputed")
        ? ESCROW_REFRESH_MS
        : false,
  });

/** An escrow's asset: its symbol and decimals (ether: ETH, 18), or the contract's refusal for an address that is no ERC-20. */
export const escrowAssetQuery = (chainId: number, address: Address | undefined) =>
  queryOptions({
    queryKey: ["escrowAsset", chainId, lower(address)] as const,
    queryFn: address ? () => readAsset(readClientOn(chainId), address) : skipToken,
    staleTime: Infinity,
    retry: 1,
  });

/** An escrow that waits on the connected wallet, and for what. */
export interface EscrowWaiting {
  escrow: EscrowView;
  waits: EscrowWait[];
}

/** Every account's "escrows waiting for me", on every chain. */
export const escrowsWaitingScope = ["escrowsWaiting"] as const;

/**
 * The escrows waiting on `account` (its deposit, its approval, its attestation), among the records it already reads:
 * those with tokens reserved for it or claimed by it, and those it owns. An attester who is no party nor owner of
 * the record is not found this way (the escrow does not index its attester).
 */
export const escrowsWaitingQuery = (chainId: number, account: Address | undefined) =>
  queryOptions({
    queryKey: [...escrowsWaitingScope, chainId, lower(account)] as const,
    queryFn: account
      ? async ({ client }): Promise<EscrowWaiting[]> => {
          const [reservations, owned, { escrowWaitsFor }] = await Promise.all([
            client.ensureQueryData(reservationsQuery(chainId, account)),
            client.ensureQueryData(myRecordsQuery(chainId, account)),
            import("@/lib/escrow/waiting"),
          ]);
          const { deployBlock } = factsOn(chainId);
          const records = new Map<string, { integraHash: Hex; fromBlock: bigint; tokens: { tokenId: bigint; claimed: boolean }[] }>();
          for (const { integraHash, record } of owned) {
            records.set(integraHash.toLowerCase(), { integraHash, fromBlock: record.registeredBlock, tokens: [] });
          }
          for (const r of reservations) {
            if (r.status !== "reserved" && r.status !== "claimed") continue;
            const key = r.integraHash.toLowerCase();
            const entry = records.get(key) ?? { integraHash: r.integraHash, fromBlock: deployBlock, tokens: [] };
            entry.tokens.push({ tokenId: r.tokenId, claimed: r.status === "claimed" });
            records.set(key, entry);
          }
          const perRecord = await Promise.all(
            [...records.values()].map(async ({ integraHash, fromBlock, tokens }) =>
              (await readEscrowsOf(freshHead(readClientOn(chainId)), integraHash, fromBlock)).map((escrow) => ({
                escrow,
                waits: escrowWaitsFor(escrow, account, tokens),
              })),
            ),
          );
          return perRecord.flat().filter((e) => e.waits.length > 0);
        }
      : skipToken,
  });
