/**
 * Plain words for every custom error of the Integra contracts (and the EAS errors a user can hit).
 * Keyed by error name; args are the decoded error arguments.
 */
type Describe = (args: readonly unknown[]) => string;

const short = (value: unknown): string => {
  const text = String(value);
  return text.startsWith("0x") && text.length > 14 ? `${text.slice(0, 8)}…${text.slice(-4)}` : text;
};

export const revertMessages: Record<string, Describe> = {
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
  NotReservedForCaller: ([reservedFor]) => `This token is reserved for another wallet (${short(reservedFor)}). Connect that wallet to claim it.`,
  AlreadyClaimed: ([, id]) => `Token ${id} has already been claimed.`,
  ProcessHashMismatch: () => "This names a different workflow than the record's own: every step of a record stays in the workflow it was registered in.",
  PartiesAlreadySealed: () => "The party set of this record is fixed: no new token can be added (a cancelled one can be reserved again).",
  NoParties: () => "Reserve at least one token before fixing the party set.",
  LengthMismatch: () => "Each party needs exactly one amount.",
  NoTokenizer: () => "Choose a tokenizer to reserve parties' tokens.",
  NoPendingOffer: () => "There is no pending ownership offer for this record.",
  NotPendingOwner: () => "This record is offered to another address; only they can accept it.",
  AttestationFromEarlierAuthority: () =>
    "This attestation was issued before the record changed hands or executors; it no longer authorizes anything. Ask the current owner or executor for a new one.",
  UnofficialTokenizer: () => "Payment requests are only for records of this system's own tokenizers.",
  NotParty: ([account, id]) => `${short(account)} is not a party of token ${id}: a party claimed the token itself and still holds it.`,
  UnknownAttestation: () => "No attestation with this UID exists on this chain.",
  WrongSchema: () => "This attestation is not an Integra capability attestation.",
  AttestationRevoked: () => "This attestation was revoked by its issuer. Ask the clerk for a new one.",
  AttestationExpired: ([, expiry]) => `This attestation expired on ${new Date(Number(expiry) * 1000).toLocaleString()}. Ask the clerk for a new one.`,
  NotAttestationRecipient: ([recipient]) => `This attestation was issued to another wallet (${short(recipient)}).`,
  AttesterNotOwnerOrExecutor: () => "Only the record's owner or executor can issue capabilities for it.",
  AttestationForOtherRecord: () => "This attestation is for another record.",
  AttestationForOtherToken: ([attested]) => `This attestation is for token ${attested}, not this one.`,
  MissingClaimCapability: () => "This attestation does not grant the CLAIM capability.",
  NoCapabilities: () => "Choose at least one capability to grant.",
  InvalidPayer: () => "Choose another token holder as the payer (not yourself, not empty).",
  DeadlineInPast: () => "The deadline must be in the future.",
  EmptyAmount: () => "Enter an amount.",
  PaymentNotFound: ([id]) => `Payment request #${id} does not exist.`,
  NotPayer: () => "Only the payer can mark this request paid.",
  NotRequestor: () => "Only the requestor can cancel this request.",
  PaymentNotPending: ([id]) => `Payment request #${id} is no longer pending.`,
  AccessDenied: () => "Only the attestation's issuer can revoke it.",
  AlreadyRevoked: () => "This attestation is already revoked.",
  InvalidExpirationTime: () => "The expiry must be in the future.",
  NotFound: () => "Nothing found with that id.",
  Irrevocable: () => "This attestation cannot be revoked.",
  ERC2771ForwarderInvalidSigner: ([signer, from]) =>
    `The signature is not ${short(from)}'s for this request (it recovers to ${short(signer)}): it was changed after signing, or was already used.`,
  ERC2771ForwarderExpiredRequest: ([deadline]) => `This signed request expired on ${new Date(Number(deadline) * 1000).toLocaleString()}. Sign it again.`,
  ERC2771UntrustfulTarget: ([target]) => `${short(target)} does not accept forwarded requests.`,
  ERC2771ForwarderMismatchedValue: () => "The request's ether value does not match what was sent.",
  ERC2771ForwarderNoRefundReceiver: () => "A batch of forwarded requests needs someone to refund.",
  InsufficientBalance: () => "The sender does not hold enough ether for this.",
  InsufficientValue: () => "Not enough ether was sent along for the attestation's resolver.",
  NotPayable: () => "This schema's resolver accepts no ether.",
  InvalidEAS: () => "The resolver was deployed for another EAS contract.",
  InvalidLength: () => "The lists given have different lengths.",
  FailedCall: () => "The forwarded call reverted: the party's action is not allowed right now.",
};
