// Test support for the watch's unit tests (not imported by the CLI): an in-memory chain of TokenClaimed logs, watched
// through the SDK's real watchEvents, so the tests see the cursors the CLI saves.
import { type Hex, zeroAddress } from "viem";
import { type WatchItem, type WatchOptions, watchEvents } from "@/lib/sdk";
import { type RpcLog, decodeEntry } from "@/lib/timeline/decodeEntry";
import { claimLog, fixtureIntegraHash } from "@/lib/timeline/claimLogFixture";
import type { HookEvent } from "./delivery";
import { hookEvent } from "./follow";

const fakeFilter = { addresses: [zeroAddress], integraHash: fixtureIntegraHash };

/** A chain at `head` holding `logs`, answering eth_blockNumber and eth_getLogs as a node would. */
export interface FakeChain {
  head: number;
  logs: RpcLog[];
}

/**
 * The watch of `chain`, from `options` (a cursor or a first block), for one poll: it delivers what the chain holds
 * and ends when it would poll again, so a test's loop ends.
 */
export function watchFake(chain: FakeChain, options: WatchOptions): AsyncGenerator<WatchItem, void, undefined> {
  const onePoll = new AbortController();
  let polls = 0;
  const client = {
    getBlockNumber: async () => {
      if (++polls > 1) onePoll.abort();
      return BigInt(chain.head);
    },
    request: async ({ params }: { method: string; params: [{ fromBlock: Hex; toBlock: Hex }] }) =>
      chain.logs.filter(
        (l) => BigInt(l.blockNumber ?? 0) >= BigInt(params[0].fromBlock) && BigInt(l.blockNumber ?? 0) <= BigInt(params[0].toBlock),
      ),
  };
  return watchEvents(client as unknown as Parameters<typeof watchEvents>[0], fakeFilter, {
    pollIntervalMs: 1,
    ...options,
    signal: onePoll.signal,
  });
}

/** The claimed token of a hook's event: how the tests name events. */
export function tokenOf(event: HookEvent): string {
  return "tokenId" in event.entry.args ? `#${event.entry.args.tokenId}` : "?";
}

/** A hook event of the claim of `tokenId`, for tests of a single hook. */
export function claimEvent(tokenId: bigint): HookEvent {
  const log = claimLog(12, tokenId, { logIndex: Number(tokenId) });
  const entry = decodeEntry(log);
  if (!entry) throw new Error("the fake log does not decode");
  return hookEvent({ type: "event", entry, cursor: { version: 1, target: "test", from: "1", block: "11", tail: [log] } });
}
