import { type Address, type Hex, type TransactionReceipt, isAddressEqual, parseEventLogs, zeroAddress } from "viem";
import { CAPABILITY } from "@/lib/capabilities";
import { type ContractCall, type IntegraCalls, integraCallsOn } from "@/lib/writes";
import { describeClaimState } from "@/lib/claims/claimability";
import { readPendingClaims } from "@/lib/claims/pendingClaims";
import { type TokenizerKind, chainIdOf, deploymentChainId, factsOn, integraOf } from "@/lib/contracts";
import { easAbi } from "@/lib/generated/integra";
import { encryptPaymentNote, type PaymentNote } from "@/lib/crypto/paymentNote";
import { encryptRecordDetails } from "@/lib/crypto/recordDetails";
import { readRecord } from "@/lib/reads/records";
import { integraTimelineEvents } from "@/lib/timeline/integraEvents";
import { accountSigner } from "@/lib/transactions/accountSigner";
import { minedReceipt } from "@/lib/transactions/minedReceipt";
import type { Payer } from "@/lib/transactions/payer";
import { sendContractCall } from "@/lib/transactions/sendContractCall";
import { IntegraWriteError } from "@/lib/transactions/writeError";
import type { IntegraSigner } from "./signer";
import { type WorkflowRef, workflowForRegistration } from "./workflowRef";

export { IntegraWriteError, type Payer };

export type { IntegraSigner } from "./signer";

/** Called with each transaction's hash as soon as it is sent, before it is mined. */
export type OnSent = (hash: Hex) => void;

/** How a write is paid for: by the signer's own ether, or by a relayer (the app's /api/relay at `relayer`). */
export interface PaymentOptions {
  /** The app's origin, e.g. https://app.example or http://localhost:3000: its relayer submits and pays. */
  relayer?: string;
  /**
   * "wallet": the signer pays; "relayer": the relayer at `relayer` does; "auto": the relayer when the signer holds
   * no ether and the relayer is enabled, else the signer. Default: "relayer" when `relayer` is given, else "wallet".
   */
  payer?: Payer;
  onSent?: OnSent;
}

/**
 * The writes on the signer's chain (its client's): every call addressed to that chain's deployment, so a program
 * writes on several chains with one signer per chain.
 */
export function callsOf(signer: IntegraSigner): IntegraCalls {
  return integraCallsOn(chainIdOf(signer.client));
}

/**
 * Sends `call` through the app's own send engine (lib/transactions/sendContractCall.ts) and waits for it: the
 * receipt, or an IntegraWriteError when it was refused, reverted, or dropped or replaced before it was mined.
 */
async function send(signer: IntegraSigner, call: ContractCall, payer: Payer, options: PaymentOptions = {}): Promise<TransactionReceipt> {
  const outcome = await sendContractCall({ client: signer.client, signer: accountSigner(signer.client, signer.account) }, call, {
    payer,
    relayer: options.relayer,
    onSent: (sent) => options.onSent?.(sent.hash),
  });
  return minedReceipt(outcome);
}

/**
 * Sends `call` from the signer, paying the fee itself: simulated first (a revert is thrown in the contract's own
 * words and nothing is sent), then signed, sent and awaited. An account without ether is told so before signing.
 */
export function sendCall(signer: IntegraSigner, call: ContractCall, onSent?: OnSent): Promise<TransactionReceipt> {
  return send(signer, call, "wallet", { onSent });
}

/**
 * Sends `call` gasless: the signer signs an ERC-2771 forward request (EIP-712, no ether needed) and the relayer
 * at `relayerUrl` submits it. A call that would revert is refused before anything is signed.
 */
export function sendGasless(signer: IntegraSigner, call: ContractCall, relayerUrl: string, onSent?: OnSent): Promise<TransactionReceipt> {
  return send(signer, call, "relayer", { relayer: relayerUrl, onSent });
}

/** Sends `call` paid as `options` says (the signer, or the relayer at `options.relayer`): the SDK's party writes. */
export function sendPaid(signer: IntegraSigner, call: ContractCall, options: PaymentOptions): Promise<TransactionReceipt> {
  return send(signer, call, options.payer ?? (options.relayer ? "relayer" : "wallet"), options);
}

