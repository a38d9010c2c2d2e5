import { type Address, type Hex, type TransactionReceipt, erc20Abi, isAddressEqual, parseAbi, parseEventLogs, zeroAddress } from "viem";
import { getEip712Domain } from "viem/actions";
import { chainIdOf, integraOf, tokenizerAbi } from "@/lib/contracts";
import { escrowOf } from "@/lib/escrow/escrowContract";
import { easAbi } from "@/lib/generated/integra";
import { signPermit } from "@/lib/escrow/permit";
import { type EscrowView, readEscrow } from "@/lib/reads/escrows";
import { readRecord } from "@/lib/reads/records";
import { accountSigner } from "@/lib/transactions/accountSigner";
import { type EscrowCalls, type EscrowTerms, escrowCallsOn } from "@/lib/writes/escrow";
import type { IntegraSigner } from "./signer";
import { IntegraWriteError, type OnSent, type PaymentOptions, integraEventsOf, sendCall, sendPaid } from "./writes";

/** How long a deposit's permit stays good: long enough for a relayer's queue, short enough not to linger. */
const PERMIT_SECONDS = 3_600n;

/** IArbitrator's fee for a new dispute (ERC-792). */
const arbitratorAbi = parseAbi(["function arbitrationCost(bytes extraData) view returns (uint256)"]);

/** The escrow's writes on the signer's chain: addressed to that chain's escrow, EAS and condition schema. */
function escrowCallsOf(signer: IntegraSigner): EscrowCalls {
  return escrowCallsOn(chainIdOf(signer.client));
}

/** The receipt's escrow event `eventName`, or an IntegraWriteError saying the transaction did not do what it was for. */
function expectEvent<
  N extends
    "EscrowOpened" | "EscrowFunded" | "ReleaseApproved" | "EscrowReleased" | "EscrowRefunded" | "EscrowDisputed" | "PayoutWithdrawn",
>(receipt: TransactionReceipt, eventName: N) {
  const found = integraEventsOf(receipt).find(
    (e): e is Extract<ReturnType<typeof integraEventsOf>[number], { eventName: N }> => e.eventName === eventName,
  );
  if (!found) {
    throw new IntegraWriteError(
      "Nothing happened",
      `Transaction ${receipt.transactionHash} emitted no ${eventName}.`,
      undefined,
      "UnexpectedReceipt",
    );
  }
  return found;
}

/**
 * Opens an escrow on a record, as its owner or accepted executor: the asset (an ERC-20, or the zero address for ether),
 * the amount (in the asset's smallest unit), the payer and payee tokens, the refund time, the conditions and an
 * optional arbitrator. Amounts are public on chain. An escrow without an arbitrator has no dispute path.
 */
export async function openEscrow(
  signer: IntegraSigner,
  terms: EscrowTerms,
  onSent?: OnSent,
): Promise<{ escrowId: bigint; transactionHash: Hex }> {
  const receipt = await sendCall(signer, escrowCallsOf(signer).openEscrow(terms), onSent);
  const opened = expectEvent(receipt, "EscrowOpened");
  return { escrowId: opened.args.escrowId, transactionHash: receipt.transactionHash };
}

/**
 * Whether an ERC-20 takes ERC-2612 permits that can be signed correctly: it says its EIP-712 domain (ERC-5267
 * `eip712Domain`) and counts permit nonces. A token that does not is approved with a transaction instead.
 */
export async function supportsPermit(client: IntegraSigner["client"], token: Address, owner: Address): Promise<boolean> {
  try {
    await Promise.all([
      getEip712Domain(client, { address: token }),
      client.readContract({
        address: token,
        abi: parseAbi(["function nonces(address) view returns (uint256)"]),
        functionName: "nonces",
        args: [owner],
      }),
    ]);
    return true;
  } catch {
    return false;
  }
}

/** How a deposit reached the escrow: ether with the call, one permit signature, or an approve transaction first. */
export type DepositMethod = "ether" | "permit" | "approve";

export interface Deposited {
  transactionHash: Hex;
  method: DepositMethod;
  /** The approve transaction, when the token takes no permit and the allowance was short. */
  approveTransactionHash?: Hex;
  amount: bigint;
}

