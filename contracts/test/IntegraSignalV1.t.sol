// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraFixture} from "./utils/IntegraFixture.sol";
import {IntegraRecordV1} from "../src/IntegraRecordV1.sol";
import {IntegraSignalV1} from "../src/IntegraSignalV1.sol";
import {IIntegraTokenizer} from "../src/interfaces/IIntegraTokenizer.sol";

/// @dev A tokenizer anyone can deploy and bind a record to: it calls everyone a holder and a party.
contract YesManTokenizer is IIntegraTokenizer {
    function isHolder(bytes32, uint256, address) external pure returns (bool) {
        return true;
    }

    function isParty(bytes32, uint256, address) external pure returns (bool) {
        return true;
    }

    function changesOf(bytes32) external pure returns (uint256) {
        return 0;
    }

    function reserveParties(bytes32, IIntegraTokenizer.Party[] calldata, address) external {}
}

contract IntegraSignalV1Test is IntegraFixture {
    /// @dev A multi-party record: alice holds role 1, bob role 2, carol's role 3 is reserved but unclaimed.
    bytes32 internal deal;
    /// @dev An ownership record whose deed alice holds.
    bytes32 internal deed;
    uint64 internal deadline;

    bytes internal constant AMOUNT = hex"a1b2c3d4";
    bytes internal constant RECEIPT = hex"0f0e";

    function setUp() public override {
        super.setUp();
        deal = _threePartyRecord();
        _claim(multiParty, alice, deal, 1);
        _claim(multiParty, bob, deal, 2);

        deed = _register(address(ownership));
        vm.prank(owner);
        ownership.reserveToken(deed, 1, alice, 1, PROCESS, "");
        bytes32 uid = _attestClaim(alice, deed, 1);
        vm.prank(alice);
        ownership.claimToken(deed, 1, uid, PROCESS);

        deadline = uint64(block.timestamp + 3 days);
    }

    /// @dev alice (role 1) asks bob (role 2) to pay.
    function _request() internal returns (uint256 id) {
        vm.prank(alice);
        id = signal.requestPayment(deal, 1, bob, 2, AMOUNT, deadline);
    }

    function _status(uint256 id) internal view returns (uint256) {
        return uint256(signal.statusOf(id));
    }

    function _expectNotPending(uint256 id, IntegraSignalV1.PaymentStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.PaymentNotPending.selector, id, status));
    }

    // ---------------------------------------------------------------- request

    function test_Constructor_NamesRegistryAndTheOfficialTokenizers() public view {
        assertEq(address(signal.registry()), address(registry), "registry");
        assertEq(signal.ownershipTokenizer(), address(ownership), "ownership tokenizer");
        assertEq(signal.multiPartyTokenizer(), address(multiParty), "multi-party tokenizer");
    }

    function test_RequestPayment_BetweenHoldersStoresAndEmits() public {
        vm.expectEmit(true, true, true, true, address(signal));
        emit IntegraSignalV1.PaymentRequested(deal, PROCESS, bob, 1, alice, 1, 2, AMOUNT, deadline, block.timestamp);
        uint256 id = _request();

        assertEq(id, 1, "first id");
        assertEq(signal.paymentCount(), 1, "count");
        IntegraSignalV1.Payment memory payment = signal.getPayment(id);
        assertEq(payment.requestor, alice, "requestor");
        assertEq(payment.payer, bob, "payer");
        assertEq(payment.deadline, deadline, "deadline");
        assertEq(uint256(payment.status), uint256(IntegraSignalV1.PaymentStatus.Pending), "status");
        assertEq(payment.integraHash, deal, "integraHash");
        assertEq(payment.processHash, PROCESS, "processHash");
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Pending), "statusOf");
    }

    function test_RequestPayment_IdsIncrement() public {
        uint256 first = _request();
        vm.prank(bob);
        uint256 second = signal.requestPayment(deal, 2, alice, 1, AMOUNT, deadline);
        assertEq(first, 1, "first");
        assertEq(second, 2, "second");
        assertEq(signal.paymentCount(), 2, "count");
        assertEq(signal.getPayment(second).requestor, bob, "bob requested the second");
    }

    /// @dev A token handed on by transfer makes its receiver no requestor: carol holds role 1 without claiming it.
    function test_RevertWhen_RequestorReceivedTheTokenByTransfer() public {
        uint256 role1 = multiParty.erc1155IdOf(deal, 1);
        vm.prank(alice);
        multiParty.safeTransferFrom(alice, carol, role1, 1, "");
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotParty.selector, carol, 1));
        vm.prank(carol);
        signal.requestPayment(deal, 1, bob, 2, AMOUNT, deadline);
    }

    /// @dev The claimant who gave its token away is no longer a party either.
    function test_RevertWhen_RequestorGaveItsTokenAway() public {
        uint256 role1 = multiParty.erc1155IdOf(deal, 1);
        vm.prank(alice);
        multiParty.safeTransferFrom(alice, carol, role1, 1, "");
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotParty.selector, alice, 1));
        vm.prank(alice);
        signal.requestPayment(deal, 1, bob, 2, AMOUNT, deadline);
    }

    /// @dev A claimant who gets its own token back is a party again.
    function test_RequestPayment_ClaimantHoldingItsTokenAgain() public {
        uint256 role1 = multiParty.erc1155IdOf(deal, 1);
        vm.prank(alice);
        multiParty.safeTransferFrom(alice, carol, role1, 1, "");
        vm.prank(carol);
        multiParty.safeTransferFrom(carol, alice, role1, 1, "");
        uint256 id = _request();
        assertEq(signal.getPayment(id).requestor, alice, "alice requests again");
    }

    /// @dev Both parties must still hold their tokens: a payer who gave its token away cannot be named.
    function test_RevertWhen_PayerGaveItsTokenAway() public {
        uint256 role2 = multiParty.erc1155IdOf(deal, 2);
        vm.prank(bob);
        multiParty.safeTransferFrom(bob, stranger, role2, 1, "");
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotParty.selector, bob, 2));
        vm.prank(alice);
        signal.requestPayment(deal, 1, bob, 2, AMOUNT, deadline);
    }

    function test_StatusOf_UnknownIdIsNone() public view {
        assertEq(_status(0), uint256(IntegraSignalV1.PaymentStatus.None), "id 0");
        assertEq(_status(42), uint256(IntegraSignalV1.PaymentStatus.None), "id 42");
        assertEq(signal.paymentCount(), 0, "no payments");
    }

    function test_RevertWhen_PayerIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.InvalidPayer.selector, address(0)));
        vm.prank(alice);
        signal.requestPayment(deal, 1, address(0), 2, AMOUNT, deadline);
    }

    function test_RevertWhen_PayerIsRequestor() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.InvalidPayer.selector, alice));
        vm.prank(alice);
        signal.requestPayment(deal, 1, alice, 1, AMOUNT, deadline);
    }

    function test_RevertWhen_DeadlineIsNow() public {
        uint64 now_ = uint64(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.DeadlineInPast.selector, now_));
        vm.prank(alice);
        signal.requestPayment(deal, 1, bob, 2, AMOUNT, now_);
    }

    function test_RevertWhen_DeadlineInPast() public {
        uint64 past = uint64(block.timestamp - 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.DeadlineInPast.selector, past));
        vm.prank(alice);
        signal.requestPayment(deal, 1, bob, 2, AMOUNT, past);
    }

    function test_RevertWhen_AmountEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.EmptyAmount.selector));
        vm.prank(alice);
        signal.requestPayment(deal, 1, bob, 2, "", deadline);
    }

    function test_RevertWhen_RequestorHoldsNoToken() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotParty.selector, stranger, 1));
        vm.prank(stranger);
        signal.requestPayment(deal, 1, bob, 2, AMOUNT, deadline);
    }

    function test_RevertWhen_RequestorClaimsAnotherRole() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotParty.selector, alice, 2));
        vm.prank(alice);
        signal.requestPayment(deal, 2, bob, 2, AMOUNT, deadline);
    }

    function test_RevertWhen_PayerHasOnlyAReservation() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotParty.selector, carol, 3));
        vm.prank(alice);
        signal.requestPayment(deal, 1, carol, 3, AMOUNT, deadline);
    }

    function test_RevertWhen_PayerHoldsATokenOfAnotherRecordOnly() public {
        // alice holds the deed; bob holds nothing on that ownership record.
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotParty.selector, bob, 1));
        vm.prank(alice);
        signal.requestPayment(deed, 1, bob, 1, AMOUNT, deadline);
    }

    function test_RevertWhen_MultiPartyHolderRequestsOnOwnershipRecord() public {
        // bob holds role 2 of the deal, but no token of the deed.
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotParty.selector, bob, 2));
        vm.prank(bob);
        signal.requestPayment(deed, 2, alice, 1, AMOUNT, deadline);
    }

    function test_RevertWhen_RecordHasNoTokenizer() public {
        vm.prank(owner);
        bytes32 bare = registry.register(CONTENT, hex"", address(0), address(0), PROCESS, new address[](0));
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.UnofficialTokenizer.selector, address(0)));
        vm.prank(alice);
        signal.requestPayment(bare, 1, bob, 2, AMOUNT, deadline);
    }

    function test_RevertWhen_RecordUnknown() public {
        bytes32 unknown = keccak256("unknown");
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, unknown));
        vm.prank(alice);
        signal.requestPayment(unknown, 1, bob, 2, AMOUNT, deadline);
    }

    // ---------------------------------------------------------------- markPaid

    function test_MarkPaid_ByPayerEmitsAndSettles() public {
        uint256 id = _request();
        vm.warp(block.timestamp + 1 days);
        vm.expectEmit(true, true, true, true, address(signal));
        emit IntegraSignalV1.PaymentPaid(deal, PROCESS, id, bob, RECEIPT, block.timestamp);
        vm.prank(bob);
        signal.markPaid(id, RECEIPT);
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Paid), "paid");
        assertEq(uint256(signal.getPayment(id).status), uint256(IntegraSignalV1.PaymentStatus.Paid), "getPayment");
    }

    function test_MarkPaid_AtTheDeadlineStillAccepted() public {
        uint256 id = _request();
        vm.warp(deadline);
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Pending), "pending at the deadline");
        vm.prank(bob);
        signal.markPaid(id, "");
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Paid), "paid");
    }

    function test_PaidStaysPaidAfterDeadline() public {
        uint256 id = _request();
        vm.prank(bob);
        signal.markPaid(id, RECEIPT);
        vm.warp(deadline + 365 days);
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Paid), "not expired once paid");
    }

    function test_RevertWhen_MarkPaidUnknownPayment() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.PaymentNotFound.selector, 7));
        vm.prank(bob);
        signal.markPaid(7, RECEIPT);
    }

    function test_RevertWhen_RequestorMarksPaid() public {
        uint256 id = _request();
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotPayer.selector, alice));
        vm.prank(alice);
        signal.markPaid(id, RECEIPT);
    }

    function test_RevertWhen_StrangerMarksPaid() public {
        uint256 id = _request();
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotPayer.selector, stranger));
        vm.prank(stranger);
        signal.markPaid(id, RECEIPT);
    }

    function test_RevertWhen_MarkPaidTwice() public {
        uint256 id = _request();
        vm.prank(bob);
        signal.markPaid(id, RECEIPT);
        _expectNotPending(id, IntegraSignalV1.PaymentStatus.Paid);
        vm.prank(bob);
        signal.markPaid(id, RECEIPT);
    }

    function test_RevertWhen_MarkPaidCancelled() public {
        uint256 id = _request();
        vm.prank(alice);
        signal.cancelPayment(id);
        _expectNotPending(id, IntegraSignalV1.PaymentStatus.Cancelled);
        vm.prank(bob);
        signal.markPaid(id, RECEIPT);
    }

    function test_RevertWhen_MarkPaidExpired() public {
        uint256 id = _request();
        vm.warp(deadline + 1);
        _expectNotPending(id, IntegraSignalV1.PaymentStatus.Expired);
        vm.prank(bob);
        signal.markPaid(id, RECEIPT);
    }

    // ---------------------------------------------------------------- cancelPayment

    function test_CancelPayment_ByRequestorEmits() public {
        uint256 id = _request();
        vm.expectEmit(true, true, true, true, address(signal));
        emit IntegraSignalV1.PaymentCancelled(deal, PROCESS, id, alice, block.timestamp);
        vm.prank(alice);
        signal.cancelPayment(id);
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Cancelled), "cancelled");
        assertEq(uint256(signal.getPayment(id).status), uint256(IntegraSignalV1.PaymentStatus.Cancelled), "getPayment");
    }

    function test_RevertWhen_CancelUnknownPayment() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.PaymentNotFound.selector, 0));
        vm.prank(alice);
        signal.cancelPayment(0);
    }

    function test_RevertWhen_PayerCancels() public {
        uint256 id = _request();
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotRequestor.selector, bob));
        vm.prank(bob);
        signal.cancelPayment(id);
    }

    function test_RevertWhen_CancelPaid() public {
        uint256 id = _request();
        vm.prank(bob);
        signal.markPaid(id, RECEIPT);
        _expectNotPending(id, IntegraSignalV1.PaymentStatus.Paid);
        vm.prank(alice);
        signal.cancelPayment(id);
    }

    function test_RevertWhen_CancelTwice() public {
        uint256 id = _request();
        vm.prank(alice);
        signal.cancelPayment(id);
        _expectNotPending(id, IntegraSignalV1.PaymentStatus.Cancelled);
        vm.prank(alice);
        signal.cancelPayment(id);
    }

    /// @dev An expired request still holds a place in its pair's count: its requestor may cancel it to free it.
    function test_CancelPayment_ExpiredByRequestor() public {
        uint256 id = _request();
        vm.warp(deadline + 1);
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Expired), "expired");
        vm.expectEmit(true, true, true, true, address(signal));
        emit IntegraSignalV1.PaymentCancelled(deal, PROCESS, id, alice, block.timestamp);
        vm.prank(alice);
        signal.cancelPayment(id);
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Cancelled), "cancelled");
        assertEq(signal.pendingRequestsOf(deal, alice, bob), 0, "its place freed");
    }

    function test_RevertWhen_PayerCancelsExpired() public {
        uint256 id = _request();
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotRequestor.selector, bob));
        vm.prank(bob);
        signal.cancelPayment(id);
    }

    function test_RevertWhen_CancelExpiredTwice() public {
        uint256 id = _request();
        vm.warp(deadline + 1);
        vm.prank(alice);
        signal.cancelPayment(id);
        _expectNotPending(id, IntegraSignalV1.PaymentStatus.Cancelled);
        vm.prank(alice);
        signal.cancelPayment(id);
    }

    // ---------------------------------------------------------------- views

    function test_StatusOf_ExpiredOnlyAfterDeadline() public {
        uint256 id = _request();
        vm.warp(deadline);
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Pending), "pending at deadline");
        vm.warp(deadline + 1);
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Expired), "expired after");
        IntegraSignalV1.Payment memory payment = signal.getPayment(id);
        assertEq(uint256(payment.status), uint256(IntegraSignalV1.PaymentStatus.Expired), "getPayment expired");
        assertEq(payment.payer, bob, "payer kept");
    }

    function test_RevertWhen_GetUnknownPayment() public {
        _request();
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.PaymentNotFound.selector, 2));
        signal.getPayment(2);
    }

    function test_RevertWhen_GetPaymentZero() public {
        _request();
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.PaymentNotFound.selector, 0));
        signal.getPayment(0);
    }

    // ---------------------------------------------------------------- bounds

    /// @dev alice asks bob `n` times on the deal.
    function _requests(uint256 n) internal returns (uint256[] memory ids) {
        ids = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            ids[i] = _request();
        }
    }

    function _expectTooMany(address requestor, address payer) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IntegraSignalV1.TooManyPendingRequests.selector, deal, requestor, payer, signal.MAX_PENDING_PER_PAIR()
            )
        );
    }

    /// @dev A fifth pending request from one requestor to one payer on one record is refused.
    function test_RevertWhen_FifthPendingRequestOfAPair() public {
        _requests(signal.MAX_PENDING_PER_PAIR());
        assertEq(signal.pendingRequestsOf(deal, alice, bob), 4, "four pending");
        _expectTooMany(alice, bob);
        vm.prank(alice);
        signal.requestPayment(deal, 1, bob, 2, AMOUNT, deadline);
    }

    /// @dev The bound is per (requestor, payer, record): bob may still ask alice, and alice may ask on another record.
    function test_RequestPayment_BoundIsPerPairAndRecord() public {
        _requests(4);
        vm.prank(bob);
        signal.requestPayment(deal, 2, alice, 1, AMOUNT, deadline);
        assertEq(signal.pendingRequestsOf(deal, bob, alice), 1, "the other direction counts apart");

        bytes32 second = _threePartyRecord();
        _claim(multiParty, alice, second, 1);
        _claim(multiParty, bob, second, 2);
        vm.prank(alice);
        signal.requestPayment(second, 1, bob, 2, AMOUNT, deadline);
        assertEq(signal.pendingRequestsOf(second, alice, bob), 1, "another record counts apart");
    }

    function test_MarkPaid_FreesAPlace() public {
        uint256[] memory ids = _requests(4);
        vm.prank(bob);
        signal.markPaid(ids[2], RECEIPT);
        assertEq(signal.pendingRequestsOf(deal, alice, bob), 3, "three pending");
        uint256 id = _request();
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Pending), "a new request");
        _expectTooMany(alice, bob);
        vm.prank(alice);
        signal.requestPayment(deal, 1, bob, 2, AMOUNT, deadline);
    }

    function test_CancelPayment_FreesAPlace() public {
        uint256[] memory ids = _requests(4);
        vm.prank(alice);
        signal.cancelPayment(ids[0]);
        assertEq(signal.pendingRequestsOf(deal, alice, bob), 3, "three pending");
        _request();
        assertEq(signal.pendingRequestsOf(deal, alice, bob), 4, "four again");
    }

    /// @dev Expired requests count until cancelled: once all four expire, the pair is still full, and cancelling an
    /// expired one frees its place.
    function test_ExpiredRequestsCountUntilCancelled() public {
        uint256[] memory ids = _requests(4);
        vm.warp(deadline + 1);
        deadline = uint64(block.timestamp + 1 days);
        _expectTooMany(alice, bob);
        vm.prank(alice);
        signal.requestPayment(deal, 1, bob, 2, AMOUNT, deadline);

        vm.prank(alice);
        signal.cancelPayment(ids[3]);
        uint256 id = _request();
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Pending), "a place freed by the expired cancel");
    }

    function test_RequestPayment_LongestCiphertext() public {
        bytes memory longest = new bytes(signal.MAX_CIPHERTEXT_BYTES());
        vm.prank(alice);
        uint256 id = signal.requestPayment(deal, 1, bob, 2, longest, deadline);
        vm.prank(bob);
        signal.markPaid(id, longest);
        assertEq(_status(id), uint256(IntegraSignalV1.PaymentStatus.Paid), "paid");
    }

    function test_RevertWhen_AmountCiphertextTooLong() public {
        bytes memory tooLong = new bytes(513);
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.CiphertextTooLong.selector, 513, 512));
        vm.prank(alice);
        signal.requestPayment(deal, 1, bob, 2, tooLong, deadline);
    }

    function test_RevertWhen_ReceiptCiphertextTooLong() public {
        uint256 id = _request();
        bytes memory tooLong = new bytes(513);
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.CiphertextTooLong.selector, 513, 512));
        vm.prank(bob);
        signal.markPaid(id, tooLong);
        assertEq(signal.pendingRequestsOf(deal, alice, bob), 1, "still pending");
    }

    // ---------------------------------------------------------------- only official tokenizers' consenting parties

    /// @dev requestPayment asks only the official tokenizers: a tokenizer that says yes to everyone would otherwise
    /// let anyone emit PaymentRequested naming anyone as payer.
    function test_RevertWhen_FakeTokenizerSignalsPayments() public {
        YesManTokenizer fake = new YesManTokenizer();
        vm.prank(stranger);
        bytes32 h = registry.register(CONTENT, hex"", address(fake), address(0), bytes32(0), new address[](0));
        assertTrue(fake.isHolder(h, 1, stranger) && fake.isParty(h, 2, alice), "the fake says yes");

        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.UnofficialTokenizer.selector, address(fake)));
        vm.prank(stranger);
        signal.requestPayment(h, 1, alice, 2, hex"01", uint64(block.timestamp + 1 days));
    }

    /// @dev A record registered with its parties through a fake tokenizer fares no better.
    function test_RevertWhen_FakeTokenizerWithRegisteredPartiesSignalsPayments() public {
        YesManTokenizer fake = new YesManTokenizer();
        (address[] memory recipients, uint256[] memory amounts) = _threeParties();
        bytes32 h = _registerWithParties(address(fake), recipients, amounts);
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.UnofficialTokenizer.selector, address(fake)));
        vm.prank(alice);
        signal.requestPayment(h, 1, bob, 2, hex"01", uint64(block.timestamp + 1 days));
    }

    /// @dev Holding is not enough: a token pushed to someone (who never claimed, never consented) does not make them
    /// a payer that a request can name.
    function test_RevertWhen_PayerReceivedTheTokenByTransfer() public {
        uint256 role2 = multiParty.erc1155IdOf(deal, 2);
        vm.prank(bob);
        multiParty.safeTransferFrom(bob, stranger, role2, 1, "");
        assertTrue(multiParty.isHolder(deal, 2, stranger), "stranger holds role 2");

        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotParty.selector, stranger, 2));
        vm.prank(alice);
        signal.requestPayment(deal, 1, stranger, 2, hex"01", uint64(block.timestamp + 1 days));
    }
}