/** The receipt's Integra events, decoded with the timeline's ABI (the same events every view reads). */
export function integraEventsOf(receipt: TransactionReceipt) {
  return parseEventLogs({ abi: integraTimelineEvents, logs: receipt.logs });
}

/** One party of a new record: who, and (optionally) the role they play and the token amount (default 1). */
export interface PartyInput {
  address: Address;
  role?: string;
  amount?: bigint;
}

export interface RegisterInput {
  /** The document's SHA-256 (see hashFile). */
  contentHash: Hex;
  /** "ownership" (one ERC-721 deed token), "multiParty" (one ERC-1155 role token per party), or a tokenizer's address. */
  tokenizer: TokenizerKind | Address;
  /** The parties, in token order: party i gets token i + 1. */
  parties: PartyInput[];
  /**
   * The workflow the record belongs to: `{ name }` (the signer's own workflow of that name, opened in the same
   * transaction if it is not open yet), `{ owner, name }` (another owner's workflow, which has admitted the signer),
   * or its processHash. Absent: no workflow. Only the workflow's owner and its members may register into it: anyone
   * else is refused before anything is signed, with the owner named.
   */
  workflow?: WorkflowRef;
  /**
   * Offered the executor role (it may reserve, cancel and attest for the owner once it accepts it: acceptExecutorRole).
   */
  executor?: Address;
  /** Private details (a title, where the document lives), encrypted together with `passphrase` before they go on chain. */
  details?: { title?: string; reference?: string; passphrase: string };
}

export interface Registered {
  integraHash: Hex;
  /** The record's workflow (zero: none). */
  processHash: Hex;
  /** Whether this transaction also opened the signer's workflow (its first record). */
  openedWorkflow: boolean;
  transactionHash: Hex;
  blockNumber: bigint;
  /** The reserved tokens, in order, with the role each party was given. */
  tokens: { tokenId: bigint; recipient: Address; role?: string }[];
}

/**
 * Registers a document and reserves, and seals, one token per party: one transaction. The signer's first record of
 * its own workflow also opens the workflow, in the same transaction (the registry's multicall).
 */
export async function register(signer: IntegraSigner, input: RegisterInput, onSent?: OnSent): Promise<Registered> {
  const { call, processHash } = await registerCall(signer, input);
  const receipt = await sendCall(signer, call, onSent);
  const events = integraEventsOf(receipt);
  const registered = events.find((e) => e.eventName === "RecordRegistered");
  if (!registered)
    throw new IntegraWriteError(
      "No record",
      `Transaction ${receipt.transactionHash} registered no record.`,
      undefined,
      "UnexpectedReceipt",
    );
  const tokens = events.flatMap((e) =>
    e.eventName === "TokenReserved"
      ? [{ tokenId: e.args.tokenId, recipient: e.args.recipient, role: input.parties[Number(e.args.tokenId) - 1]?.role }]
      : [],
  );
  return {
    integraHash: registered.args.integraHash,
    processHash,
    openedWorkflow: events.some((e) => e.eventName === "WorkflowOpened"),
    transactionHash: receipt.transactionHash,
    blockNumber: receipt.blockNumber,
    tokens,
  };
}

/** A tokenizer named by kind (on chain `chainId`: the default chain's unless named), or by its address. */
export function tokenizerAddress(tokenizer: TokenizerKind | Address, chainId: number = deploymentChainId): Address {
  return tokenizer === "ownership" || tokenizer === "multiParty" ? factsOn(chainId).tokenizers[tokenizer].address : tokenizer;
}

/**
 * The one call `register` sends for `input` (registerWithParties, in a multicall that first opens the signer's own
 * workflow when it is not open yet), and the record's workflow: what a dry run shows. Refused like `register` when
 * the signer may not register into the workflow. The details are encrypted here (a fresh salt each time).
 * `workflow`: the workflow as already checked (workflowForRegistration), e.g. by a dry run of several files, where
 * only the first opens it.
 */