/**
 * The payer (the holder of the payer token) deposits the escrow's amount. Ether goes with the call. An ERC-20 with
 * ERC-2612 permits is deposited with one signature (`depositWithPermit`), which a relayer may submit and pay for like
 * a party's claim (`options.relayer`); any other ERC-20 is approved first (a transaction, unless the allowance
 * suffices), then deposited, both paid by the signer. Refused before anything is signed when the escrow is not open,
 * the signer does not hold the payer token, or it holds too little of the asset.
 */
export async function deposit(signer: IntegraSigner, escrowId: bigint, options: PaymentOptions = {}): Promise<Deposited> {
  const { client, account } = signer;
  const escrow = escrowOf(client);
  const view = await readEscrow(client, escrowId);
  if (view.status !== "open") {
    throw new IntegraWriteError(
      "Not open",
      `Escrow #${escrowId} is ${view.status}: only an open escrow takes a deposit. Nothing was sent.`,
      undefined,
      "WrongStatus",
    );
  }
  if (!view.payer.holder || !isAddressEqual(view.payer.holder, account.address)) {
    throw new IntegraWriteError(
      "Not the payer",
      `${account.address} does not hold the payer token (#${view.payer.tokenId}) of escrow #${escrowId}${view.payer.holder ? `: ${view.payer.holder} does` : ""}. Nothing was sent.`,
      "NotPayer",
    );
  }
  const asset = view.asset.address;
  const held =
    asset === zeroAddress
      ? await client.getBalance({ address: account.address })
      : await client.readContract({ address: asset, abi: erc20Abi, functionName: "balanceOf", args: [account.address] });
  if (held < view.amount) {
    throw new IntegraWriteError(
      "Not enough to deposit",
      `${account.address} holds ${held} of the ${view.amount} (smallest units of ${view.asset.symbol}) escrow #${escrowId} takes. Nothing was sent.`,
      undefined,
      "InsufficientBalance",
    );
  }
  if (asset === zeroAddress) {
    const receipt = await sendCall(signer, escrowCallsOf(signer).deposit({ escrowId, etherValue: view.amount }), options.onSent);
    expectEvent(receipt, "EscrowFunded");
    return { transactionHash: receipt.transactionHash, method: "ether", amount: view.amount };
  }
  if (await supportsPermit(client, asset, account.address)) {
    const block = await client.getBlock({ blockTag: "latest" });
    const permit = await signPermit(client, accountSigner(client, account), {
      token: asset,
      spender: escrow.address,
      value: view.amount,
      deadline: block.timestamp + PERMIT_SECONDS,
    });
    const receipt = await sendPaid(signer, escrowCallsOf(signer).depositWithPermit({ escrowId, permit }), options);
    expectEvent(receipt, "EscrowFunded");
    return { transactionHash: receipt.transactionHash, method: "permit", amount: view.amount };
  }
  const allowance = await client.readContract({
    address: asset,
    abi: erc20Abi,
    functionName: "allowance",
    args: [account.address, escrow.address],
  });
  let approveTransactionHash: Hex | undefined;
  if (allowance < view.amount) {
    approveTransactionHash = (
      await sendCall(signer, escrowCallsOf(signer).approveAsset({ token: asset, amount: view.amount }), options.onSent)
    ).transactionHash;
  }
  const receipt = await sendCall(signer, escrowCallsOf(signer).deposit({ escrowId }), options.onSent);
  expectEvent(receipt, "EscrowFunded");
  return {
    transactionHash: receipt.transactionHash,
    method: "approve",
    amount: view.amount,
    ...(approveTransactionHash && { approveTransactionHash }),
  };
}

/**
 * A named approver approves the release, as the holder of `tokenId` (default: the first approver token the signer
 * holds that has not approved yet). Gasless through `options.relayer`, like a claim.
 */
