import type { ExtractAbiErrorNames } from "abitype";
import type { integraAbis } from "@/lib/contracts";
import type { easAbi } from "@/lib/generated/integra";

/**
 * Plain words for every custom error of the Integra contracts (and the EAS errors a user can hit), keyed by the
 * ABI's own error names: a new or renamed custom error fails `tsc` here until it has words. The token standards'
 * own errors (ERC-721/1155 transfers, signature recovery) are reached only outside the app's flows.
 */
type Describe = (args: readonly unknown[]) => string;

type StandardError =
  | `ERC721${string}`
  | `ERC1155${string}`
  | `ECDSA${string}`
  | `SafeCast${string}`
  | `Strings${string}`
  | "InvalidAccountNonce"
  | "InvalidShortString"
  | "StringTooLong";
export type IntegraErrorName = Exclude<ExtractAbiErrorNames<(typeof integraAbis)[number]>, StandardError>;
type RevertMessages = { [name in IntegraErrorName]: Describe } & { [name in ExtractAbiErrorNames<typeof easAbi>]?: Describe };

const short = (value: unknown): string => {
  const text = String(value);
  return text.startsWith("0x") && text.length > 14 ? `${text.slice(0, 8)}…${text.slice(-4)}` : text;
};

const ESCROW_STATUS_WORDS = [
  "unknown",
  "waiting for its deposit",
  "funded",
  "disputed",
  "released",
  "refunded",
  "settled by its arbitrator",
];
const ATTESTATION_FAULT_WORDS = [
  "",
  "there is no such attestation",
  "it is on another schema than the escrow names",
  "another attester signed it",
  "it was revoked",
  "it has expired",
  "it is about another record",
];

