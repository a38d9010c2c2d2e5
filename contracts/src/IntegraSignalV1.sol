// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";
import {IIntegraRecord} from "./interfaces/IIntegraRecord.sol";
import {IIntegraTokenizer} from "./interfaces/IIntegraTokenizer.sol";

/// @title IntegraSignalV1
/// @notice Payment signals between token holders of one record: a holder requests a payment from another
/// holder, the payer marks it paid, the requestor may cancel. Amounts are ciphertext only the two parties
/// can read; the contract never interprets them. A pending request past its deadline is expired.
/// Every caller is `_msgSender()` (ERC-2771), so a party with no ether acts through the trusted forwarder.
///
/// Rules this contract keeps:
/// - Requests come only through the system's own tokenizers (fixed at deployment), and both the requestor and the
///   payer must be parties of the record: each claimed its token itself and still holds it. A token handed to
///   someone without their consent does not make them a payer.
/// - Signals are bounded: at most MAX_PENDING_PER_PAIR requests are pending from one requestor to one payer on one
///   record (expired ones count until their requestor cancels them; paying or cancelling frees a place), and each
///   ciphertext is at most MAX_CIPHERTEXT_BYTES, so one party cannot flood another's payments view.
contract IntegraSignalV1 is ERC2771Context {
    enum PaymentStatus {
        None,
        Pending,
        Paid,
        Cancelled,
        Expired
    }

    /// @dev requestor + deadline + status in one slot; the payer; the record and workflow.
    struct Payment {
        address requestor;
        uint64 deadline;
        PaymentStatus status;
        address payer;
        bytes32 integraHash;
        bytes32 processHash;
    }

    /// @notice Most requests pending from one requestor to one payer on one record, expired ones included until
    /// cancelled.
    uint256 public constant MAX_PENDING_PER_PAIR = 4;
    /// @notice Longest `encryptedAmount` or `encryptedReceipt`, in bytes: an amount and a memo, encrypted.
    uint256 public constant MAX_CIPHERTEXT_BYTES = 512;

    IIntegraRecord public immutable registry;
    /// @notice The tokenizers whose records may carry payment signals: the system's own.
    address public immutable ownershipTokenizer;
    address public immutable multiPartyTokenizer;

    /// @notice Number of payment requests made; ids run from 1.
    uint256 public paymentCount;
    mapping(uint256 paymentId => Payment) private _payments;
    /// @dev Requests pending (expired ones included) per `_pairKey(requestor, payer, integraHash)`, plus one once the
    /// pair has made a request: the slot never returns to zero, so a pair's later requests pay for a changed slot,
    /// not a new one.
    mapping(bytes32 pair => uint256) private _pendingPerPair;

    event PaymentRequested(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        address indexed payer,
        uint256 paymentId,
        address requestor,
        uint256 requestorTokenId,
        uint256 payerTokenId,
        bytes encryptedAmount,
        uint64 deadline,
        uint256 timestamp
    );
    event PaymentPaid(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        uint256 indexed paymentId,
        address payer,
        bytes encryptedReceipt,
        uint256 timestamp
    );
    event PaymentCancelled(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        uint256 indexed paymentId,
        address requestor,
        uint256 timestamp
    );

    error NotParty(address account, uint256 tokenId);
    error UnofficialTokenizer(address tokenizer);
    error InvalidPayer(address payer);
    error DeadlineInPast(uint64 deadline);
    error EmptyAmount();
    error PaymentNotFound(uint256 paymentId);
    error NotPayer(address caller);
    error NotRequestor(address caller);
    error PaymentNotPending(uint256 paymentId, PaymentStatus status);
    error TooManyPendingRequests(bytes32 integraHash, address requestor, address payer, uint256 max);
    error CiphertextTooLong(uint256 length, uint256 max);

    /// @param trustedForwarder_ The ERC-2771 forwarder whose requests act for their signer.
    constructor(IIntegraRecord registry_, address ownershipTokenizer_, address multiPartyTokenizer_, address trustedForwarder_)
        ERC2771Context(trustedForwarder_)
    {
        registry = registry_;
        ownershipTokenizer = ownershipTokenizer_;
        multiPartyTokenizer = multiPartyTokenizer_;
    }

    /// @notice Requests a payment from `payer`, the party of `payerTokenId`, as the party of `requestorTokenId`.
    /// Both must have claimed their token themselves and still hold it, on a record of an official tokenizer, and
    /// fewer than MAX_PENDING_PER_PAIR of the requestor's requests to this payer on this record may be pending.
    /// @param encryptedAmount Ciphertext of the amount and memo (non-empty, at most MAX_CIPHERTEXT_BYTES).
    /// @param deadline Unix time after which the request expires (must be in the future).
    /// @return paymentId The new request's id.
    function requestPayment(
        bytes32 integraHash,
        uint256 requestorTokenId,
        address payer,
        uint256 payerTokenId,
        bytes calldata encryptedAmount,
        uint64 deadline
    ) external returns (uint256 paymentId) {
        address requestor = _msgSender();
        if (payer == address(0) || payer == requestor) revert InvalidPayer(payer);
        if (deadline <= block.timestamp) revert DeadlineInPast(deadline);
        if (encryptedAmount.length == 0) revert EmptyAmount();
        if (encryptedAmount.length > MAX_CIPHERTEXT_BYTES) {
            revert CiphertextTooLong(encryptedAmount.length, MAX_CIPHERTEXT_BYTES);
        }
        (,, address tokenizer, bytes32 processHash,) = registry.authorityOf(integraHash);
        if (tokenizer != ownershipTokenizer && tokenizer != multiPartyTokenizer) revert UnofficialTokenizer(tokenizer);
        if (!IIntegraTokenizer(tokenizer).isParty(integraHash, requestorTokenId, requestor)) {
            revert NotParty(requestor, requestorTokenId);
        }
        if (!IIntegraTokenizer(tokenizer).isParty(integraHash, payerTokenId, payer)) {
            revert NotParty(payer, payerTokenId);
        }
        _takePlace(integraHash, requestor, payer);

        paymentId = ++paymentCount;
        _payments[paymentId] = Payment({
            requestor: requestor,
            deadline: deadline,
            status: PaymentStatus.Pending,
            payer: payer,
            integraHash: integraHash,
            processHash: processHash
        });
        emit PaymentRequested(
            integraHash,
            processHash,
            payer,
            paymentId,
            requestor,
            requestorTokenId,
            payerTokenId,
            encryptedAmount,
            deadline,
            block.timestamp
        );
    }

    /// @notice The payer marks a pending, unexpired request as paid, with an optional encrypted receipt (at most
    /// MAX_CIPHERTEXT_BYTES). Frees the request's place in its pair's count.
    function markPaid(uint256 paymentId, bytes calldata encryptedReceipt) external {
        if (encryptedReceipt.length > MAX_CIPHERTEXT_BYTES) {
            revert CiphertextTooLong(encryptedReceipt.length, MAX_CIPHERTEXT_BYTES);
        }
        Payment storage payment = _pendingPayment(paymentId, false);
        address payer = _msgSender();
        if (payment.payer != payer) revert NotPayer(payer);
        payment.status = PaymentStatus.Paid;
        bytes32 integraHash = payment.integraHash;
        _pendingPerPair[_pairKey(payment.requestor, payer, integraHash)] -= 1;
        emit PaymentPaid(integraHash, payment.processHash, paymentId, payer, encryptedReceipt, block.timestamp);
    }

    /// @notice The requestor cancels a pending request, expired or not (an expired one still holds a place in its
    /// pair's count until cancelled). Frees the request's place.
    function cancelPayment(uint256 paymentId) external {
        Payment storage payment = _pendingPayment(paymentId, true);
        address requestor = _msgSender();
        if (payment.requestor != requestor) revert NotRequestor(requestor);
        payment.status = PaymentStatus.Cancelled;
        bytes32 integraHash = payment.integraHash;
        _pendingPerPair[_pairKey(requestor, payment.payer, integraHash)] -= 1;
        emit PaymentCancelled(integraHash, payment.processHash, paymentId, requestor, block.timestamp);
    }

    /// @notice A payment request, with its status as of now (Expired when pending past its deadline).
    function getPayment(uint256 paymentId) external view returns (Payment memory payment) {
        payment = _payments[paymentId];
        if (payment.status == PaymentStatus.None) revert PaymentNotFound(paymentId);
        payment.status = _statusNow(payment);
    }

    /// @notice A payment's status as of now.
    function statusOf(uint256 paymentId) external view returns (PaymentStatus) {
        return _statusNow(_payments[paymentId]);
    }

    /// @notice How many of `requestor`'s requests to `payer` on `integraHash` hold a place: pending, expired ones
    /// included until cancelled. At most MAX_PENDING_PER_PAIR.
    function pendingRequestsOf(bytes32 integraHash, address requestor, address payer) external view returns (uint256) {
        uint256 stored = _pendingPerPair[_pairKey(requestor, payer, integraHash)];
        return stored == 0 ? 0 : stored - 1;
    }

    /// @dev The payment, if it is pending (or, when `expiredToo`, pending past its deadline).
    function _pendingPayment(uint256 paymentId, bool expiredToo) private view returns (Payment storage payment) {
        payment = _payments[paymentId];
        PaymentStatus status = payment.status;
        if (status == PaymentStatus.None) revert PaymentNotFound(paymentId);
        if (status == PaymentStatus.Pending && (expiredToo || block.timestamp <= payment.deadline)) return payment;
        revert PaymentNotPending(paymentId, _statusNow(payment));
    }

    /// @dev Counts one more pending request of the pair, at most MAX_PENDING_PER_PAIR.
    function _takePlace(bytes32 integraHash, address requestor, address payer) private {
        bytes32 pair = _pairKey(requestor, payer, integraHash);
        uint256 stored = _pendingPerPair[pair];
        uint256 pending = stored == 0 ? 0 : stored - 1;
        if (pending >= MAX_PENDING_PER_PAIR) {
            revert TooManyPendingRequests(integraHash, requestor, payer, MAX_PENDING_PER_PAIR);
        }
        _pendingPerPair[pair] = pending + 2;
    }

    function _pairKey(address requestor, address payer, bytes32 integraHash) private pure returns (bytes32) {
        return keccak256(abi.encode(requestor, payer, integraHash));
    }

    function _statusNow(Payment memory payment) private view returns (PaymentStatus) {
        if (payment.status == PaymentStatus.Pending && block.timestamp > payment.deadline) {
            return PaymentStatus.Expired;
        }
        return payment.status;
    }
}
