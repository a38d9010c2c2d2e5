import type { ContractCall } from "@/lib/writes";
import { isUnreachable } from "@/lib/chain/unreachable";
import type { SignedForwardRequest } from "@/lib/forwarder/forwardRequest";
import { submitBatchToRelayer } from "@/lib/relay/relayClient";
import { type SendClient, type SendOutcome, type SendProgress, type Sent, expectChain } from "./sendContractCall";
import { signForwardRequest } from "./signForwardRequest";
import { waitForOutcome } from "./transactionOutcome";
import { IntegraWriteError } from "./writeError";
import type { WriteSigner } from "./writeSigner";

export interface BatchOptions {
  onProgress?: (progress: SendProgress) => void;
  /** Heard once the relayer has sent the batch's transaction, before it is mined. */
  onSent?: (sent: Sent) => void;
  pollMs?: number;
}

/**
 * Several sponsored calls of one signer on one chain (the chain `client` reads), relayed as one transaction by that
 * chain's relayer: each is prepared and signed as a forward request
 * with the nonce after the one before it (so a call that would revert is refused in the contract's words before
 * anything is signed), the relayer at `relayer` submits them with the forwarder's executeBatch, and the transaction
 * is followed until it is mined, dropped or replaced, as sendContractCall follows one. The relayer takes the batch
 * whole or refuses it whole (RelayRefusedError, thrown). A call that fails inside a mined batch does not revert it:
 * read what happened from the receipt's events.
 */
export async function relayBatch(
  deps: { client: SendClient; signer: WriteSigner },
  calls: readonly ContractCall[],
  relayer: string,
  options: BatchOptions = {},
): Promise<SendOutcome> {
  const { client, signer } = deps;
  const progress = options.onProgress ?? (() => undefined);
  const unsponsored = calls.find((call) => !call.sponsored);
  if (unsponsored || calls.length === 0) {
    throw new IntegraWriteError(
      "Not a sponsored batch",
      calls.length === 0 ? "There is nothing to send." : `A call to ${unsponsored?.to} is not one a relayer pays for. Nothing was sent.`,
      undefined,
      "NotSponsored",
    );
  }
  progress({ phase: "checking" });
  const [{ chainId }] = calls;
  for (const call of calls) await expectChain(client, call.chainId);
  const requests: SignedForwardRequest[] = [];
  // One after the other: each signature is the signer's to give, and a refusal stops before the next is asked.
  for (const [i, call] of calls.entries()) {
    requests.push(await signForwardRequest(client, signer, call, () => progress({ phase: "awaiting-signature" }), BigInt(i)));
  }
  progress({ phase: "relaying" });
  const { hash, sponsor } = await submitBatchToRelayer(relayer, requests, chainId);
  const sent: Sent = { hash, sponsor, paidBy: "relayer" };
  options.onSent?.(sent);
  const mining = (chainUnreachable: boolean) => progress({ phase: "mining", hash, sponsor, chainUnreachable });
  mining(false);
  const outcome = await waitForOutcome(client, hash, {
    pollMs: options.pollMs,
    onCheck: (check) => mining(check.kind === "unchecked" && isUnreachable(check.error)),
  });
  return { ...outcome, ...sent };
}