export const revertMessages: RevertMessages = {
  RecordNotFound: () => "No record with this integraHash is registered on this chain.",
  NotRecordOwner: () => "Only the record's owner can do this.",
  ZeroContentHash: () => "The content hash is empty: hash a file first.",
  ZeroAddress: () => "An address is missing (the zero address is not allowed here).",
  SameOwner: () => "That address already owns the record.",
  TooManyResolvers: ([max]) => `A record can have at most ${max} resolvers.`,
  ResolverAlreadyAdded: () => "That resolver is already attached to the record.",
  ResolverNotFound: () => "That resolver is not attached to the record.",
  InvalidResolver: ([resolver]) => `${short(resolver)} is not a resolver contract.`,
  NewOwnerNotAllowed: ([, owner]) => `The record's allowlist resolver does not allow ${short(owner)} as a new owner.`,
  NotRegistry: () => "Only the registry may call this.",
  WrongTokenizer: () => "This record is bound to another tokenizer.",
  NotOwnerOrExecutor: () => "Only the record's owner or its executor can do this.",
  InvalidTokenId: ([id]) => `Token id ${id} is not valid here (ownership records use token 1; role tokens start at 1).`,
  InvalidAmount: ([amount]) => `Amount ${amount} is not valid here (ownership tokens have amount 1).`,
  AlreadyReserved: ([, id]) => `Token ${id} is already reserved. Cancel that reservation first.`,
  DocumentAlreadyComplete: () => "Every token of this record is already claimed: the document is complete.",
  NotReserved: ([, id]) => `Token ${id} is not reserved (never reserved, or the reservation was cancelled).`,
  NotReservedForCaller: ([reservedFor]) =>
    `This token is reserved for another wallet (${short(reservedFor)}). Connect that wallet to claim it.`,
  AlreadyClaimed: ([, id]) => `Token ${id} has already been claimed.`,
  UnknownErc1155Id: () => "No token of this id was ever claimed on this tokenizer, so it has no record and no metadata.",
  ProcessHashMismatch: () =>
    "This names a different workflow than the record's own: every step of a record stays in the workflow it was registered in.",
  PartiesAlreadySealed: () => "The party set of this record is fixed: no new token can be added (a cancelled one can be reserved again).",
  PartiesNotSealed: () => "The clerk has not fixed this agreement's party set yet; tokens can be claimed once every party is named.",
  VacantPartyPlace: () =>
    "A party's reservation was cancelled and not yet replaced: claims wait until the clerk reserves that place again.",
  PartySetLocked: () => "A party has already claimed: the party set is locked, and no reservation can be cancelled or replaced.",
  NoParties: () => "Reserve at least one token before fixing the party set.",
  RoleNotPrintable: (args) => `A role is plain text: character ${Number(args[0]) + 1} is a control character. Remove it.`,
  TooManyTokenIds: ([, max]) =>
    `A record can have at most ${String(max)} parties (token ids, cancelled ones included). Split the agreement, or reserve a cancelled token again.`,
  RoleTooLong: (args) => `A role may be at most ${String(args[1])} bytes long; this one is ${String(args[0])}. Shorten it.`,
  NoTokenizer: () => "Choose a tokenizer to reserve parties' tokens.",
  NoPendingOffer: () => "There is no pending ownership offer for this record.",
  NotPendingOwner: () => "This record is offered to another address; only they can accept it.",
  AttestationFromEarlierAuthority: () =>
    "This attestation was issued before the record changed hands or executors; it no longer authorizes anything. Ask the current owner or executor for a new one.",
  RecordChangedSinceOffer: ([, expected, current]) =>
    `The record changed after you looked at it (version ${String(expected)}, now ${String(current)}): its tokens, executor or resolvers moved. Look at it again, then accept what it is now.`,
  NoPendingExecutor: () => "Nobody is offered the executor role of this record: the owner offers it first.",
  NotPendingExecutor: ([, caller]) => `The executor role of this record is offered to another address, not to ${short(caller)}.`,
  NoExecutor: () => "This record has no executor to remove.",
  WorkflowAlreadyOpen: () => "You have already opened a workflow of this name: register into it.",
  UnknownWorkflow: ([processHash]) =>
    `No workflow ${short(processHash)} is open on this chain: its owner opens it (with its first record), or check the workflow's name and owner.`,
  NotWorkflowOwner: ([, caller]) => `Only the workflow's owner can admit or remove its members; ${short(caller)} is not its owner.`,
  NotWorkflowMember: ([, caller]) =>
    `${short(caller)} is not a member of this workflow: only its owner and the members it admitted register records into it. Ask the owner to admit you.`,
  AlreadyMember: ([, member]) => `${short(member)} is already a member (or the owner) of this workflow.`,
  NotMember: ([, member]) => `${short(member)} is not a member of this workflow.`,
  TooManyMembers: ([max]) => `A workflow can have at most ${String(max)} members: remove one first.`,
  ReasonTooLong: ([length, max]) =>
    `The reason is ${String(length)} bytes long; an offer takes at most ${String(max)}: say it in a sentence.`,
  TooManyPendingRequests: ([, , , max]) =>
    `You already have ${String(max)} payment requests pending with this payer on this record: wait until one is paid or cancel one.`,
  CiphertextTooLong: ([length, max]) =>
    `The encrypted note is ${String(length)} bytes; at most ${String(max)} are allowed. Shorten the memo.`,
  UnofficialTokenizer: () => "Payment requests are only for records of this system's own tokenizers.",
  NotAMultiPartyRecord: () =>
    "Escrows are for multi-party records of this system: an ownership record has one token, so no payer and payee.",
  PermitNeedsAToken: () => "This escrow holds ether: deposit the amount as the transaction's value, not with a permit.",
  ZeroRecipient: () => "Name the address to withdraw to.",
  PaymentNotLive: ([id]) => `Payment request #${id} was cancelled or has expired: it can never be marked paid.`,
  DisputeIdTaken: () => "The arbitrator gave this dispute an id it already used for another escrow: refused.",
  NotParty: ([account, id]) => `${short(account)} is not a party of token ${id}: a party claimed the token itself and still holds it.`,
  UnknownAttestation: () => "No attestation with this UID exists on this chain.",
  WrongSchema: () => "This attestation is not an Integra capability attestation.",
  AttestationRevoked: () => "This attestation was revoked by its issuer. Ask the clerk for a new one.",
  AttestationExpired: ([, expiry]) =>
    `This attestation expired on ${new Date(Number(expiry) * 1000).toLocaleString()}. Ask the clerk for a new one.`,
  NotAttestationRecipient: ([recipient]) => `This attestation was issued to another wallet (${short(recipient)}).`,
  AttesterNotOwnerOrExecutor: () => "Only the record's owner or executor can issue capabilities for it.",
  AttestationForOtherRecord: () => "This attestation is for another record.",
  AttestationForOtherToken: ([attested]) => `This attestation is for token ${attested}, not this one.`,
  MissingClaimCapability: () => "This attestation does not grant the CLAIM capability.",
  NoCapabilities: () => "Choose at least one capability to grant.",
  SchemaNotResolvedBy: () => "This tokenizer was deployed against a capability schema its resolver does not serve.",
  NotCapabilitySchema: () =>
    "This attestation is not of the Integra capability schema: the capability resolver serves that one schema only.",
  InvalidCapabilityData: ([length]) =>
    `The attestation's data is ${String(length)} bytes; the capability schema takes exactly 128 (record, token, capabilities, workflow).`,
  InvalidPayer: () => "Choose another token holder as the payer (not yourself, not empty).",
  DeadlineInPast: () => "The deadline must be in the future.",
  EmptyAmount: () => "Enter an amount.",
  PaymentNotFound: ([id]) => `Payment request #${id} does not exist.`,
  NotPayer: () =>
    "Only the payer can do this: for a payment request, the wallet asked to pay; for an escrow, the holder of the payer's token.",
  NotRequestor: () => "Only the requestor can cancel this request.",
  PaymentNotPending: ([id]) => `Payment request #${id} is no longer pending.`,
  ZeroAmount: () => "Enter an amount above zero.",
  ReentrancyGuardReentrantCall: () => "A contract called back into the escrow in the middle of a payment: refused.",
  SafeERC20FailedOperation: ([token]) => `The token ${short(token)} refused the transfer (not enough balance or allowance?).`,
  NotAContract: ([account]) => `${short(account)} is not a contract: give a token's or an arbitrator's contract address.`,
  RefundTimeInPast: () => "The refund time must be in the future.",
  RefundTimeTooFar: ([, latest]) =>
    `The refund time is too far ahead: at most five years, until ${new Date(Number(latest) * 1000).toLocaleDateString()}.`,
  SamePayerAndPayee: ([id]) => `Token ${id} cannot be both the payer and the payee: choose two parties.`,
  UnknownPartyToken: ([, id]) => `Token ${id} is not a party of this record (never reserved, or its reservation was cancelled).`,
  TooManyApprovers: ([count, max]) => `${count} approvers named; an escrow takes at most ${max}.`,
  DuplicateApprover: ([id]) => `Token ${id} is named twice as an approver.`,
  BadApprovalThreshold: ([required, approvers]) =>
    `${required} of ${approvers} approvals cannot be required: choose between 1 and the number of approvers.`,
  IncompleteAttestationCondition: () => "An attestation condition needs both an attester and a schema.",
  PaymentOfOtherRecord: ([id]) => `Payment request #${id} belongs to another record.`,
  NoConditions: () => "Choose at least one condition of release: otherwise anyone could release the deposit at once.",
  SplitTooLarge: () => "The payee's share of a split is at most 100% (10,000 basis points).",
  EscrowNotFound: ([id]) => `Escrow #${id} does not exist on this chain.`,
  WrongStatus: ([id, status]) => `Escrow #${id} is ${ESCROW_STATUS_WORDS[Number(status)] ?? "in another state"}: that is not possible now.`,
  RefundTimeReached: ([id]) =>
    `Escrow #${id} has reached its refund time: it can no longer be funded, released or disputed, only refunded.`,
  TooEarlyToRefund: ([id, after]) =>
    `Escrow #${id} can be refunded from ${new Date(Number(after) * 1000).toLocaleString()} on, if it is not released by then.`,
  NotPayerOrPayee: () => "Only the payer or the payee (the holders of their tokens) can raise a dispute.",
  NotApprover: ([id, tokenId]) => `Token ${tokenId} is not one of escrow #${id}'s approvers.`,
  NotHolder: ([caller, id]) => `${short(caller)} does not hold token ${id}: only its holder approves.`,
  AlreadyApproved: ([, id]) => `Token ${id} has already approved this release.`,
  WrongValue: ([sent, expected]) => `${sent} wei was sent; this deposit takes exactly ${expected}.`,
  ShortDeposit: ([received, expected]) =>
    `The token delivered ${received} of ${expected}: it keeps a fee or changes balances, and an escrow holds only tokens that deliver what is sent.`,
  AgreementNotComplete: () => "The agreement is not complete: every party has to claim its token first.",
  NotEnoughApprovals: ([approvals, required]) => `${approvals} of the ${required} approvals needed so far.`,
  AttestationNotAccepted: ([uid, fault]) =>
    `Attestation ${short(uid)} does not satisfy the escrow's condition: ${ATTESTATION_FAULT_WORDS[Number(fault)] ?? "it does not match"}.`,
  PaymentNotPaid: ([id]) => `Payment request #${id} is not marked paid yet.`,
  NoHolder: ([, id]) => `Nobody holds the whole of token ${id} now (unclaimed, or split between holders), so it cannot be paid.`,
  NoArbitrator: ([id]) => `Escrow #${id} names no arbitrator: it has no dispute path.`,
  UnknownDispute: () => "This arbitrator has no dispute about an escrow here.",
  InvalidRuling: ([ruling]) => `Ruling ${ruling} is not one of 0 (refused), 1 (release), 2 (refund), 3 (split).`,
  NothingOwed: ([id]) => `Escrow #${id} keeps nothing for this wallet.`,
  EtherTransferFailed: ([to]) => `${short(to)} refused the ether.`,
  AccessDenied: () => "Only the attestation's issuer can revoke it.",
  AlreadyRevoked: () => "This attestation is already revoked.",
  InvalidExpirationTime: () => "The expiry must be in the future.",
  NotFound: () => "Nothing found with that id.",
  Irrevocable: () => "This attestation cannot be revoked.",
  ERC2771ForwarderInvalidSigner: ([signer, from]) =>
    `The signature is not ${short(from)}'s for this request (it recovers to ${short(signer)}): it was changed after signing, or was already used.`,
  ERC2771ForwarderExpiredRequest: ([deadline]) =>
    `This signed request expired on ${new Date(Number(deadline) * 1000).toLocaleString()}. Sign it again.`,
  ERC2771UntrustfulTarget: ([target]) => `${short(target)} does not accept forwarded requests.`,
  ERC2771ForwarderMismatchedValue: () => "The request's ether value does not match what was sent.",
  ERC2771ForwarderNoRefundReceiver: () => "A batch of forwarded requests needs someone to refund.",
  InsufficientBalance: () => "The sender does not hold enough ether for this.",
  InsufficientValue: () => "Not enough ether was sent along for the attestation's resolver.",
  NotPayable: () => "This schema's resolver accepts no ether.",
  InvalidEAS: () => "The resolver was deployed for another EAS contract.",
  InvalidLength: () => "The lists given have different lengths.",
  AddressEmptyCode: ([target]) => `${short(target)} is not a contract: there is no code at that address.`,
  FailedCall: () => "The forwarded call reverted: the party's action is not allowed right now.",
};
