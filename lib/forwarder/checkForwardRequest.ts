import { concat, recoverTypedDataAddress } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { forwarder } from "@/lib/contracts";
import { describeError } from "@/lib/errors/describeError";
import { shortHex } from "@/lib/format/hex";
import { type SignedForwardRequest, forwardRequestTypedData } from "./forwardRequest";
import { type RelayableCall, relayableCall } from "./relayableCalls";

/** The most gas a sponsored call may ask for: a claim needs about 150,000. */
export const MAX_FORWARDED_GAS = 1_000_000n;

export type CheckId = "call" | "value" | "gas" | "deadline" | "nonce" | "signature" | "simulation";

export interface RequestCheck {
  id: CheckId;
  ok: boolean;
  /** What was checked and what was found, in plain words. */
  text: string;
}

export interface RequestCheckResult {
  ok: boolean;
  checks: RequestCheck[];
  call?: RelayableCall;
  /** The first check that failed: the reason to show when only one fits. */
  failure?: RequestCheck;
}

/**
 * Every check a sponsor makes before paying for a signed request, in order, in words: it is one of the
 * sponsored party calls, carries no ether, asks for bounded gas, is not expired, is not already used, is
 * signed by its `from`, and would succeed as the forwarder will make it. The relayer stops at the first
 * failure; the clerk's page shows them all. Reads the chain, sends nothing.
 */
export async function checkForwardRequest(
  client: ReadClient,
  request: SignedForwardRequest,
  options: { stopAtFirstFailure?: boolean } = {},
): Promise<RequestCheckResult> {
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

  const verdict = relayableCall(request.to, request.data);
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

  const [block, currentNonce, chainId] = await Promise.all([
    client.getBlock({ blockTag: "latest" }),
    client.readContract({ ...forwarder, functionName: "nonces", args: [request.from] }),
    client.chain?.id ?? client.getChainId(),
  ]);
  const secondsLeft = request.deadline - Number(block.timestamp);
  if (
    add(
      secondsLeft > 0
        ? { id: "deadline", ok: true, text: `Valid for ${minutes(secondsLeft)} more.` }
        : { id: "deadline", ok: false, text: `This signed request expired ${minutes(-secondsLeft)} ago. Ask the party to sign it again.` },
    )
  )
    return done();

  const nonceCheck: RequestCheck =
    request.nonce === currentNonce
      ? { id: "nonce", ok: true, text: "Not used yet." }
      : request.nonce < currentNonce
        ? {
            id: "nonce",
            ok: false,
            text: "This signed request was already used (or replaced by a newer one): replaying it would do nothing.",
          }
        : { id: "nonce", ok: false, text: "This request is signed for a later turn of the party's requests; send the earlier ones first." };
  if (add(nonceCheck)) return done();

  const signer = await recoverTypedDataAddress({
    ...forwardRequestTypedData(request, chainId, forwarder.address),
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

  try {
    await client.call({ account: forwarder.address, to: request.to, data: concat([request.data, request.from]), gas: request.gas });
    add({ id: "simulation", ok: true, text: "Would succeed if submitted now." });
  } catch (error) {
    add({ id: "simulation", ok: false, text: `Would fail if submitted now: ${describeError(error).message}` });
  }
  return done();
}

function minutes(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  const m = Math.round(seconds / 60);
  return m < 90 ? `${m} minutes` : `${Math.round(m / 60)} hours`;
}
