// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// The handler's actions as typed steps. A fuzzed action picks a step from its seeds (Pickers) and performs
// it; a scripted run names the step itself (`IntegraHandler.run*`), so a scenario reads as a list of named steps and
// goes through the very same attempts, ghost keeping and judging as the fuzzer's.
// An adversary's step names its move and the record it strikes at. Anything else a move needs (which party's
// grant, token or payment to go after, which token id, which relayer) the handler picks from the reference model with
// a `details` seed: the fuzzer's, or FIRST in a scripted run, which takes the first candidate of each.

/// @dev How a call reaches the chain: sent by its caller, or signed by it (an ERC-2771 request) and submitted through
/// the forwarder by one of the two relayers. Only a caller with a key can sign; one without sends directly.
enum Via {
    Direct,
    Relayer0,
    Relayer1
}

/// @dev What the re-entering receiver (Adversaries.sol) does when a token reaches it. Its success counter is
/// "reentry" followed by the member's number ("reentry1".."reentry8").
enum Reentry {
    None,
    Reclaim, // claim the token just received again: must fail
    ClaimOther, // claim another token reserved for it: allowed, the ghost follows
    Reserve, // reserve as a party: must fail
    Cancel, // cancel a reservation as a party: must fail
    Seal, // seal the party set as a party: must fail
    RequestPayment, // request a payment: judged by the payment invariant
    PassOn, // pass the token on to another party: allowed, the ghost follows
    PokeRegistry // offer itself the executor role, accept it, or become pending owner: must fail
}

/// @dev The attacker's ways to make the forwarder act for a party. Each must fail.
enum Forgery {
    Replay, // an executed request, again
    TamperedField, // a party's fresh claim with one signed field changed (ForgedField)
    SignedByAttacker, // a claim in a party's name, signed with the attacker's key
    AttackersOwnRequest, // the attacker's own valid request for a party's claim
    Expired // a party's claim, past its deadline
}

enum ForgedField {
    To,
    Gas,
    Deadline,
    Data,
    From
}

/// @dev What a former owner or replaced executor tries on the record it lost. Each must fail.
enum FormerMove {
    Reserve,
    Cancel,
    Attest,
    Seal,
    OfferItselfExecutor,
    OfferRecord,
    CancelOffer
}

/// @dev What the attacker (no authority, no reservation, no grant) tries. Each must fail.
enum AttackerMove {
    Reserve,
    Cancel,
    Attest,
    Seal,
    OfferItselfExecutor,
    AcceptExecutorRole,
    OfferRecord,
    AcceptRecord,
    ClaimWithAPartysGrant,
    TakeAPartysToken,
    RequestPayment,
    MarkPaid,
    CancelPayment
}

/// @dev The fake tokenizer at work. Registering a record bound to it is allowed (outside any workflow); the rest
/// must fail (the attestation on its own record, before a claim on a real tokenizer, is allowed too).
enum FakeMove {
    RegisterRecord,
    SignalOnAFakeRecord,
    ReservePartiesOnARealRecord,
    ReserveOnARealTokenizer,
    SealOnARealTokenizer,
    ClaimOnARealTokenizer,
    RequestPaymentOnARealRecord
}

/// @dev A clerk names a stranger executor, who never consents. The stranger's moves, and anyone else's accepting the
/// role for it, must fail.
enum StrangerMove {
    RegisterNamingAStranger,
    OfferToAStranger,
    StrangerReserves,
    StrangerSeals,
    StrangerAttests,
    OwnerAcceptsForIt,
    OtherClerkAcceptsForIt,
    OutsiderAcceptsForIt
}

/// @dev Strangers at someone else's workflow. A copy into the victim's workflow is allowed only to its owner's
/// members; the attacker's own workflow of the same id is another workflow; admitting or removing members is the
/// owner's alone.
enum SquatMove {
    CopyIntoTheVictimsWorkflow,
    OpenOwnWorkflowOfTheSameId,
    AdmitItself,
    RemoveAMember
}

/// @dev What the seller's side does to a record between its offer and the buyer's accept.
enum SellerChange {
    Reserve,
    Cancel,
    Seal,
    AttestAndClaim,
    AppointExecutor,
    RemoveExecutor,
    Nothing
}

// ------------------------------------------------------------------ the honest cast's steps

/// @dev A registration, with its party set (reserved and sealed in the same transaction) or without.
struct Registration {
    address registrant;
    address tokenizer;
    bytes32 contentHash;
    bytes32 processHash;
    address executor;
    bool withParties;
    address[] recipients;
    uint256[] amounts;
    /// @dev Every party's role label.
    string role;
}

struct RegisterStep {
    Registration registration;
    /// @dev Whether the executor named (only offered the role) accepts it at once.
    bool executorAccepts;
}

struct ReserveStep {
    bytes32 record;
    address caller;
    uint256 tokenId;
    address recipient;
    uint256 amount;
    bytes32 processHash;
    string role;
}

