import { BaseError, ContractFunctionRevertedError, type Hex, concat, recoverTypedDataAddress } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { eas, forwarder } from "@/lib/contracts";
import { escrow } from "@/lib/escrow/escrowContract";
import { describeError } from "@/lib/errors/describeError";
import { shortHex } from "@/lib/format/hex";
import {
  MAX_DEADLINE_AHEAD_SECONDS,
  MIN_SECONDS_LEFT,
  attestationStillValid,
  deadlineVerdict,
  inWords,
  nextBlockTime,
} from "./deadlineWindow";
import { type ForwardingContracts, forwardingContractsOf } from "./forwardingContracts";
import { type SignedForwardRequest, forwardRequestTypedData } from "./forwardRequest";
import { type EscrowPartyCall, type RelayableCall, relayableCall } from "./relayableCalls";
import { isRpcFailure } from "./rpcFailure";

/** The most gas a sponsored call may ask for: a claim needs about 150,000. */
export const MAX_FORWARDED_GAS = 1_000_000n;

export type CheckId = "call" | "value" | "gas" | "deadline" | "attestation" | "escrow" | "nonce" | "signature" | "wallet" | "simulation";

export interface RequestCheck {
  id: CheckId;
  ok: boolean;
  /** What was checked and what was found, in plain words. */
  text: string;
  /** The node could not answer (down, timed out, rate-limited): the check says nothing, and asking again may pass. */
  unanswered?: boolean;
}

export interface RequestCheckResult {
  ok: boolean;
  checks: RequestCheck[];
  call?: RelayableCall;
  /** The first check that failed: the reason to show when only one fits. */
  failure?: RequestCheck;
}

export interface CheckOptions {
  stopAtFirstFailure?: boolean;
  /** Another deployment's addresses (a test chain); by default, the deployment of the chain `client` reads. */
  contracts?: ForwardingContracts;
  /** The wall clock in ms (tests pass their own). */
  now?: () => number;
  /**
   * The request's place in a batch of its signer's requests (0 for the first, or for a request alone): its nonce is
   * the signer's current one plus this, as the requests before it in the batch use theirs first.
   */
  nonceOffset?: bigint;
}

/**
 * Every check a sponsor makes before paying for a signed request, in order, in words: it is one of the
 * sponsored party calls, carries no ether, asks for bounded gas, has between a minute and an hour left at the
 * next block (deadlineWindow.ts), claims with an attestation that outlives that minute, acts on an escrow that exists
 * and whose refund time is more than that minute away (escrowCheck), is not already used, is signed by its `from`,
 * comes from a wallet without code, and would succeed as the forwarder will make it. The relayer stops at the first
 * failure; the clerk's page shows them all. Reads the chain, sends nothing.
 */
