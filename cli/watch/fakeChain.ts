// Test support for the watch's unit tests (not imported by the CLI): in-memory chains of TokenClaimed logs, watched
// through the SDK's real watchEvents (one chain) and watchChains (several), so the tests see the cursors the CLI saves.
import { type Hex, zeroAddress } from "viem";
import { type AnyWatchCursor, type MultiChainWatchCursor, type WatchItem, type WatchOptions, watchChains, watchEvents } from "@/lib/sdk";
import { type RpcLog, decodeEntry } from "@/lib/timeline/decodeEntry";
import { claimLog, fixtureIntegraHash } from "@/lib/timeline/claimLogFixture";
import type { HookEvent } from "./delivery";
import { hookEvent } from "./follow";

const fakeFilter = { addresses: [zeroAddress], integraHash: fixtureIntegraHash };

/** A chain at `head` holding `logs`, answering eth_blockNumber and eth_getLogs as a node would. */
export interface FakeChain {
  head: number;
  logs: RpcLog[];
  /** Its chain id (default 31337). */
  chainId?: number;
}

/** A node of `chain`; its first eth_blockNumber after `polls` of them stops `onePoll`'s watch. */
function nodeOf(chain: FakeChain, stop: AbortController, polls: number) {
  let asked = 0;
  return {
    chain: { id: chain.chainId ?? 31337 },
    getBlockNumber: async () => {
      if (++asked > polls) stop.abort();
      return BigInt(chain.head);
    },
    request: async ({ params }: { method: string; params: [{ fromBlock: Hex; toBlock: Hex }] }) =>
      chain.logs.filter(
        (l) => BigInt(l.blockNumber ?? 0) >= BigInt(params[0].fromBlock) && BigInt(l.blockNumber ?? 0) <= BigInt(params[0].toBlock),
      ),
  } as unknown as Parameters<typeof watchEvents>[0];
}

/**
 * The watch of `chain`, from `options` (a cursor or a first block), for one poll: it delivers what the chain holds
 * and ends when it would poll again, so a test's loop ends.
 */
export function watchFake(chain: FakeChain, options: WatchOptions): AsyncGenerator<WatchItem, void, undefined> {
  const onePoll = new AbortController();
  return watchEvents(nodeOf(chain, onePoll, 1), fakeFilter, { pollIntervalMs: 1, ...options, signal: onePoll.signal });
}

/**
 * The watch of several fake chains as one stream (each with its `chainId`), for one poll round: it delivers what they
 * hold and ends when the first would be polled again.
 */
export function watchFakeChains(
  chains: FakeChain[],
  options: WatchOptions,
): AsyncGenerator<WatchItem<MultiChainWatchCursor>, void, undefined> {
  const oneRound = new AbortController();
  return watchChains(
    chains.map((chain, i) => ({ client: nodeOf(chain, oneRound, i === 0 ? 1 : Infinity), filter: fakeFilter })),
    { pollIntervalMs: 1, ...options, signal: oneRound.signal },
  );
}

/** The claimed token of a hook's event: how the tests name events. */
export function tokenOf(event: HookEvent): string {
  return "tokenId" in event.entry.args ? `#${event.entry.args.tokenId}` : "?";
}

/** A hook event of the claim of `tokenId` on chain 31337, for tests of a single hook. */
export function claimEvent(tokenId: bigint): HookEvent {
  const log = claimLog(12, tokenId, { logIndex: Number(tokenId) });
  const entry = decodeEntry(log);
  if (!entry) throw new Error("the fake log does not decode");
  const cursor: AnyWatchCursor = { version: 1, chainId: 31337, target: "test", from: "1", block: "11", tail: [log] };
  return hookEvent({ type: "event", chainId: 31337, entry, cursor });
}
