import type { Address, Hex, TransactionReceipt } from "viem";
import { sleep } from "@/lib/async/sleep";
import { type PendingClaim, readPendingClaims } from "@/lib/claims/pendingClaims";
import { describeClaimState } from "@/lib/claims/claimability";
import { chainIdOf } from "@/lib/deployment";
import { RelayRefusedError } from "@/lib/relay/relayClient";
import { accountSigner } from "@/lib/transactions/accountSigner";
import { minedReceipt } from "@/lib/transactions/minedReceipt";
import { relayBatch } from "@/lib/transactions/relayBatch";
import { relayerOn } from "@/lib/transactions/sendContractCall";
import type { ContractCall } from "@/lib/writes";
import type { IntegraSigner } from "./signer";
import { IntegraWriteError, callsOf, integraEventsOf, sendCall, sendGasless } from "./writes";

/** A token of the signer's, as claimAll reports it. */
export interface ClaimAllToken {
  integraHash: Hex;
  tokenId: bigint;
  role: string;
  processHash: Hex;
}

export interface ClaimAllResult {
  account: Address;
  /** Who paid: the relayer (in batches), the signer's own ether (one transaction per token), or nobody (nothing to claim). */
  paidBy: "relayer" | "wallet" | "nobody";
  /** Whether the relayer took the claims in batches (one transaction each) or one request per token (an older relayer). */
  batched: boolean;
  /** Every transaction sent, in order. */
  transactions: Hex[];
  claimed: (ClaimAllToken & { amount: bigint; transactionHash: Hex })[];
  /** Claimable when read, not claimed in the end: a claim that failed in its transaction, with why. */
  failed: (ClaimAllToken & { reason: string; transactionHash?: Hex })[];
  /** Reserved for the signer but not claimable now (no attestation yet, revoked, expired, ...), with why. */
  skipped: (ClaimAllToken & { reason: string })[];
}

export interface ClaimAllOptions {
  /** Only the tokens of this workflow (its processHash). */
  processHash?: Hex;
  /**
   * The app's origin whose relayer pays: the claims go to it as batches of the signer's signed requests (one
   * transaction per batch, as many claims as the relayer takes at once). When its relayer is off, a signer that
   * holds ether pays itself. Absent: the signer pays, one transaction per claim.
   */
  relayer?: string;
  /**
   * Wait as long as the relayer asks (its Retry-After, at most `maxWaitSeconds` each time) and try again, instead of
   * failing, when it refuses for now (a rate limit, a busy chain).
   */
  wait?: boolean;
  /** The longest single wait `wait` accepts (default 600 s): a refusal asking for more is thrown. */
  maxWaitSeconds?: number;
  /** Heard when a transaction is sent, with how many claims it carries. */
  onSent?: (hash: Hex, claims: number) => void;
  /** Heard before each wait, with the relayer's words. */
  onWait?: (seconds: number, reason: string) => void;
}

/**
 * Claims every token reserved for the signer that it can claim now (readPendingClaims: the same judgement as
 * `pending` and the app), optionally only one workflow's. Through a relayer, the claims go as few transactions as the
 * relayer allows: one forwarded batch (ERC2771Forwarder.executeBatch) per `maxBatch` claims, each request signed by
 * the signer, who needs no ether. Tokens that cannot be claimed are reported with the reason, not attempted.
 */
export async function claimAll(signer: IntegraSigner, options: ClaimAllOptions = {}): Promise<ClaimAllResult> {
  const account = signer.account.address;
  const pending = (await readPendingClaims(signer.client, account)).filter(
    (t) => t.status === "reserved" && (!options.processHash || t.processHash.toLowerCase() === options.processHash.toLowerCase()),
  );
  const claimable = pending.filter((t): t is PendingClaim & { state: { kind: "claimable"; uid: Hex } } => t.state.kind === "claimable");
  const result: ClaimAllResult = {
    account,
    paidBy: "nobody",
    batched: false,
    transactions: [],
    claimed: [],
    failed: [],
    skipped: pending.filter((t) => t.state.kind !== "claimable").map((t) => ({ ...tokenOf(t), reason: describeClaimState(t.state) })),
  };
  if (claimable.length === 0) return result;
  const calls = claimable.map((t) =>
    callsOf(signer).claimToken({
      integraHash: t.integraHash,
      tokenizer: t.tokenizer,
      tokenId: t.tokenId,
      uid: t.state.uid,
      processHash: t.processHash,
    }),
  );
  const relayer = options.relayer ? await relayerOn(options.relayer, chainIdOf(signer.client)) : undefined;
  if (options.relayer && relayer?.enabled) {
    result.paidBy = "relayer";
    result.batched = relayer.maxBatch !== undefined;
    for (const indexes of claimBatches(claimable, relayer.maxBatch ?? 1)) {
      const tokens = indexes.map((i) => claimable[i]);
      const chunk = indexes.map((i) => calls[i]);
      const receipt = await whenRelayerAllows(options, () =>
        result.batched
          ? sendBatch(signer, chunk, options)
          : sendGasless(signer, chunk[0], options.relayer ?? "", (hash) => options.onSent?.(hash, 1)),
      ).catch((error: unknown) => {
        throw partlyDone(error, result, claimable.length);
      });
      record(result, tokens, receipt);
    }
    return result;
  }
  if (relayer && !relayer.enabled && (await signer.client.getBalance({ address: account })) === 0n) {
    throw new IntegraWriteError(
      "No relayer",
      `The relayer at ${options.relayer} does not pay for claims (${relayer.reason}) and ${account} holds no ether. Nothing was sent.`,
      undefined,
      "NoRelayer",
    );
  }
  result.paidBy = "wallet";
  for (const [i, call] of calls.entries()) {
    try {
      record(result, [claimable[i]], await sendCall(signer, call, (hash) => options.onSent?.(hash, 1)));
    } catch (error) {
      // The contract refused this one (an attestation revoked meanwhile, ...): say so and go on with the others.
      if (!(error instanceof IntegraWriteError) || !error.errorName) throw error;
      result.failed.push({ ...tokenOf(claimable[i]), reason: error.message });
    }
  }
  return result;
}