export async function checkForwardRequest(
  client: ReadClient,
  request: SignedForwardRequest,
  options: CheckOptions = {},
): Promise<RequestCheckResult> {
  const contracts = options.contracts ?? forwardingContractsOf(client);
  const checks: RequestCheck[] = [];
  let call: RelayableCall | undefined;
  const add = (check: RequestCheck) => {
    checks.push(check);
    return !check.ok && options.stopAtFirstFailure === true;
  };
  const done = (): RequestCheckResult => {
    const failure = checks.find((c) => !c.ok);
    return { ok: failure === undefined, checks, call, failure };
  };

  const verdict = relayableCall(request.to, request.data, contracts);
  if (verdict.ok) call = verdict.call;
  if (add(verdict.ok ? { id: "call", ok: true, text: `${verdict.call.words}.` } : { id: "call", ok: false, text: verdict.reason }))
    return done();

  if (
    add(
      request.value === 0n
        ? { id: "value", ok: true, text: "Sends no ether." }
        : { id: "value", ok: false, text: "The request would send ether along; sponsored calls never do." },
    )
  )
    return done();

  const gasOk = request.gas > 0n && request.gas <= MAX_FORWARDED_GAS;
  if (
    add(
      gasOk
        ? { id: "gas", ok: true, text: `Asks for at most ${request.gas.toLocaleString("en-US")} gas.` }
        : {
            id: "gas",
            ok: false,
            text: `The request asks for ${request.gas.toLocaleString("en-US")} gas; a sponsored call may use at most ${MAX_FORWARDED_GAS.toLocaleString("en-US")}.`,
          },
    )
  )
    return done();

  const claimUid = call?.contract === "tokenizer" ? call.attestationUid : undefined;
  const escrowId = call?.contract === "escrow" ? call.escrowId : undefined;
  const [block, currentNonce, chainId, attestation, code, escrowState] = await Promise.all([
    client.getBlock({ blockTag: "latest" }),
    client.readContract({ abi: forwarder.abi, address: contracts.forwarder, functionName: "nonces", args: [request.from] }),
    client.chain?.id ?? client.getChainId(),
    claimUid === undefined
      ? undefined
      : client.readContract({ abi: eas.abi, address: contracts.eas, functionName: "getAttestation", args: [claimUid] }),
    signerCode(client, request.from),
    escrowId === undefined ? undefined : readEscrow(client, contracts, escrowId),
  ]);
  // Judged at the block the request would land in, not the latest one: on a chain idle for an hour, the latest
  // block's time is an hour behind the next one's.
  const blockTime = nextBlockTime(block.timestamp, (options.now ?? Date.now)());
  const window = deadlineVerdict(request.deadline, blockTime);
  if (
    add(
      window.ok
        ? { id: "deadline", ok: true, text: `Valid for ${inWords(window.secondsLeft)} more.` }
        : { id: "deadline", ok: false, text: deadlineRefusal(window.reason, window.secondsLeft) },
    )
  )
    return done();

  // A missing attestation (expiry 0) is the simulation's to report, with the tokenizer's own words.
  if (attestation !== undefined) {
    const expiry = attestation.expirationTime;
    if (
      add(
        attestationStillValid(expiry, blockTime)
          ? {
              id: "attestation",
              ok: true,
              text:
                expiry === 0n
                  ? "The attestation does not expire."
                  : `The attestation is valid for ${inWords(Number(expiry) - blockTime)} more.`,
            }
          : {
              id: "attestation",
              ok: false,
              text:
                Number(expiry) <= blockTime
                  ? `The attestation this claim uses expired ${inWords(blockTime - Number(expiry))} ago. Ask the record's owner or executor for a new one.`
                  : `The attestation this claim uses expires in ${inWords(Number(expiry) - blockTime)}, under the ${MIN_SECONDS_LEFT} seconds a claim needs to be mined. Ask the record's owner or executor for a new one.`,
            },
      )
    )
      return done();
  }

  if (call?.contract === "escrow" && add(escrowCheck(call.functionName, call.escrowId, escrowState ?? null, blockTime))) return done();

  const turn = currentNonce + (options.nonceOffset ?? 0n);
  const nonceCheck: RequestCheck =
    request.nonce === turn
      ? { id: "nonce", ok: true, text: "Not used yet." }
      : request.nonce < turn
        ? {
            id: "nonce",
            ok: false,
            text: "This signed request was already used (or replaced by a newer one): replaying it would do nothing.",
          }
        : { id: "nonce", ok: false, text: "This request is signed for a later turn of the party's requests; send the earlier ones first." };
  if (add(nonceCheck)) return done();

  const signer = await recoverTypedDataAddress({
    ...forwardRequestTypedData(request, chainId, contracts.forwarder),
    signature: request.signature,
  }).catch(() => undefined);
  const signed = signer?.toLowerCase() === request.from.toLowerCase();
  if (
    add(
      signed
        ? { id: "signature", ok: true, text: `Signed by ${shortHex(request.from)}.` }
        : {
            id: "signature",
            ok: false,
            text: `The signature is not ${shortHex(request.from)}'s: the request was changed after signing, or signed by another wallet.`,
          },
    )
  )
    return done();

  if (
    add(
      code === undefined
        ? { id: "wallet", ok: true, text: "Signed from a plain wallet (no code)." }
        : {
            id: "wallet",
            ok: false,
            text: `${shortHex(request.from)} has code (${code.startsWith(DELEGATION_PREFIX) ? "an EIP-7702 delegation" : "a contract"}): code can act differently on chain than in any check made beforehand, so nobody pays for its requests but the wallet itself. Pay the fee from that wallet.`,
          },
    )
  )
    return done();

  try {
    await client.call({ account: contracts.forwarder, to: request.to, data: concat([request.data, request.from]), gas: request.gas });
    add({ id: "simulation", ok: true, text: "Would succeed if submitted now." });
  } catch (error) {
    add(
      isRpcFailure(error)
        ? { id: "simulation", ok: false, unanswered: true, text: "The chain's node did not answer the simulation. Try again shortly." }
        : { id: "simulation", ok: false, text: `Would fail if submitted now: ${describeError(error).message}` },
    );
  }
  return done();
}

