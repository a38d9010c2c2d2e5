// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// The escrow handler's actions as typed steps. A fuzzed action picks a step from its seeds (EscrowPickers) and
// performs it; a scripted run names the step itself (`EscrowHandler.run*`), so a scenario reads as a list of named
// steps and goes through the very same attempts and judging as the fuzzer's.

/// @dev What an escrow holds: TestStablecoin, ether, a token that takes a fee on transfer (must never be funded), or
/// a token whose transfers re-enter the escrow when armed and revert to blocklisted accounts.
enum Asset {
    Stablecoin,
    Ether,
    FeeToken,
    HookToken
}

/// @dev The call a re-entering party contract (on ether receipt) or the hook token (on transfer) makes into the
/// escrow, in the middle of an escrow call. Every one but Approve is guarded and must fail; an approval by a party
/// contract holding an approver token is allowed (approveRelease is unguarded) and judged as any approval.
enum Reentry {
    None,
    Release,
    Refund,
    Withdraw,
    Deposit,
    Dispute,
    Rule,
    Approve
}

/// @dev The escrow condition attestations the inspector (or a stranger) makes: only Good, unrevoked and unexpired,
/// satisfies an escrow of that record.
enum AttestKind {
    Good,
    OtherRecord,
    Expiring,
    ByStranger,
    LookalikeSchema
}

/// @dev What a stranger (no token, no authority, no arbitrator) tries. Each must fail.
enum StrangerMove {
    Open,
    Deposit,
    Approve,
    Dispute,
    RuleDirect,
    GiveRuling,
    Withdraw
}

/// @dev What the payer and the payee try, to take the money early.
enum EarlyMove {
    PayerRefundsEarly, // before the refund time: must fail
    PayerReleasesToItself, // release pays the payee, and only when every condition holds: judged
    PayerWithdrawsUnowed, // withdraw with nothing owed to it: must fail unless owed
    PayeeReleasesEarly, // while some condition does not hold: must fail
    PayeeRefunds, // judged as any refund: only from the refund time, and to the payer
    PayeeDisputesLate // from the refund time on: must fail
}

struct OpenStep {
    address opener;
    /// @dev 0: deal A (five parties, carol's token unclaimed), 1: deal B (three parties, complete).
    uint256 record;
    Asset asset;
    uint128 amount;
    uint16 payerTokenId;
    uint16 payeeTokenId;
    /// @dev The refund time, as seconds after now.
    uint40 refundDelay;
    /// @dev 0 none, 1 arbitrator A, 2 arbitrator B.
    uint8 arbitrator;
    uint16 splitPayeeBps;
    bool agreementComplete;
    uint16[] approvers;
    uint8 approvalsRequired;
    bool attestation;
}

struct DepositStep {
    uint256 escrowId;
    address caller;
}

struct ApproveStep {
    uint256 escrowId;
    uint16 tokenId;
    address caller;
}

struct AttestStep {
    AttestKind kind;
    uint256 record;
    /// @dev Lifetime of an Expiring attestation.
    uint64 ttl;
}

struct RevokeStep {
    /// @dev Index in the handler's attestation list.
    uint256 index;
}

struct ReleaseStep {
    uint256 escrowId;
    address caller;
    bytes32 uid;
}

struct RefundStep {
    uint256 escrowId;
    address caller;
}

struct DisputeStep {
    uint256 escrowId;
    address caller;
}

/// @dev `caller` asks `arbitrator` (A or B) to rule `disputeId`: only that arbitrator's judge may.
struct RuleStep {
    address arbitrator;
    address caller;
    uint256 disputeId;
    uint256 ruling;
}

struct WithdrawStep {
    uint256 escrowId;
    address account;
}

/// @dev A party-token move on the ERC-1155 tokenizer: the escrow pays whoever holds the whole token when money moves.
struct TransferStep {
    uint256 record;
    uint16 tokenId;
    address from;
    address to;
    uint256 amount;
}

struct WarpStep {
    uint256 by;
}

/// @dev Arms a party contract (the re-enterer) or the hook token with one re-entry of `kind` for its next receipt.
/// The escrow it re-enters is chosen when it fires (EscrowHandler.reentryCall): the one where the call would do the
/// most harm then (a releasable deposit, a refundable one, a payout owed to it...).
struct ArmStep {
    address who;
    Reentry kind;
}

/// @dev A party contract starts or stops refusing ether.
struct RefuseStep {
    address party;
    bool refusing;
}

/// @dev The hook token starts or stops refusing transfers to `account` (a blocklist).
struct BlockStep {
    address account;
    bool blocked;
}

struct StrangerStep {
    StrangerMove move;
    uint256 escrowId;
}

struct EarlyStep {
    EarlyMove move;
    uint256 escrowId;
    bytes32 uid;
}

/// @dev The fake arbitrator (a contract no escrow names) calls `rule` with a dispute id of a real arbitrator.
struct FakeRuleStep {
    uint256 disputeId;
    uint256 ruling;
}