export async function registerCall(
  signer: IntegraSigner,
  input: RegisterInput,
  workflow?: { processHash: Hex; openWorkflowId?: Hex },
): Promise<{ call: ContractCall; processHash: Hex }> {
  const { processHash, openWorkflowId } = workflow ?? (await workflowForRegistration(signer, input.workflow));
  const { details } = input;
  const encryptedRef: Hex = details
    ? await encryptRecordDetails({ title: details.title ?? "", reference: details.reference ?? "" }, details.passphrase)
    : "0x";
  const call = callsOf(signer).registerWithParties({
    contentHash: input.contentHash,
    encryptedRef,
    tokenizer: tokenizerAddress(input.tokenizer, chainIdOf(signer.client)),
    executor: input.executor ?? zeroAddress,
    processHash,
    parties: input.parties.map((p) => ({ recipient: p.address, amount: p.amount ?? 1n, role: p.role ?? "" })),
    openWorkflowId,
  });
  return { call, processHash };
}

export interface IssueCapabilityInput {
  integraHash: Hex;
  /** The token the capability is for; 0 for any token of the record. */
  tokenId: bigint;
  recipient: Address;
  /** Capability bits (default CLAIM, the one the tokenizers check). */
  capabilities?: bigint;
  /** Unix seconds; 0 or absent for none. */
  expirationTime?: bigint;
}

/** Attests a capability with EAS, as the record's owner or executor; resolves with the attestation's UID. */
export async function issueCapability(
  signer: IntegraSigner,
  input: IssueCapabilityInput,
  onSent?: OnSent,
): Promise<{ uid: Hex; transactionHash: Hex }> {
  const { processHash } = await readRecord(signer.client, input.integraHash);
  const call = callsOf(signer).issueCapability({ ...input, capabilities: input.capabilities ?? CAPABILITY.CLAIM, processHash });
  const receipt = await sendCall(signer, call, onSent);
  const [attested] = parseEventLogs({ abi: easAbi, logs: receipt.logs, eventName: "Attested" });
  if (!attested)
    throw new IntegraWriteError(
      "No attestation",
      `Transaction ${receipt.transactionHash} made no attestation.`,
      undefined,
      "UnexpectedReceipt",
    );
  return { uid: attested.args.uid, transactionHash: receipt.transactionHash };
}

export interface ClaimInput {
  integraHash: Hex;
  tokenId: bigint;
  /** The CLAIM attestation to use; found among the signer's attestations when absent. */
  attestationUid?: Hex;
}

/**
 * Claims a token reserved for the signer, directly or gasless (`options.relayer`). Without an attestation UID,
 * the signer's usable CLAIM attestation is found, and when there is none the reason is thrown in words.
 */
export async function claim(
  signer: IntegraSigner,
  input: ClaimInput,
  options: PaymentOptions = {},
): Promise<{ transactionHash: Hex; amount: bigint }> {
  const { client, account } = signer;
  const { tokenizer, processHash } = await readRecord(client, input.integraHash);
  let uid = input.attestationUid;
  if (!uid) {
    const token = (await readPendingClaims(client, account.address)).find(
      (r) => r.integraHash.toLowerCase() === input.integraHash.toLowerCase() && r.tokenId === input.tokenId,
    );
    const state = token?.state ?? ({ kind: "other-wallet-or-none" } as const);
    if (state.kind !== "claimable") {
      throw new IntegraWriteError(
        "Cannot claim",
        state.kind === "other-wallet-or-none"
          ? `Token #${input.tokenId} of this record is not reserved for ${account.address}.`
          : describeClaimState(state),
        undefined,
        "CannotClaim",
      );
    }
    uid = state.uid;
  }
  const call = callsOf(signer).claimToken({ integraHash: input.integraHash, tokenizer, tokenId: input.tokenId, uid, processHash });
  const receipt = await sendPaid(signer, call, options);
  const claimed = integraEventsOf(receipt).find((e) => e.eventName === "TokenClaimed");
  if (!claimed)
    throw new IntegraWriteError("Not claimed", `Transaction ${receipt.transactionHash} claimed no token.`, undefined, "UnexpectedReceipt");
  return { transactionHash: receipt.transactionHash, amount: claimed.args.amount };
}

