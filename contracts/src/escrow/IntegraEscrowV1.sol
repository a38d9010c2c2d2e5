// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IEAS, Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {IIntegraRecord} from "../interfaces/IIntegraRecord.sol";
import {IIntegraPartyTokens} from "../interfaces/IIntegraPartyTokens.sol";
import {IArbitrable} from "../interfaces/IArbitrable.sol";
import {IArbitrator} from "../interfaces/IArbitrator.sol";
import {IntegraSignalV1} from "../IntegraSignalV1.sol";

/// @title IntegraEscrowV1
/// @notice Money held for a record and moved by the agreement's conditions. The record's owner (or accepted executor)
/// opens an escrow naming the asset (an ERC-20, or ether as the zero address), the amount, the payer and the payee
/// (each a party of the record, named by its token: whoever holds that token when money moves), the conditions of
/// release and a refund time. The payer deposits; once every condition holds, anyone may release the deposit to the
/// payee until the refund time; from the refund time on, anyone may refund it to the payer. An escrow that names an
/// arbitrator (ERC-792) may be disputed by the payer or the payee before the refund time, which freezes it until the
/// arbitrator's ruling releases, refunds or splits it.
///
/// Rules this contract keeps:
/// - A deposit leaves only once: to the payee when every condition holds before the refund time, to the payer from
///   the refund time on, or as the arbitrator rules on a dispute; never two of these, never twice.
/// - Release and refund are mutually exclusive in time (before / from `refundAfter`), so a keeper and a payer never
///   race for the same deposit.
/// - A disputed escrow moves only by its arbitrator's ruling.
/// - Escrows are for multi-party records (an ownership record has one token: no payer and payee). Only the system's
///   multi-party tokenizer names the parties, and a party acts only while it holds its whole token.
/// - A token that does not deliver the amount sent (fee-on-transfer, rebasing down) is refused at deposit by measuring
///   what arrived. A payout the recipient refuses (a reverting receiver, a blocklisted address) is kept for it to
///   withdraw, and a ruled share whose party token nobody holds whole is kept for that token's next whole holder, so
///   neither can block the other side's share.
/// Every caller is `_msgSender()` (ERC-2771): a party with no ether approves or deposits with a permit through the
/// trusted forwarder. Amounts are public, as token transfers are.
contract IntegraEscrowV1 is ERC2771Context, ReentrancyGuardTransient, IArbitrable {
    using SafeERC20 for IERC20;

    enum EscrowStatus {
        None,
        Open,
        Funded,
        Disputed,
        Released,
        Refunded,
        Ruled
    }

    /// @notice ERC-792 rulings: 0 the arbitrator refused to rule (the deposit goes back to the payer), 1 release to
    /// the payee, 2 refund to the payer, 3 split by the escrow's `splitPayeeBps`.
    enum Verdict {
        Refused,
        Release,
        Refund,
        Split
    }

    /// @notice Why an attestation does not satisfy an escrow's attestation condition.
    enum AttestationFault {
        None,
        Unknown,
        WrongSchema,
        WrongAttester,
        Revoked,
        Expired,
        OtherRecord
    }

    /// @notice What `open` takes. Token ids are the record's per-record token ids (1, 2, 3...).
    /// @param asset An ERC-20, or the zero address for the chain's ether.
    /// @param refundAfter Unix time from which an unreleased deposit may be refunded (and no longer released or
    /// disputed).
    /// @param arbitrator An ERC-792 arbitrator contract, or zero for an escrow with no dispute path.
    /// @param splitPayeeBps The payee's share, in basis points, when the arbitrator rules a split.
    /// @param agreementComplete Condition: every party of the record claimed its token.
    /// @param approverTokenIds Condition (with `approvalsRequired` of them): the parties who approve, by token.
    /// @param attester Condition (with `attestationSchema`): a valid, unrevoked attestation by `attester` on the
    /// schema, whose first field is this record's integraHash.
    /// @param paymentId Condition: this payment request of the record (IntegraSignalV1) is marked paid; 0 for none.
    struct Terms {
        bytes32 integraHash;
        address asset;
        uint128 amount;
        uint16 payerTokenId;
        uint16 payeeTokenId;
        uint40 refundAfter;
        address arbitrator;
        uint16 splitPayeeBps;
        bool agreementComplete;
        uint16[] approverTokenIds;
        uint8 approvalsRequired;
        address attester;
        bytes32 attestationSchema;
        uint64 paymentId;
    }

    /// @dev Eight slots at most; an escrow without approvers, attestation or arbitrator writes four.
    struct Escrow {
        address asset;
        uint40 refundAfter;
        EscrowStatus status;
        bool agreementComplete;
        uint8 approvalsRequired;
        uint8 approverCount;
        uint16 splitPayeeBps;
        uint128 amount;
        uint16 payerTokenId;
        uint16 payeeTokenId;
        uint16 approvedMask;
        uint64 paymentId;
        /// @dev Approver i's token id in bits [16 i, 16 i + 16).
        uint256 approverTokenIds;
        bytes32 integraHash;
        bytes32 processHash;
        address arbitrator;
        uint96 disputeId;
        address attester;
        bytes32 attestationSchema;
    }

    /// @notice Most approvers one escrow names.
    uint256 public constant MAX_APPROVERS = 16;
    /// @notice Furthest a refund time may be set ahead of opening.
    uint256 public constant MAX_DURATION = 5 * 365 days;
    uint256 public constant BPS = 10_000;
    /// @notice The number of rulings besides refusal an arbitrator chooses from.
    uint256 public constant RULING_CHOICES = 3;
    /// @notice Gas an ether payout may use in its recipient (a smart wallet's receive needs a few thousand): a
    /// recipient that burns gas costs the keeper or arbitrator at most this, and its payout is kept for withdrawal.
    uint256 public constant PAYOUT_GAS = 100_000;

    IIntegraRecord public immutable registry;
    IEAS public immutable eas;
    IntegraSignalV1 public immutable signal;
    /// @notice The tokenizer whose records may hold escrows: the system's multi-party one.
    IIntegraPartyTokens public immutable multiPartyTokenizer;

    /// @notice Number of escrows opened; ids run from 1.
    uint256 public escrowCount;
    mapping(uint256 escrowId => Escrow) private _escrows;
    /// @notice The escrow each arbitrator's dispute is about (0 for none).
    mapping(address arbitrator => mapping(uint256 disputeId => uint256 escrowId)) public escrowOfDispute;
    /// @dev Payouts a recipient refused, kept for it to withdraw.
    mapping(uint256 escrowId => mapping(address account => uint256)) private _owed;
    /// @dev Ruled shares of a party token nobody held whole at the ruling, kept for its next whole holder.
    mapping(uint256 escrowId => mapping(uint256 tokenId => uint256)) private _owedToToken;

    event EscrowOpened(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        uint256 indexed escrowId,
        address asset,
        uint256 amount,
        uint256 payerTokenId,
        uint256 payeeTokenId,
        uint64 refundAfter,
        address arbitrator,
        address openedBy,
        uint256 timestamp
    );
    event EscrowFunded(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        uint256 indexed escrowId,
        address payer,
        uint256 amount,
        uint256 timestamp
    );
    event ReleaseApproved(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        uint256 indexed escrowId,
        address approver,
        uint256 tokenId,
        uint256 approvals,
        uint256 timestamp
    );
    event EscrowReleased(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        uint256 indexed escrowId,
        address payee,
        uint256 amount,
        address releasedBy,
        uint256 timestamp
    );
    event EscrowRefunded(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        uint256 indexed escrowId,
        address payer,
        uint256 amount,
        uint256 timestamp
    );
    event EscrowDisputed(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        uint256 indexed escrowId,
        address arbitrator,
        uint256 disputeId,
        address raisedBy,
        uint256 timestamp
    );
    event EscrowRuled(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        uint256 indexed escrowId,
        uint256 ruling,
        address payee,
        uint256 toPayee,
        address payer,
        uint256 toPayer,
        uint256 timestamp
    );
    /// @notice `account` refused a payout of `amount`; it may `withdraw` it.
    event PayoutDeferred(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        uint256 indexed escrowId,
        address account,
        uint256 amount,
        uint256 timestamp
    );
    event PayoutWithdrawn(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        uint256 indexed escrowId,
        address account,
        uint256 amount,
        uint256 timestamp
    );

    error NotOwnerOrExecutor(bytes32 integraHash, address caller);
    error NotAMultiPartyRecord(bytes32 integraHash, address tokenizer);
    error ZeroAmount();
    error NotAContract(address account);
    error RefundTimeInPast(uint40 refundAfter);
    error RefundTimeTooFar(uint40 refundAfter, uint256 latest);
    error SamePayerAndPayee(uint256 tokenId);
    error UnknownPartyToken(bytes32 integraHash, uint256 tokenId);
    error TooManyApprovers(uint256 count, uint256 max);
    error DuplicateApprover(uint256 tokenId);
    error BadApprovalThreshold(uint256 required, uint256 approvers);
    error IncompleteAttestationCondition();
    error PaymentOfOtherRecord(uint256 paymentId, bytes32 integraHash);
    error NoConditions();
    error SplitTooLarge(uint256 splitPayeeBps);
    error EscrowNotFound(uint256 escrowId);
    error WrongStatus(uint256 escrowId, EscrowStatus status);
    error RefundTimeReached(uint256 escrowId, uint40 refundAfter);
    error TooEarlyToRefund(uint256 escrowId, uint40 refundAfter);
    error NotPayer(address caller);
    error NotPayerOrPayee(address caller);
    error NotApprover(uint256 escrowId, uint256 tokenId);
    error NotHolder(address caller, uint256 tokenId);
    error AlreadyApproved(uint256 escrowId, uint256 tokenId);
    error WrongValue(uint256 sent, uint256 expected);
    error ShortDeposit(uint256 received, uint256 expected);
    error AgreementNotComplete(bytes32 integraHash);
    error NotEnoughApprovals(uint256 approvals, uint256 required);
    error AttestationNotAccepted(bytes32 uid, AttestationFault fault);
    error PaymentNotPaid(uint64 paymentId);
    error NoHolder(bytes32 integraHash, uint256 tokenId);
    error NoArbitrator(uint256 escrowId);
    error UnknownDispute(address arbitrator, uint256 disputeId);
    error InvalidRuling(uint256 ruling);
    error NothingOwed(uint256 escrowId, address account);
    error EtherTransferFailed(address to);
    error PermitNeedsAToken(uint256 escrowId);
    error ZeroRecipient();
    error PaymentNotLive(uint256 paymentId, IntegraSignalV1.PaymentStatus status);
    error DisputeIdTaken(address arbitrator, uint256 disputeId);

    /// @param trustedForwarder_ The ERC-2771 forwarder whose requests act for their signer.
    constructor(
        IIntegraRecord registry_,
        IEAS eas_,
        IntegraSignalV1 signal_,
        IIntegraPartyTokens multiPartyTokenizer_,
        address trustedForwarder_
    ) ERC2771Context(trustedForwarder_) {
        registry = registry_;
        eas = eas_;
        signal = signal_;
        multiPartyTokenizer = multiPartyTokenizer_;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Opening

    /// @notice Opens an escrow on a record, as its owner or accepted executor. At least one condition; every named
    /// token reserved on the record; the refund time in the future and at most MAX_DURATION ahead.
    /// @return escrowId The new escrow's id.
    function open(Terms calldata terms) external returns (uint256 escrowId) {
        (bytes32 processHash, uint256 packedApprovers) = _checkTerms(terms);
        escrowId = ++escrowCount;
        Escrow storage escrow = _escrows[escrowId];
        escrow.asset = terms.asset;
        escrow.refundAfter = terms.refundAfter;
        escrow.status = EscrowStatus.Open;
        escrow.agreementComplete = terms.agreementComplete;
        escrow.approvalsRequired = terms.approvalsRequired;
        // forge-lint: disable-next-line(unsafe-typecast)
        escrow.approverCount = uint8(terms.approverTokenIds.length); // at most MAX_APPROVERS
        escrow.splitPayeeBps = terms.splitPayeeBps;
        escrow.amount = terms.amount;
        escrow.payerTokenId = terms.payerTokenId;
        escrow.payeeTokenId = terms.payeeTokenId;
        escrow.paymentId = terms.paymentId;
        if (packedApprovers != 0) escrow.approverTokenIds = packedApprovers;
        escrow.integraHash = terms.integraHash;
        escrow.processHash = processHash;
        if (terms.arbitrator != address(0)) escrow.arbitrator = terms.arbitrator;
        if (terms.attester != address(0)) {
            escrow.attester = terms.attester;
            escrow.attestationSchema = terms.attestationSchema;
        }
        emit EscrowOpened(
            terms.integraHash,
            processHash,
            escrowId,
            terms.asset,
            terms.amount,
            terms.payerTokenId,
            terms.payeeTokenId,
            terms.refundAfter,
            terms.arbitrator,
            _msgSender(),
            block.timestamp
        );
    }

    /// @dev Every rule of `open` on its terms; returns the record's workflow and the approvers' token ids packed.
    function _checkTerms(Terms calldata terms)
        private
        view
        returns (bytes32 processHash, uint256 packedApprovers)
    {
        bytes32 integraHash = terms.integraHash;
        address owner;
        address executor;
        address tokenizer;
        (owner, executor, tokenizer, processHash,) = registry.authorityOf(integraHash);
        address caller = _msgSender();
        if (caller != owner && caller != executor) revert NotOwnerOrExecutor(integraHash, caller);
        if (tokenizer != address(multiPartyTokenizer)) revert NotAMultiPartyRecord(integraHash, tokenizer);

        if (terms.amount == 0) revert ZeroAmount();
        if (terms.asset != address(0) && terms.asset.code.length == 0) revert NotAContract(terms.asset);
        if (terms.refundAfter <= block.timestamp) revert RefundTimeInPast(terms.refundAfter);
        if (terms.refundAfter > block.timestamp + MAX_DURATION) {
            revert RefundTimeTooFar(terms.refundAfter, block.timestamp + MAX_DURATION);
        }
        if (terms.payerTokenId == terms.payeeTokenId) revert SamePayerAndPayee(terms.payerTokenId);
        _requireReserved(integraHash, terms.payerTokenId);
        _requireReserved(integraHash, terms.payeeTokenId);
        packedApprovers = _packApprovers(integraHash, terms.approverTokenIds);
        uint256 approverCount = terms.approverTokenIds.length;
        if (terms.approvalsRequired > approverCount || (approverCount != 0 && terms.approvalsRequired == 0)) {
            revert BadApprovalThreshold(terms.approvalsRequired, approverCount);
        }
        if ((terms.attester == address(0)) != (terms.attestationSchema == bytes32(0))) {
            revert IncompleteAttestationCondition();
        }
        if (terms.paymentId != 0) {
            IntegraSignalV1.Payment memory payment = signal.getPayment(terms.paymentId);
            if (payment.integraHash != integraHash) revert PaymentOfOtherRecord(terms.paymentId, integraHash);
            // A cancelled or expired request can never be marked paid: the escrow could only be refunded.
            if (payment.status != IntegraSignalV1.PaymentStatus.Pending && payment.status != IntegraSignalV1.PaymentStatus.Paid) {
                revert PaymentNotLive(terms.paymentId, payment.status);
            }
        }
        if (!terms.agreementComplete && approverCount == 0 && terms.attester == address(0) && terms.paymentId == 0) {
            revert NoConditions();
        }
        if (terms.splitPayeeBps > BPS) revert SplitTooLarge(terms.splitPayeeBps);
        if (terms.arbitrator != address(0) && terms.arbitrator.code.length == 0) revert NotAContract(terms.arbitrator);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Deposit and approvals

    /// @notice The payer (the holder of the payer token) deposits the escrow's amount: ether as `msg.value`, or an
    /// ERC-20 it approved this contract to take. Once, before the refund time.
    function deposit(uint256 escrowId) external payable nonReentrant {
        _deposit(escrowId);
    }

    /// @notice `deposit` with an ERC-2612 permit for the amount, so a payer with no ether signs once and a relayer
    /// submits through the forwarder. A permit already used (someone submitted it first) is ignored, and the
    /// allowance it set is taken.
    function depositWithPermit(uint256 escrowId, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
    {
        Escrow storage escrow = _escrowOf(escrowId);
        if (escrow.asset == address(0)) revert PermitNeedsAToken(escrowId);
        // A front-run permit reverts here, but its allowance stands: the transfer below tells whether it did.
        try IERC20Permit(escrow.asset).permit(_msgSender(), address(this), escrow.amount, deadline, v, r, s) {} catch {}
        _deposit(escrowId);
    }

    /// @notice A named approver (the holder of one of the escrow's approver tokens) approves the release. Approvals
    /// count until the escrow is settled, and are final.
    function approveRelease(uint256 escrowId, uint256 tokenId) external {
        Escrow storage escrow = _escrowOf(escrowId);
        EscrowStatus status = escrow.status;
        if (status != EscrowStatus.Open && status != EscrowStatus.Funded && status != EscrowStatus.Disputed) {
            revert WrongStatus(escrowId, status);
        }
        uint256 index = _approverIndex(escrow, escrowId, tokenId);
        uint16 bit = uint16(1 << index);
        uint16 approved = escrow.approvedMask;
        if (approved & bit != 0) revert AlreadyApproved(escrowId, tokenId);
        address caller = _msgSender();
        if (_holderOf(escrow, tokenId) != caller) revert NotHolder(caller, tokenId);
        approved |= bit;
        escrow.approvedMask = approved;
        emit ReleaseApproved(
            escrow.integraHash, escrow.processHash, escrowId, caller, tokenId, _popCount(approved), block.timestamp
        );
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Settlement

    /// @notice Pays the deposit to the holder of the payee token. Anyone may call it, before the refund time, once
    /// every condition holds. `attestationUid` satisfies the attestation condition (ignored without one).
    function release(uint256 escrowId, bytes32 attestationUid) external nonReentrant {
        Escrow storage escrow = _escrowOf(escrowId);
        if (escrow.status != EscrowStatus.Funded) revert WrongStatus(escrowId, escrow.status);
        if (block.timestamp >= escrow.refundAfter) revert RefundTimeReached(escrowId, escrow.refundAfter);
        _requireConditions(escrow, attestationUid);
        address payee = _requiredHolder(escrow, escrow.payeeTokenId);
        escrow.status = EscrowStatus.Released;
        uint256 amount = escrow.amount;
        emit EscrowReleased(
            escrow.integraHash, escrow.processHash, escrowId, payee, amount, _msgSender(), block.timestamp
        );
        _pay(escrow, escrowId, payee, amount);
    }

    /// @notice Pays the deposit back to the holder of the payer token. Anyone may call it from the refund time on,
    /// if the deposit was neither released nor disputed.
    function refund(uint256 escrowId) external nonReentrant {
        Escrow storage escrow = _escrowOf(escrowId);
        if (escrow.status != EscrowStatus.Funded) revert WrongStatus(escrowId, escrow.status);
        if (block.timestamp < escrow.refundAfter) revert TooEarlyToRefund(escrowId, escrow.refundAfter);
        address payer = _requiredHolder(escrow, escrow.payerTokenId);
        escrow.status = EscrowStatus.Refunded;
        uint256 amount = escrow.amount;
        emit EscrowRefunded(escrow.integraHash, escrow.processHash, escrowId, payer, amount, block.timestamp);
        _pay(escrow, escrowId, payer, amount);
    }

    /// @notice Withdraws what this escrow kept for the caller: a payout whose transfer to it failed, and a ruled share
    /// of a party token the caller now holds whole.
    function withdraw(uint256 escrowId) external nonReentrant {
        _withdraw(escrowId, _msgSender());
    }

    /// @notice `withdraw` to another address: for a caller that cannot receive the asset (a blocklisted address).
    function withdrawTo(uint256 escrowId, address to) external nonReentrant {
        if (to == address(0)) revert ZeroRecipient();
        _withdraw(escrowId, to);
    }

    function _withdraw(uint256 escrowId, address to) private {
        Escrow storage escrow = _escrowOf(escrowId);
        address account = _msgSender();
        uint256 amount = _owed[escrowId][account];
        delete _owed[escrowId][account];
        amount += _takeOwedToToken(escrow, escrowId, escrow.payerTokenId, account);
        amount += _takeOwedToToken(escrow, escrowId, escrow.payeeTokenId, account);
        if (amount == 0) revert NothingOwed(escrowId, account);
        emit PayoutWithdrawn(escrow.integraHash, escrow.processHash, escrowId, account, amount, block.timestamp);
        if (escrow.asset == address(0)) {
            (bool sent,) = to.call{value: amount}("");
            if (!sent) revert EtherTransferFailed(to);
        } else {
            IERC20(escrow.asset).safeTransfer(to, amount);
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Disputes (ERC-792)

    /// @notice The payer or the payee raises a dispute before the refund time, freezing the deposit until the
    /// escrow's arbitrator rules. `msg.value` pays the arbitrator's `arbitrationCost`.
    function raiseDispute(uint256 escrowId) external payable nonReentrant {
        Escrow storage escrow = _escrowOf(escrowId);
        IArbitrator arbitrator = IArbitrator(escrow.arbitrator);
        if (address(arbitrator) == address(0)) revert NoArbitrator(escrowId);
        if (escrow.status != EscrowStatus.Funded) revert WrongStatus(escrowId, escrow.status);
        if (block.timestamp >= escrow.refundAfter) revert RefundTimeReached(escrowId, escrow.refundAfter);
        address caller = _msgSender();
        if (_holderOf(escrow, escrow.payerTokenId) != caller && _holderOf(escrow, escrow.payeeTokenId) != caller) {
            revert NotPayerOrPayee(caller);
        }
        escrow.status = EscrowStatus.Disputed;
        uint256 disputeId = arbitrator.createDispute{value: msg.value}(RULING_CHOICES, "");
        if (escrowOfDispute[address(arbitrator)][disputeId] != 0) revert DisputeIdTaken(address(arbitrator), disputeId);
        escrow.disputeId = SafeCast.toUint96(disputeId);
        escrowOfDispute[address(arbitrator)][disputeId] = escrowId;
        emit EscrowDisputed(
            escrow.integraHash, escrow.processHash, escrowId, address(arbitrator), disputeId, caller, block.timestamp
        );
    }

    /// @inheritdoc IArbitrable
    /// @dev The arbitrator is a contract (checked at opening) and calls directly, so this reads `msg.sender`.
    function rule(uint256 disputeId, uint256 ruling) external nonReentrant {
        uint256 escrowId = escrowOfDispute[msg.sender][disputeId];
        if (escrowId == 0) revert UnknownDispute(msg.sender, disputeId);
        Escrow storage escrow = _escrows[escrowId];
        if (escrow.status != EscrowStatus.Disputed) revert WrongStatus(escrowId, escrow.status);
        if (ruling > RULING_CHOICES) revert InvalidRuling(ruling);
        uint256 amount = escrow.amount;
        uint256 toPayee;
        if (ruling == uint256(Verdict.Release)) toPayee = amount;
        else if (ruling == uint256(Verdict.Split)) toPayee = amount * escrow.splitPayeeBps / BPS;
        uint256 toPayer = amount - toPayee;
        address payee = _holderOf(escrow, escrow.payeeTokenId);
        address payer = _holderOf(escrow, escrow.payerTokenId);
        escrow.status = EscrowStatus.Ruled;
        emit Ruling(IArbitrator(msg.sender), disputeId, ruling);
        emit EscrowRuled(
            escrow.integraHash, escrow.processHash, escrowId, ruling, payee, toPayee, payer, toPayer, block.timestamp
        );
        if (toPayee != 0) _payShare(escrow, escrowId, escrow.payeeTokenId, payee, toPayee);
        if (toPayer != 0) _payShare(escrow, escrowId, escrow.payerTokenId, payer, toPayer);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Views

    /// @notice An escrow's terms and state. Reverts with `EscrowNotFound` for an id never opened.
    function getEscrow(uint256 escrowId) external view returns (Escrow memory) {
        return _escrowOf(escrowId);
    }

    /// @notice The escrow's approver tokens, and which of them approved.
    function approversOf(uint256 escrowId) external view returns (uint256[] memory tokenIds, bool[] memory approved) {
        Escrow storage escrow = _escrowOf(escrowId);
        uint256 count = escrow.approverCount;
        tokenIds = new uint256[](count);
        approved = new bool[](count);
        for (uint256 i; i < count; ++i) {
            tokenIds[i] = uint16(escrow.approverTokenIds >> (16 * i));
            approved[i] = escrow.approvedMask & (1 << i) != 0;
        }
    }

    /// @notice Who holds the payer and payee tokens now (zero while a token is unclaimed, or split among holders).
    function partiesOf(uint256 escrowId) external view returns (address payer, address payee) {
        Escrow storage escrow = _escrowOf(escrowId);
        return (_holderOf(escrow, escrow.payerTokenId), _holderOf(escrow, escrow.payeeTokenId));
    }

    /// @notice Each condition as of now; a condition the escrow does not have reads as holding. `allHold` says
    /// whether `release(escrowId, attestationUid)` would pass its conditions.
    function checkConditions(uint256 escrowId, bytes32 attestationUid)
        external
        view
        returns (
            bool agreementComplete,
            uint256 approvals,
            AttestationFault attestation,
            bool paymentPaid,
            bool allHold
        )
    {
        Escrow storage escrow = _escrowOf(escrowId);
        agreementComplete = !escrow.agreementComplete || _isComplete(escrow);
        approvals = _popCount(escrow.approvedMask);
        attestation = escrow.attester == address(0) ? AttestationFault.None : _attestationFault(escrow, attestationUid);
        paymentPaid = escrow.paymentId == 0 || _isPaid(escrow.paymentId);
        allHold = agreementComplete && approvals >= escrow.approvalsRequired && attestation == AttestationFault.None
            && paymentPaid;
    }

    /// @notice What this escrow keeps for `account` to withdraw (refused payouts, and ruled shares of a party token
    /// it now holds whole).
    function owedTo(uint256 escrowId, address account) external view returns (uint256 amount) {
        amount = _owed[escrowId][account];
        Escrow storage escrow = _escrows[escrowId];
        if (escrow.status == EscrowStatus.None) return amount;
        if (_holderOf(escrow, escrow.payerTokenId) == account) amount += _owedToToken[escrowId][escrow.payerTokenId];
        if (_holderOf(escrow, escrow.payeeTokenId) == account) amount += _owedToToken[escrowId][escrow.payeeTokenId];
    }

    /// @notice A ruled share kept for the next whole holder of party token `tokenId`.
    function owedToToken(uint256 escrowId, uint256 tokenId) external view returns (uint256) {
        return _owedToToken[escrowId][tokenId];
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Internals

    function _deposit(uint256 escrowId) private {
        Escrow storage escrow = _escrowOf(escrowId);
        if (escrow.status != EscrowStatus.Open) revert WrongStatus(escrowId, escrow.status);
        if (block.timestamp >= escrow.refundAfter) revert RefundTimeReached(escrowId, escrow.refundAfter);
        address caller = _msgSender();
        if (_holderOf(escrow, escrow.payerTokenId) != caller) revert NotPayer(caller);
        uint256 amount = escrow.amount;
        address asset = escrow.asset;
        escrow.status = EscrowStatus.Funded;
        if (asset == address(0)) {
            if (msg.value != amount) revert WrongValue(msg.value, amount);
        } else {
            if (msg.value != 0) revert WrongValue(msg.value, 0);
            uint256 before = IERC20(asset).balanceOf(address(this));
            IERC20(asset).safeTransferFrom(caller, address(this), amount);
            uint256 received = IERC20(asset).balanceOf(address(this)) - before;
            if (received != amount) revert ShortDeposit(received, amount);
        }
        emit EscrowFunded(escrow.integraHash, escrow.processHash, escrowId, caller, amount, block.timestamp);
    }

    /// @dev Sends `amount` to `to`; a refused transfer is kept for `to` to withdraw instead of blocking the call.
    function _pay(Escrow storage escrow, uint256 escrowId, address to, uint256 amount) private {
        address asset = escrow.asset;
        bool sent;
        if (asset == address(0)) {
            // Copies no return data, and gives the recipient PAYOUT_GAS at most: neither a huge revert payload nor a
            // gas-burning receiver can exhaust the caller's gas.
            uint256 stipend = PAYOUT_GAS;
            assembly ("memory-safe") {
                sent := call(stipend, to, amount, 0, 0, 0, 0)
            }
        } else {
            sent = IERC20(asset).trySafeTransfer(to, amount);
        }
        if (sent) return;
        _owed[escrowId][to] += amount;
        emit PayoutDeferred(escrow.integraHash, escrow.processHash, escrowId, to, amount, block.timestamp);
    }

    /// @dev A ruled share: paid to the party token's holder, or kept for the token's next whole holder when nobody
    /// holds it whole now (`account` zero in PayoutDeferred).
    function _payShare(Escrow storage escrow, uint256 escrowId, uint256 tokenId, address holder, uint256 amount) private {
        if (holder != address(0)) return _pay(escrow, escrowId, holder, amount);
        _owedToToken[escrowId][tokenId] += amount;
        emit PayoutDeferred(escrow.integraHash, escrow.processHash, escrowId, address(0), amount, block.timestamp);
    }

    function _takeOwedToToken(Escrow storage escrow, uint256 escrowId, uint256 tokenId, address account)
        private
        returns (uint256 amount)
    {
        amount = _owedToToken[escrowId][tokenId];
        if (amount == 0 || _holderOf(escrow, tokenId) != account) return 0;
        delete _owedToToken[escrowId][tokenId];
    }

    function _requireConditions(Escrow storage escrow, bytes32 attestationUid) private view {
        if (escrow.agreementComplete && !_isComplete(escrow)) revert AgreementNotComplete(escrow.integraHash);
        uint256 approvals = _popCount(escrow.approvedMask);
        if (approvals < escrow.approvalsRequired) revert NotEnoughApprovals(approvals, escrow.approvalsRequired);
        if (escrow.attester != address(0)) {
            AttestationFault fault = _attestationFault(escrow, attestationUid);
            if (fault != AttestationFault.None) revert AttestationNotAccepted(attestationUid, fault);
        }
        if (escrow.paymentId != 0 && !_isPaid(escrow.paymentId)) revert PaymentNotPaid(escrow.paymentId);
    }

    function _attestationFault(Escrow storage escrow, bytes32 uid) private view returns (AttestationFault) {
        if (uid == bytes32(0)) return AttestationFault.Unknown;
        Attestation memory attestation = eas.getAttestation(uid);
        if (attestation.uid == bytes32(0)) return AttestationFault.Unknown;
        if (attestation.schema != escrow.attestationSchema) return AttestationFault.WrongSchema;
        if (attestation.attester != escrow.attester) return AttestationFault.WrongAttester;
        if (attestation.revocationTime != 0) return AttestationFault.Revoked;
        if (attestation.expirationTime != 0 && attestation.expirationTime <= block.timestamp) {
            return AttestationFault.Expired;
        }
        if (attestation.data.length < 32 || bytes32(attestation.data) != escrow.integraHash) {
            return AttestationFault.OtherRecord;
        }
        return AttestationFault.None;
    }

    function _isPaid(uint64 paymentId) private view returns (bool) {
        return signal.statusOf(paymentId) == IntegraSignalV1.PaymentStatus.Paid;
    }

    function _isComplete(Escrow storage escrow) private view returns (bool complete) {
        (,, complete) = multiPartyTokenizer.progressOf(escrow.integraHash);
    }

    function _holderOf(Escrow storage escrow, uint256 tokenId) private view returns (address) {
        return multiPartyTokenizer.holderOf(escrow.integraHash, tokenId);
    }

    function _requiredHolder(Escrow storage escrow, uint256 tokenId) private view returns (address holder) {
        holder = _holderOf(escrow, tokenId);
        if (holder == address(0)) revert NoHolder(escrow.integraHash, tokenId);
    }

    function _approverIndex(Escrow storage escrow, uint256 escrowId, uint256 tokenId) private view returns (uint256) {
        uint256 packed = escrow.approverTokenIds;
        uint256 count = escrow.approverCount;
        for (uint256 i; i < count; ++i) {
            if (uint16(packed >> (16 * i)) == tokenId) return i;
        }
        revert NotApprover(escrowId, tokenId);
    }

    function _packApprovers(bytes32 integraHash, uint16[] calldata tokenIds)
        private
        view
        returns (uint256 packed)
    {
        if (tokenIds.length > MAX_APPROVERS) revert TooManyApprovers(tokenIds.length, MAX_APPROVERS);
        for (uint256 i; i < tokenIds.length; ++i) {
            uint16 tokenId = tokenIds[i];
            _requireReserved(integraHash, tokenId);
            for (uint256 j; j < i; ++j) {
                if (tokenIds[j] == tokenId) revert DuplicateApprover(tokenId);
            }
            packed |= uint256(tokenId) << (16 * i);
        }
    }

    function _requireReserved(bytes32 integraHash, uint256 tokenId) private view {
        if (tokenId == 0 || !multiPartyTokenizer.isReserved(integraHash, tokenId)) {
            revert UnknownPartyToken(integraHash, tokenId);
        }
    }

    function _escrowOf(uint256 escrowId) private view returns (Escrow storage escrow) {
        escrow = _escrows[escrowId];
        if (escrow.status == EscrowStatus.None) revert EscrowNotFound(escrowId);
    }

    function _popCount(uint16 mask) private pure returns (uint256 count) {
        for (; mask != 0; mask &= mask - 1) ++count;
    }
}