/** What the escrow check reads of an escrow: null for one that does not exist. */
type EscrowState = { refundAfter: number } | null;

/** An escrow's refund time; null when it does not exist (the contract reverts). A node's failure throws. */
async function readEscrow(client: ReadClient, contracts: ForwardingContracts, escrowId: bigint): Promise<EscrowState> {
  try {
    const found = await client.readContract({ abi: escrow.abi, address: contracts.escrow, functionName: "getEscrow", args: [escrowId] });
    return { refundAfter: found.refundAfter };
  } catch (error) {
    if (error instanceof BaseError && error.walk((e) => e instanceof ContractFunctionRevertedError)) return null;
    throw error;
  }
}

/**
 * A sponsored escrow call acts on an escrow that exists, at least MIN_SECONDS_LEFT before its refund time at the next
 * block. From the refund time on, an escrow can only be refunded: a deposit or a dispute would revert, an approval
 * would change nothing, and anyone's refund could land just ahead of any of them, the revert then at the sponsor's
 * cost. The rest (who holds which token, the escrow's status) is the simulation's to say, in the contract's words.
 */
export function escrowCheck(functionName: EscrowPartyCall, escrowId: bigint, state: EscrowState, blockTime: number): RequestCheck {
  if (!state) return { id: "escrow", ok: false, text: `Escrow #${escrowId} does not exist on this chain.` };
  const left = state.refundAfter - blockTime;
  if (left <= 0) {
    return {
      id: "escrow",
      ok: false,
      text: `Escrow #${escrowId} reached its refund time ${inWords(-left)} ago: it can no longer be funded, released or disputed, only refunded${functionName === "approveRelease" ? ", so an approval changes nothing" : ""}.`,
    };
  }
  if (left < MIN_SECONDS_LEFT) {
    return {
      id: "escrow",
      ok: false,
      text: `Escrow #${escrowId} reaches its refund time in ${inWords(left)}, too soon for this request to be mined safely before it (at least ${MIN_SECONDS_LEFT} seconds are needed).`,
    };
  }
  return { id: "escrow", ok: true, text: `Escrow #${escrowId} reaches its refund time in ${inWords(left)}.` };
}

/** How an EIP-7702 delegation designator starts (`0xef0100` + the delegate's address). */
const DELEGATION_PREFIX = "0xef0100";

/**
 * The code at `address`, or undefined for none. A wallet with code (a contract, or an EOA delegated with EIP-7702)
 * runs that code when a claim's token reaches it (onERC1155Received): code that reads tx.gasprice, the block or its
 * own storage can pass every simulation and then burn the whole gas limit on chain, at the sponsor's cost, again and
 * again (the revert leaves the request unused). Read with a plain request: the app's ReadClient has no getCode.
 */
export async function signerCode(client: Pick<ReadClient, "request">, address: Hex): Promise<Hex | undefined> {
  const code = await client.request({ method: "eth_getCode", params: [address, "latest"] });
  return code && code !== "0x" ? code : undefined;
}

function deadlineRefusal(reason: "expired" | "too-soon" | "too-far", secondsLeft: number): string {
  switch (reason) {
    case "expired":
      return `This signed request expired ${inWords(-secondsLeft)} ago. Ask the party to sign it again.`;
    case "too-soon":
      return `This signed request expires in ${inWords(secondsLeft)}, too soon to be mined safely (at least ${MIN_SECONDS_LEFT} seconds are needed). Ask the party to sign it again.`;
    case "too-far":
      return `This signed request stays valid for ${inWords(secondsLeft)}; a sponsor takes requests valid for at most ${inWords(MAX_DEADLINE_AHEAD_SECONDS)}, so a signature cannot be held and used much later. Ask the party to sign it again.`;
  }
}