struct CancelStep {
    bytes32 record;
    address caller;
    uint256 tokenId;
}

struct SealStep {
    bytes32 record;
    address caller;
}

struct AttestStep {
    bytes32 record;
    address attester;
    address recipient;
    /// @dev The token id the attestation names: 0 covers every token of the record.
    uint256 attestedTokenId;
    /// @dev The token the attestation is meant for.
    uint256 tokenId;
    uint256 caps;
    uint64 expirationTime;
    bytes32 processHash;
}

struct RevokeStep {
    bytes32 uid;
}

struct ClaimStep {
    bytes32 record;
    address caller;
    address tokenizer;
    uint256 tokenId;
    bytes32 uid;
    bytes32 processHash;
    Via via;
    /// @dev What the receiver does on receipt, when it is the caller.
    Reentry reentry;
}

/// @dev A whole flow: the attester seals the party set if need be, attests CLAIM for a token waiting to be claimed,
/// and its recipient claims it at once.
struct ClaimFlowStep {
    bytes32 record;
    uint256 tokenId;
    address attester;
    /// @dev Attest for token id 0 (every token of the record) rather than for `tokenId`.
    bool attestAnyToken;
    Via via;
    Reentry reentry;
}

struct TransferStep {
    bytes32 record;
    uint256 tokenId;
    address caller;
    address from;
    address to;
    uint256 amount;
    Via via;
    /// @dev What the receiver does on receipt, when it is `to`.
    Reentry reentry;
}

struct OfferStep {
    bytes32 record;
    address caller;
    address to;
}

struct CancelOfferStep {
    bytes32 record;
    address caller;
}

struct AcceptStep {
    bytes32 record;
    address caller;
    /// @dev The record version the accept names.
    uint256 version;
}

struct OfferExecutorStep {
    bytes32 record;
    address caller;
    /// @dev address(0) withdraws a pending offer.
    address candidate;
    bool candidateAccepts;
}

struct AcceptExecutorStep {
    bytes32 record;
    address caller;
}

struct RemoveExecutorStep {
    bytes32 record;
    address caller;
}

struct MembershipStep {
    bytes32 workflow;
    address caller;
    address member;
    /// @dev Admit `member`, or remove it.
    bool admit;
}

struct PaymentRequestStep {
    bytes32 record;
    address requestor;
    uint256 requestorTokenId;
    address payer;
    uint256 payerTokenId;
    uint64 deadline;
    /// @dev The encrypted amount.
    bytes amount;
    Via via;
}

struct MarkPaidStep {
    uint256 paymentId;
    address caller;
    Via via;
}

struct CancelPaymentStep {
    uint256 paymentId;
    address caller;
    Via via;
}

struct WarpStep {
    uint256 by;
}

// ------------------------------------------------------------------ the adversaries' steps

struct ForgeryStep {
    Forgery forgery;
    /// @dev The field a TamperedField forgery changes.
    ForgedField field;
}

struct FormerPrincipalStep {
    bytes32 record;
    address former;
    FormerMove move;
}

struct AttackerStep {
    AttackerMove move;
    /// @dev The record it strikes at; the moves on a party's grant, token or payment pick one from the model.
    bytes32 record;
}

struct FakeTokenizerStep {
    FakeMove move;
    /// @dev A record of the fake tokenizer, or (ReservePartiesOnARealRecord) a real one; RegisterRecord and
    /// RequestPaymentOnARealRecord pick theirs from the model.
    bytes32 record;
}

struct StrangerExecutorStep {
    StrangerMove move;
    /// @dev The record whose executor role is offered to the stranger (none for RegisterNamingAStranger).
    bytes32 record;
    /// @dev The stranger named: the attacker or a party.
    address named;
}

struct SquatStep {
    SquatMove move;
    /// @dev A record of the victim's workflow (PROCESS_A when the record is outside any workflow).
    bytes32 victim;
    /// @dev Who squats: the attacker, or (CopyIntoTheVictimsWorkflow) a principal that may or may not be a member.
    address squatter;
}

struct FrontRunStep {
    bytes32 record;
    /// @dev The buyer offered the record, unless an offer is already pending.
    address buyer;
    SellerChange change;
}

/// @dev The same request, `times` times in a row; beyond MAX_PENDING_PER_PAIR pending each must fail, as must an
/// over-long ciphertext.
struct FloodStep {
    bytes32 record;
    address requestor;
    uint256 requestorTokenId;
    address payer;
    uint256 payerTokenId;
    uint256 times;
    bool overlongCiphertext;
    uint64 deadline;
}

/// @dev What the re-entering receiver is armed to do on its next receipt; `integraHash`, `tokenId`, `uid`, `other`
/// and `amount` tell the reference model what a successful re-entry changed.
struct ReentryPlan {
    Reentry kind;
    address target;
    bytes data;
    bytes32 integraHash;
    uint256 tokenId;
    bytes32 uid;
    address other;
    uint256 amount;
}
