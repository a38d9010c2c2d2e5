// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraFixture} from "../utils/IntegraFixture.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";

/// @notice Deadlines and expiry of payment signals across the whole uint64 range.
contract SignalFuzzTest is IntegraFixture {
    bytes32 internal deal;
    bytes internal constant AMOUNT = hex"a1b2c3d4";

    function setUp() public override {
        super.setUp();
        deal = _threePartyRecord();
        _claim(multiParty, alice, deal, 1);
        _claim(multiParty, bob, deal, 2);
    }

    function _request(uint64 deadline) internal returns (uint256) {
        vm.prank(alice);
        return signal.requestPayment(deal, 1, bob, 2, AMOUNT, deadline);
    }

    function testFuzz_RequestPayment_AcceptsAnyFutureDeadline(uint64 deadline) public {
        deadline = uint64(bound(deadline, block.timestamp + 1, type(uint64).max));
        uint256 id = _request(deadline);
        IntegraSignalV1.Payment memory payment = signal.getPayment(id);
        assertEq(payment.deadline, deadline, "deadline stored");
        assertEq(uint256(payment.status), uint256(IntegraSignalV1.PaymentStatus.Pending), "pending");
    }

    function testFuzz_RevertWhen_DeadlineIsNotInTheFuture(uint64 deadline) public {
        deadline = uint64(bound(deadline, 0, block.timestamp));
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.DeadlineInPast.selector, deadline));
        _request(deadline);
    }

    function testFuzz_StatusIsExpiredIffPastDeadline(uint256 lifetime, uint256 elapsed) public {
        uint64 deadline = uint64(block.timestamp + bound(lifetime, 1, 3650 days));
        uint256 id = _request(deadline);
        uint256 later = block.timestamp + bound(elapsed, 0, 7300 days);
        vm.warp(later);

        bool expired = later > deadline;
        IntegraSignalV1.PaymentStatus expected =
            expired ? IntegraSignalV1.PaymentStatus.Expired : IntegraSignalV1.PaymentStatus.Pending;
        assertEq(uint256(signal.statusOf(id)), uint256(expected), "statusOf");
        assertEq(uint256(signal.getPayment(id).status), uint256(expected), "getPayment");

        if (expired) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IntegraSignalV1.PaymentNotPending.selector, id, IntegraSignalV1.PaymentStatus.Expired
                )
            );
            vm.prank(bob);
            signal.markPaid(id, "");
        } else {
            vm.prank(bob);
            signal.markPaid(id, "");
            assertEq(uint256(signal.statusOf(id)), uint256(IntegraSignalV1.PaymentStatus.Paid), "paid");
        }
    }

    function testFuzz_EncryptedAmountIsEmittedUninterpreted(bytes calldata encryptedAmount) public {
        vm.assume(encryptedAmount.length > 0);
        uint64 deadline = uint64(block.timestamp + 1 days);
        vm.expectEmit(true, true, true, true, address(signal));
        emit IntegraSignalV1.PaymentRequested(deal, PROCESS, bob, 1, alice, 1, 2, encryptedAmount, deadline, block.timestamp);
        vm.prank(alice);
        uint256 id = signal.requestPayment(deal, 1, bob, 2, encryptedAmount, deadline);
        assertEq(id, 1, "id");
    }
}