export async function approveRelease(
  signer: IntegraSigner,
  input: { escrowId: bigint; tokenId?: bigint },
  options: PaymentOptions = {},
): Promise<{ transactionHash: Hex; tokenId: bigint; approvals: number; required: number }> {
  const { client, account } = signer;
  const view = await readEscrow(client, input.escrowId);
  const { approvers, required } = view.conditions.approvals;
  let tokenId = input.tokenId;
  if (tokenId === undefined) {
    const { tokenizer } = await readRecord(client, view.integraHash);
    const waiting = approvers.filter((a) => !a.approved);
    const holders = await Promise.all(
      waiting.map((a) =>
        client.readContract({ address: tokenizer, abi: tokenizerAbi, functionName: "holderOf", args: [view.integraHash, a.tokenId] }),
      ),
    );
    tokenId = waiting.find((_, i) => isAddressEqual(holders[i], account.address))?.tokenId;
    if (tokenId === undefined) {
      const named = approvers.length ? approvers.map((a) => `#${a.tokenId}`).join(", ") : "none";
      throw new IntegraWriteError(
        "Nothing to approve",
        `${account.address} holds no approver token of escrow #${input.escrowId} that has not approved yet (approvers: ${named}). Nothing was sent.`,
        undefined,
        "NotApprover",
      );
    }
  }
  const receipt = await sendPaid(signer, escrowCallsOf(signer).approveRelease({ escrowId: input.escrowId, tokenId }), options);
  const approved = expectEvent(receipt, "ReleaseApproved");
  return { transactionHash: receipt.transactionHash, tokenId, approvals: Number(approved.args.approvals), required };
}

/** Why an escrow cannot be released now, in a word and in words; or that it can. */
export type ReleaseReadiness =
  { ready: true } | { ready: false; reason: "settled" | "disputed" | "not-funded" | "refund-time" | "conditions"; words: string };

/**
 * Whether `release` would go through for the escrow as read: funded, before the refund time, every condition
 * holding (with the attestation found). Pure: what a keeper decides on before it sends anything.
 */
export function releaseReadiness(view: EscrowView): ReleaseReadiness {
  const id = `Escrow #${view.escrowId}`;
  switch (view.status) {
    case "released":
    case "refunded":
    case "ruled":
      return { ready: false, reason: "settled", words: `${id} is ${view.status} already: nothing to release.` };
    case "disputed":
      return { ready: false, reason: "disputed", words: `${id} is disputed: only its arbitrator's ruling moves it.` };
    case "open":
    case "none":
      return { ready: false, reason: "not-funded", words: `${id} is not funded yet: nothing is held.` };
    case "funded":
      if (view.now >= view.refundAfter) {
        return { ready: false, reason: "refund-time", words: `${id} reached its refund time: it can only be refunded to the payer.` };
      }
      if (!view.allHold) return { ready: false, reason: "conditions", words: `${id} waits on its conditions: ${missingWords(view)}.` };
      return { ready: true };
  }
}

/** The conditions that do not hold yet, in words. */
export function missingWords(view: EscrowView): string {
  const { agreementComplete, approvals, attestation, payment } = view.conditions;
  const missing: string[] = [];
  if (agreementComplete.required && !agreementComplete.holds) missing.push("the agreement is not complete");
  const given = approvals.approvers.filter((a) => a.approved).length;
  if (given < approvals.required) missing.push(`${given} of ${approvals.required} approvals`);
  if (attestation && attestation.uid === null) missing.push(`no valid attestation by ${attestation.attester} yet`);
  if (payment && !payment.paid) missing.push(`payment #${payment.paymentId} is not marked paid`);
  return missing.join("; ") || "none";
}

export interface Released {
  transactionHash: Hex;
  /** Who was paid: the holder of the payee token. */
  payee: Address;
  amount: bigint;
  /** The attestation that satisfied the attestation condition, if the escrow has one. */
  attestationUid?: Hex;
  /** The payee refused the transfer: the escrow keeps the amount for it to withdraw. */
  deferred: boolean;
}

/**
 * Releases the deposit to the holder of the payee token: anyone may, once every condition holds and before the refund
 * time. The attestation that satisfies an attestation condition is found here (the newest valid one by the named
 * attester). A refusal (not funded, a condition missing, the refund time reached) is thrown in the contract's words.
 */
export async function release(signer: IntegraSigner, escrowId: bigint, onSent?: OnSent): Promise<Released> {
  const view = await readEscrow(signer.client, escrowId);
  const attestationUid = view.conditions.attestation?.uid ?? undefined;
  const receipt = await sendCall(signer, escrowCallsOf(signer).release({ escrowId, attestationUid }), onSent);
  const released = expectEvent(receipt, "EscrowReleased");
  const deferred = integraEventsOf(receipt).some((e) => e.eventName === "PayoutDeferred");
  return {
    transactionHash: receipt.transactionHash,
    payee: released.args.payee,
    amount: released.args.amount,
    ...(attestationUid && { attestationUid }),
    deferred,
  };
}

