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
/// Rules this contract keeps: requests come only through the system's own tokenizers (fixed at deployment), and
/// both the requestor and the payer must be parties of the record: each claimed its token itself and still
/// holds it. A token handed to someone without their consent does not make them a payer.
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

    IIntegraRecord public immutable registry;
    /// @notice The tokenizers whose records may carry payment signals: the system's own.
    address public immutable ownershipTokenizer;
    address public immutable multiPartyTokenizer;

    /// @notice Number of payment requests made; ids run from 1.
    uint256 public paymentCount;
    mapping(uint256 paymentId => Payment) private _payments;

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

    /// @param trustedForwarder_ The ERC-2771 forwarder whose requests act for their signer.
    constructor(IIntegraRecord registry_, address ownershipTokenizer_, address multiPartyTokenizer_, address trustedForwarder_)
        ERC2771Context(trustedForwarder_)
    {
        registry = registry_;
        ownershipTokenizer = ownershipTokenizer_;
        multiPartyTokenizer = multiPartyTokenizer_;
    }

    /// @notice Requests a payment from `payer`, the party of `payerTokenId`, as the party of `requestorTokenId`.
    /// Both must have claimed their token themselves and still hold it, on a record of an official tokenizer.
    /// @param encryptedAmount Ciphertext of the amount and memo (non-empty).
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
        (,, address tokenizer, bytes32 processHash,) = registry.authorityOf(integraHash);
        if (tokenizer != ownershipTokenizer && tokenizer != multiPartyTokenizer) revert UnofficialTokenizer(tokenizer);
        if (!IIntegraTokenizer(tokenizer).isParty(integraHash, requestorTokenId, requestor)) {
            revert NotParty(requestor, requestorTokenId);
        }
        if (!IIntegraTokenizer(tokenizer).isParty(integraHash, payerTokenId, payer)) {
            revert NotParty(payer, payerTokenId);
        }

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

    /// @notice The payer marks a pending, unexpired request as paid, with an optional encrypted receipt.
    function markPaid(uint256 paymentId, bytes calldata encryptedReceipt) external {
        Payment storage payment = _pendingPayment(paymentId);
        address payer = _msgSender();
        if (payment.payer != payer) revert NotPayer(payer);
        payment.status = PaymentStatus.Paid;
        emit PaymentPaid(payment.integraHash, payment.processHash, paymentId, payer, encryptedReceipt, block.timestamp);
    }

    /// @notice The requestor cancels a pending, unexpired request.
    function cancelPayment(uint256 paymentId) external {
        Payment storage payment = _pendingPayment(paymentId);
        address requestor = _msgSender();
        if (payment.requestor != requestor) revert NotRequestor(requestor);
        payment.status = PaymentStatus.Cancelled;
        emit PaymentCancelled(payment.integraHash, payment.processHash, paymentId, requestor, block.timestamp);
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

    function _pendingPayment(uint256 paymentId) private view returns (Payment storage payment) {
        payment = _payments[paymentId];
        if (payment.status == PaymentStatus.None) revert PaymentNotFound(paymentId);
        PaymentStatus status = _statusNow(payment);
        if (status != PaymentStatus.Pending) revert PaymentNotPending(paymentId, status);
    }

    function _statusNow(Payment memory payment) private view returns (PaymentStatus) {
        if (payment.status == PaymentStatus.Pending && block.timestamp > payment.deadline) {
            return PaymentStatus.Expired;
        }
        return payment.status;
    }
}