export interface RequestPaymentInput {
  integraHash: Hex;
  /** The token the requestor (the signer) holds on this record. */
  myToken: bigint;
  payer: Address;
  payerToken: bigint;
  /** Unix seconds. */
  deadline: bigint;
  /** The amount and memo, encrypted with `passphrase` (shared with the payer only); absent: no note. */
  note?: PaymentNote & { passphrase: string };
}

/** Asks the holder of `payerToken` to pay the signer; directly or gasless. Resolves with the payment's id. */
export async function requestPayment(
  signer: IntegraSigner,
  input: RequestPaymentInput,
  options: PaymentOptions = {},
): Promise<{ paymentId: bigint; transactionHash: Hex }> {
  const encryptedAmount: Hex = input.note
    ? await encryptPaymentNote({ amount: input.note.amount, memo: input.note.memo }, input.note.passphrase)
    : "0x";
  const call = callsOf(signer).requestPayment({ ...input, encryptedAmount });
  const receipt = await sendPaid(signer, call, options);
  const requested = integraEventsOf(receipt).find((e) => e.eventName === "PaymentRequested");
  if (!requested)
    throw new IntegraWriteError(
      "No payment request",
      `Transaction ${receipt.transactionHash} requested no payment.`,
      undefined,
      "UnexpectedReceipt",
    );
  return { paymentId: requested.args.paymentId, transactionHash: receipt.transactionHash };
}

export interface AcceptRecordInput {
  integraHash: Hex;
  /**
   * The record's version (recordVersionOf) as the signer was shown it: the accept lands only if nothing about the
   * record changed since (reverts RecordChangedSinceOffer otherwise). Absent: the version read now.
   */
  version?: bigint;
}

/**
 * Accepts a record offered to the signer (two-step transfer): from then on the signer owns it, and every earlier
 * owner's and executor's power over it is gone. The accept names the record's version, so a record changed after
 * the signer looked at it (a resolver added, the executor changed, ...) is refused instead of accepted.
 */
export async function acceptRecord(
  signer: IntegraSigner,
  input: AcceptRecordInput,
  onSent?: OnSent,
): Promise<{ transactionHash: Hex; version: bigint }> {
  const version =
    input.version ??
    (await signer.client.readContract({
      ...integraOf(signer.client).registry,
      functionName: "recordVersionOf",
      args: [input.integraHash],
    }));
  const receipt = await sendCall(signer, callsOf(signer).acceptOwnership({ integraHash: input.integraHash, version }), onSent);
  return { transactionHash: receipt.transactionHash, version };
}

/**
 * The record's owner offers the executor role to `candidate` (zero: withdraws the offer). The candidate has no
 * authority until it accepts (acceptExecutorRole); the current executor, if any, keeps its role until then.
 */
export async function offerExecutor(
  signer: IntegraSigner,
  input: { integraHash: Hex; candidate: Address },
  onSent?: OnSent,
): Promise<{ transactionHash: Hex }> {
  const receipt = await sendCall(signer, callsOf(signer).offerExecutor(input), onSent);
  return { transactionHash: receipt.transactionHash };
}

/** The signer, offered the executor role on a record, takes it: it may now reserve, cancel and attest for the owner. */
export async function acceptExecutorRole(signer: IntegraSigner, integraHash: Hex, onSent?: OnSent): Promise<{ transactionHash: Hex }> {
  const pending = await signer.client.readContract({
    ...integraOf(signer.client).registry,
    functionName: "pendingExecutorOf",
    args: [integraHash],
  });
  if (pending !== zeroAddress && !isAddressEqual(pending, signer.account.address)) {
    throw new IntegraWriteError(
      "Offered to someone else",
      `The executor role of ${integraHash} is offered to ${pending}, not to ${signer.account.address}. Nothing was sent.`,
      "NotPendingExecutor",
    );
  }
  const receipt = await sendCall(signer, callsOf(signer).acceptExecutorRole({ integraHash }), onSent);
  return { transactionHash: receipt.transactionHash };
}

/** The record's owner removes its executor: the executor's attestations stop authorizing anything. */
export async function removeExecutor(signer: IntegraSigner, integraHash: Hex, onSent?: OnSent): Promise<{ transactionHash: Hex }> {
  const receipt = await sendCall(signer, callsOf(signer).removeExecutor({ integraHash }), onSent);
  return { transactionHash: receipt.transactionHash };
}