/** Refunds the deposit to the holder of the payer token: anyone may, from the refund time on, unless released or disputed. */
export async function refund(
  signer: IntegraSigner,
  escrowId: bigint,
  onSent?: OnSent,
): Promise<{ transactionHash: Hex; payer: Address; amount: bigint; deferred: boolean }> {
  const receipt = await sendCall(signer, escrowCallsOf(signer).refund({ escrowId }), onSent);
  const refunded = expectEvent(receipt, "EscrowRefunded");
  const deferred = integraEventsOf(receipt).some((e) => e.eventName === "PayoutDeferred");
  return { transactionHash: receipt.transactionHash, payer: refunded.args.payer, amount: refunded.args.amount, deferred };
}

/**
 * The payer or the payee raises a dispute before the refund time: the deposit is frozen until the escrow's arbitrator
 * rules (release, refund, or split). The arbitrator's fee (`arbitrationCost`) is read and paid with the call; a free
 * arbitrator's dispute may go through `options.relayer`. An escrow without an arbitrator has no dispute path.
 */
export async function raiseDispute(
  signer: IntegraSigner,
  escrowId: bigint,
  options: PaymentOptions = {},
): Promise<{ transactionHash: Hex; arbitrator: Address; disputeId: bigint; fee: bigint }> {
  const view = await readEscrow(signer.client, escrowId);
  if (!view.arbitrator) {
    throw new IntegraWriteError(
      "No arbitrator",
      `Escrow #${escrowId} names no arbitrator: it has no dispute path. Nothing was sent.`,
      "NoArbitrator",
    );
  }
  const fee = await signer.client.readContract({
    address: view.arbitrator,
    abi: arbitratorAbi,
    functionName: "arbitrationCost",
    args: ["0x"],
  });
  const call = escrowCallsOf(signer).raiseDispute({ escrowId, fee });
  const receipt = fee > 0n ? await sendCall(signer, call, options.onSent) : await sendPaid(signer, call, options);
  const disputed = expectEvent(receipt, "EscrowDisputed");
  return { transactionHash: receipt.transactionHash, arbitrator: disputed.args.arbitrator, disputeId: disputed.args.disputeId, fee };
}

/** Withdraws a payout the escrow kept for the signer because a transfer to it failed. */
export async function withdraw(
  signer: IntegraSigner,
  escrowId: bigint,
  onSent?: OnSent,
): Promise<{ transactionHash: Hex; amount: bigint }> {
  const receipt = await sendCall(signer, escrowCallsOf(signer).withdrawPayout({ escrowId }), onSent);
  const withdrawn = expectEvent(receipt, "PayoutWithdrawn");
  return { transactionHash: receipt.transactionHash, amount: withdrawn.args.amount };
}

/**
 * Attests a fact an escrow may wait on (`condition` "inspection", `statement` "passed") on the project's condition
 * schema, as the signer: an escrow of the record that names the signer as its attester counts it from then on (until
 * revoked). Resolves with the attestation's UID.
 */
export async function attestCondition(
  signer: IntegraSigner,
  input: { integraHash: Hex; condition: string; statement: string },
  onSent?: OnSent,
): Promise<{ uid: Hex; transactionHash: Hex }> {
  const receipt = await sendCall(signer, escrowCallsOf(signer).attestCondition(input), onSent);
  const [attested] = parseEventLogs({ abi: easAbi, logs: receipt.logs, eventName: "Attested" });
  if (!attested || attested.args.schemaUID !== integraOf(signer.client).conditionSchemaUid) {
    throw new IntegraWriteError(
      "No attestation",
      `Transaction ${receipt.transactionHash} made no condition attestation.`,
      undefined,
      "UnexpectedReceipt",
    );
  }
  return { uid: attested.args.uid, transactionHash: receipt.transactionHash };
}

/** Revokes a condition attestation, as its attester: an escrow waiting on it no longer counts it. */
export async function revokeCondition(signer: IntegraSigner, uid: Hex, onSent?: OnSent): Promise<{ transactionHash: Hex }> {
  const receipt = await sendCall(signer, escrowCallsOf(signer).revokeCondition({ uid }), onSent);
  const [revoked] = parseEventLogs({ abi: easAbi, logs: receipt.logs, eventName: "Revoked" });
  if (!revoked) {
    throw new IntegraWriteError("Not revoked", `Transaction ${receipt.transactionHash} revoked nothing.`, undefined, "UnexpectedReceipt");
  }
  return { transactionHash: receipt.transactionHash };
}
