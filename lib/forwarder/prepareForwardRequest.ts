import { type Address, type Chain, type Client, type Hex, type Transport, concat } from "viem";
import { estimateGas, getBlock, readContract } from "viem/actions";
import { integraForwarderV1Abi } from "@/lib/generated/integra";
import { completionHeadroom } from "./completionHeadroom";
import { nextBlockTime } from "./deadlineWindow";
import { forwardingContractsOf } from "./forwardingContracts";
import type { ForwardRequest } from "./forwardRequest";

/**
 * How long a signed request stays valid: long enough to send a link to the clerk, short enough to go stale, and
 * within the hour a sponsor accepts (deadlineWindow.ts).
 */
export const REQUEST_VALIDITY_SECONDS = 30 * 60;

/**
 * A forward request for `from` calling `to` with `data`: the forwarder's current nonce for `from` (plus
 * `nonceOffset`, the request's place in a batch of `from`'s requests), the gas the call needs (estimated as the
 * forwarder will make it, with `from` appended; a claim also carries the headroom of completing its record), and
 * a deadline in chain time. A call that would revert throws
 * here, with the contract's own error, before anyone signs anything.
 */
export async function prepareForwardRequest(
  client: Client<Transport, Chain | undefined>,
  call: { from: Address; to: Address; data: Hex; validitySeconds?: number; nonceOffset?: bigint },
  // Another deployment's forwarder (a bench chain); by default, the forwarder of the chain `client` reads.
  forwarderAddress: Address = forwardingContractsOf(client).forwarder,
): Promise<ForwardRequest> {
  const [nonce, estimated, block] = await Promise.all([
    readContract(client, { abi: integraForwarderV1Abi, address: forwarderAddress, functionName: "nonces", args: [call.from] }),
    estimateGas(client, { account: forwarderAddress, to: call.to, data: concat([call.data, call.from]) }),
    getBlock(client, { blockTag: "latest" }),
  ]);
  return {
    from: call.from,
    to: call.to,
    value: 0n,
    // The estimate includes the 21,000 a transaction pays up front, which an inner call does not: a margin already.
    gas: estimated + estimated / 5n + completionHeadroom(call.data),
    nonce: nonce + (call.nonceOffset ?? 0n),
    deadline: nextBlockTime(block.timestamp) + (call.validitySeconds ?? REQUEST_VALIDITY_SECONDS),
    data: call.data,
  };
}
