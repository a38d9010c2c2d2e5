// Test support for the watch's unit tests (not imported by the CLI): an in-memory chain of TokenClaimed logs, watched
// through the SDK's real watchEvents, so the tests see the cursors the CLI saves.
import { type Hex, encodeAbiParameters, encodeEventTopics, getAbiItem, keccak256, numberToHex, stringToHex, zeroAddress } from "viem";
import { type WatchItem, type WatchOptions, watchEvents } from "@/lib/sdk";
import { type RpcLog, decodeEntry } from "@/lib/timeline/decodeEntry";
import { integraTimelineEvents } from "@/lib/timeline/integraEvents";
import type { HookEvent } from "./delivery";
import { hookEvent } from "./follow";

const integraHash = keccak256(stringToHex("record"));
const processHash = keccak256(stringToHex("workflow"));
const tokenClaimed = getAbiItem({ abi: integraTimelineEvents, name: "TokenClaimed" });
export const fakeFilter = { addresses: [zeroAddress], integraHash };

/** The claim of token `tokenId`, at position `logIndex` of block `block`. */
export function claimLog(block: number, tokenId: bigint, logIndex = 0): RpcLog {
  return {
    address: zeroAddress,
    topics: encodeEventTopics({
      abi: [tokenClaimed],
      eventName: "TokenClaimed",
      args: { integraHash, processHash, claimant: zeroAddress },
    }) as Hex[],
    data: encodeAbiParameters(
      [{ type: "uint256" }, { type: "uint256" }, { type: "bytes32" }, { type: "uint256" }],
      [tokenId, 1n, keccak256(stringToHex(`uid${tokenId}`)), BigInt(block)],
    ),
    blockNumber: numberToHex(block),
    blockHash: keccak256(stringToHex(`block ${block}`)),
    transactionHash: keccak256(stringToHex(`tx${tokenId}`)),
    logIndex: numberToHex(logIndex),
  };
}

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
  const log = claimLog(12, tokenId, Number(tokenId));
  const entry = decodeEntry(log);
  if (!entry) throw new Error("the fake log does not decode");
  return hookEvent({ type: "event", entry, cursor: { version: 1, target: "test", from: "1", block: "11", tail: [log] } });
}
