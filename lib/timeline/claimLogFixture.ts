// Test support (not imported by the app, the SDK or the CLI): TokenClaimed logs as a node returns them, for the unit
// tests of the watcher in lib/timeline and of the CLI's watch.
import { type Hex, encodeAbiParameters, encodeEventTopics, getAbiItem, keccak256, numberToHex, stringToHex, zeroAddress } from "viem";
import type { RpcLog } from "./decodeEntry";
import { integraTimelineEvents } from "./integraEvents";

/** The one record the fixture's logs belong to. */
export const fixtureIntegraHash = keccak256(stringToHex("record"));
const processHash = keccak256(stringToHex("workflow"));
const tokenClaimed = getAbiItem({ abi: integraTimelineEvents, name: "TokenClaimed" });

/**
 * The claim of token `tokenId` at position `logIndex` of block `block` of chain history `fork` (another fork: another
 * block hash for the same block number).
 */
export function claimLog(block: number, tokenId: bigint, { logIndex = 0, fork = "a" }: { logIndex?: number; fork?: string } = {}): RpcLog {
  return {
    address: zeroAddress,
    topics: encodeEventTopics({
      abi: [tokenClaimed],
      eventName: "TokenClaimed",
      args: { integraHash: fixtureIntegraHash, processHash, claimant: zeroAddress },
    }) as Hex[],
    data: encodeAbiParameters(
      [{ type: "uint256" }, { type: "uint256" }, { type: "bytes32" }, { type: "uint256" }],
      [tokenId, 1n, keccak256(stringToHex(`uid${tokenId}`)), BigInt(block)],
    ),
    blockNumber: numberToHex(block),
    blockHash: keccak256(stringToHex(`${fork}:${block}`)),
    transactionHash: keccak256(stringToHex(`tx${tokenId}`)),
    logIndex: numberToHex(logIndex),
  };
}