/**
 * The batches `tokens` go in, as their indexes: at most `size` each, in order, and at most one token of a record per
 * batch. Each request's gas is estimated on the chain as it is when the batch is signed, and a claim's cost depends on
 * the record's other claims (the one that completes a record announces every claimed token): a second claim of the
 * same record goes in the next batch, estimated once the first is mined. Pure.
 */
export function claimBatches(tokens: readonly { integraHash: Hex }[], size: number): number[][] {
  const batches: number[][] = [];
  const left = tokens.map((_, i) => i);
  while (left.length > 0) {
    const records = new Set<string>();
    const batch: number[] = [];
    for (const i of [...left]) {
      const record = tokens[i].integraHash.toLowerCase();
      if (batch.length === size || records.has(record)) continue;
      records.add(record);
      batch.push(i);
      left.splice(left.indexOf(i), 1);
    }
    batches.push(batch);
  }
  return batches;
}

/** Sends one batch through the relayer and waits for it: the receipt, or an IntegraWriteError when it did not run. */
async function sendBatch(signer: IntegraSigner, calls: readonly ContractCall[], options: ClaimAllOptions): Promise<TransactionReceipt> {
  const outcome = await relayBatch(
    { client: signer.client, signer: accountSigner(signer.client, signer.account) },
    calls,
    options.relayer ?? "",
    {
      onSent: (sent) => options.onSent?.(sent.hash, calls.length),
    },
  );
  return minedReceipt(outcome);
}

/** Runs `send`; while the relayer refuses for now and `options.wait` allows, waits what it asks and runs it again. */
async function whenRelayerAllows<T>(options: ClaimAllOptions, send: () => Promise<T>): Promise<T> {
  const longest = options.maxWaitSeconds ?? 600;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      const wait = error instanceof RelayRefusedError ? error.retryAfter : undefined;
      if (!options.wait || wait === undefined || wait > longest) throw error;
      options.onWait?.(wait, (error as RelayRefusedError).message);
      await sleep(wait * 1000);
    }
  }
}

/**
 * A relayer's refusal after some batches went through: the same refusal (its check and Retry-After kept, so whether
 * to retry still shows), its words prefixed with what was claimed. Running claimAll again claims only the rest.
 */
function partlyDone(error: unknown, result: ClaimAllResult, total: number): unknown {
  if (!(error instanceof RelayRefusedError) || result.claimed.length === 0) return error;
  const done = `Claimed ${result.claimed.length} of ${total} tokens (in ${result.transactions.join(", ")}); the rest were not sent: `;
  return new RelayRefusedError(error.check, `${done}${error.message}`, error.retryAfter);
}

/** Which of `tokens` the receipt's TokenClaimed events show claimed; the others failed inside it. */
function record(result: ClaimAllResult, tokens: readonly PendingClaim[], receipt: TransactionReceipt): void {
  result.transactions.push(receipt.transactionHash);
  const claims = integraEventsOf(receipt).flatMap((e) => (e.eventName === "TokenClaimed" ? [e.args] : []));
  for (const token of tokens) {
    const claim = claims.find((c) => c.integraHash.toLowerCase() === token.integraHash.toLowerCase() && c.tokenId === token.tokenId);
    if (claim) result.claimed.push({ ...tokenOf(token), amount: claim.amount, transactionHash: receipt.transactionHash });
    else
      result.failed.push({
        ...tokenOf(token),
        transactionHash: receipt.transactionHash,
        reason: "Its claim failed inside the batch (the chain changed after it was checked): run integra pending to see why.",
      });
  }
}

function tokenOf(token: PendingClaim): ClaimAllToken {
  return { integraHash: token.integraHash, tokenId: token.tokenId, role: token.role, processHash: token.processHash };
}
