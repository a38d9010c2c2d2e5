// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EscrowFixture} from "../utils/EscrowFixture.sol";
import {FeeOnTransferToken} from "../utils/EscrowTokens.sol";
import {IntegraEscrowV1} from "../../src/escrow/IntegraEscrowV1.sol";

/// @notice The escrow over any amount, any set of conditions, and any split.
contract EscrowFuzzTest is EscrowFixture {
    /// @dev The condition bits of a fuzzed escrow.
    uint256 internal constant AGREEMENT = 1;
    uint256 internal constant APPROVALS = 2;
    uint256 internal constant ATTESTATION = 4;
    uint256 internal constant PAYMENT = 8;
    uint256 internal constant MAX_FUZZ_APPROVERS = 4;

    address internal dave = vm.addr(0xD);
    address internal erin = vm.addr(0xE);

    /// @dev Five parties: alice, bob, carol and dave claimed tokens 1..4; erin's token 5 is only reserved, so the
    /// agreement completes when she claims.
    bytes32 internal deal;
    /// @dev An escrow already funded on the asset under test, so the contract holds other money than the fuzzed one.
    uint256 internal constant BACKGROUND = 7_777;

    struct Case {
        uint256 conditions;
        uint256 holding;
        uint256 approvers;
        uint256 required;
        uint256 given;
        bytes32 uid;
        uint64 paymentId;
    }

    Case internal c;

    function setUp() public override {
        super.setUp();
        address[] memory recipients = new address[](5);
        (recipients[0], recipients[1], recipients[2], recipients[3], recipients[4]) = (alice, bob, carol, dave, erin);
        uint256[] memory amounts = new uint256[](5);
        for (uint256 i; i < 5; ++i) amounts[i] = 1;
        deal = _registerWithParties(address(multiParty), recipients, amounts);
        for (uint256 i; i < 4; ++i) _claim(multiParty, recipients[i], deal, i + 1);
    }

    function _holderOfToken(uint256 tokenId) internal view returns (address) {
        if (tokenId == 1) return alice;
        if (tokenId == 2) return bob;
        if (tokenId == 3) return carol;
        return dave;
    }

    function _balance(address asset, address account) internal view returns (uint256) {
        return asset == address(0) ? account.balance : usd.balanceOf(account);
    }

    function _baseTerms(bool inEther, uint256 amount) internal view returns (IntegraEscrowV1.Terms memory terms) {
        terms = _terms(deal);
        terms.agreementComplete = false;
        terms.asset = inEther ? address(0) : address(usd);
        terms.amount = uint128(amount);
    }

    /// @dev Funds an escrow on `asset` that stays untouched: the fuzzed escrow must leave it in place.
    function _fundBackground(bool inEther) internal {
        IntegraEscrowV1.Terms memory terms = _baseTerms(inEther, BACKGROUND);
        terms.agreementComplete = true;
        _openFunded(terms);
    }

    /// @dev The terms with the chosen conditions; `c` says which and how many approvals.
    function _conditionTerms(bool inEther, uint256 amount) internal returns (IntegraEscrowV1.Terms memory terms) {
        terms = _baseTerms(inEther, amount);
        if (c.conditions & AGREEMENT != 0) terms.agreementComplete = true;
        if (c.conditions & APPROVALS != 0) {
            terms.approverTokenIds = new uint16[](c.approvers);
            for (uint256 i; i < c.approvers; ++i) terms.approverTokenIds[i] = uint16(i + 1);
            terms.approvalsRequired = uint8(c.required);
        }
        if (c.conditions & ATTESTATION != 0) {
            terms.attester = inspector;
            terms.attestationSchema = conditionSchema;
        }
        if (c.conditions & PAYMENT != 0) {
            vm.prank(bob);
            c.paymentId = uint64(signal.requestPayment(deal, 2, alice, 1, hex"a1", uint64(block.timestamp + 60 days)));
            terms.paymentId = c.paymentId;
        }
    }

    /// @dev Makes each chosen condition hold, or not, as `c.holding` says.
    function _settleConditions() internal {
        uint256 chosen = c.conditions;
        if (chosen & AGREEMENT != 0 && c.holding & AGREEMENT != 0) _claim(multiParty, erin, deal, 5);
        if (chosen & APPROVALS != 0) {
            for (uint256 i; i < c.given; ++i) _approveRelease(escrow.escrowCount(), i + 1, _holderOfToken(i + 1));
        }
        if (chosen & ATTESTATION != 0) {
            c.uid = c.holding & ATTESTATION != 0
                ? _attestInspection(deal)
                : _attestCondition(stranger, conditionSchema, deal, 0);
        }
        if (chosen & PAYMENT != 0 && c.holding & PAYMENT != 0) {
            vm.prank(alice);
            signal.markPaid(c.paymentId, "");
        }
    }

    /// @dev The error of the first chosen condition that fails, in the order `release` checks them.
    function _expectFirstFailure() internal {
        uint256 failing = c.conditions & ~c.holding;
        if (failing & AGREEMENT != 0) {
            vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.AgreementNotComplete.selector, deal));
        } else if (failing & APPROVALS != 0) {
            vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NotEnoughApprovals.selector, c.given, c.required));
        } else if (failing & ATTESTATION != 0) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IntegraEscrowV1.AttestationNotAccepted.selector, c.uid, IntegraEscrowV1.AttestationFault.WrongAttester
                )
            );
        } else {
            vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.PaymentNotPaid.selector, c.paymentId));
        }
    }

    function testFuzz_Release_SucceedsExactlyWhenEveryChosenConditionHolds(
        uint256 conditions,
        uint256 holding,
        uint256 approvers,
        uint256 required,
        uint256 given,
        uint256 amount,
        bool inEther
    ) public {
        c.conditions = bound(conditions, 1, 15);
        c.holding = bound(holding, 0, 15);
        c.approvers = bound(approvers, 1, MAX_FUZZ_APPROVERS);
        c.required = bound(required, 1, c.approvers);
        c.given = c.holding & APPROVALS != 0 ? bound(given, c.required, c.approvers) : bound(given, 0, c.required - 1);
        amount = bound(amount, 1, type(uint128).max);
        address asset = inEther ? address(0) : address(usd);

        _fundBackground(inEther);
        uint256 escrowId = _open(_conditionTerms(inEther, amount));
        uint256 held = _balance(asset, address(escrow));
        _fund(escrowId);
        assertEq(_balance(asset, address(escrow)), held + amount, "deposit arrived");
        _settleConditions();
        (,,,, bool allHold) = escrow.checkConditions(escrowId, c.uid);
        bool expected = c.conditions & ~c.holding == 0;
        assertEq(allHold, expected, "checkConditions agrees");

        uint256 payeeBefore = _balance(asset, bob);
        if (!expected) _expectFirstFailure();
        vm.prank(keeper);
        escrow.release(escrowId, c.uid);

        if (expected) {
            assertEq(_balance(asset, bob) - payeeBefore, amount, "payee got exactly the amount");
            assertEq(_balance(asset, address(escrow)), held, "escrow back to what it held");
            assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Released), "released");
        } else {
            assertEq(_balance(asset, address(escrow)), held + amount, "deposit still held");
            assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Funded), "still funded");
        }
    }

    function testFuzz_Rule_SplitPaysTheWholeAmountByTheShare(uint256 amount, uint256 bps, bool inEther) public {
        amount = bound(amount, 1, type(uint128).max);
        bps = bound(bps, 0, 10_000);
        address asset = inEther ? address(0) : address(usd);
        _fundBackground(inEther);
        IntegraEscrowV1.Terms memory terms = _baseTerms(inEther, amount);
        terms.agreementComplete = true;
        terms.splitPayeeBps = uint16(bps);
        uint256 escrowId = _open(terms);
        uint256 held = _balance(asset, address(escrow));
        _fund(escrowId);
        uint256 payeeBefore = _balance(asset, bob);
        uint256 payerBefore = _balance(asset, alice);

        _giveRuling(_dispute(escrowId, alice), 3);

        uint256 toPayee = _balance(asset, bob) - payeeBefore;
        uint256 toPayer = _balance(asset, alice) - payerBefore;
        assertEq(toPayee + toPayer, amount, "the whole amount, no more");
        assertEq(toPayee, amount * bps / 10_000, "payee's share rounds down");
        assertEq(_balance(asset, address(escrow)), held, "escrow back to what it held");
    }

    function testFuzz_Rule_EveryRulingPaysOutTheWholeAmountOnce(uint256 amount, uint256 ruling) public {
        amount = bound(amount, 1, type(uint128).max);
        ruling = bound(ruling, 0, 3);
        _fundBackground(false);
        IntegraEscrowV1.Terms memory terms = _baseTerms(false, amount);
        terms.agreementComplete = true;
        uint256 escrowId = _open(terms);
        uint256 held = usd.balanceOf(address(escrow));
        _fund(escrowId);
        uint256 disputeId = _dispute(escrowId, bob);
        _giveRuling(disputeId, ruling);

        uint256 toPayee = usd.balanceOf(bob);
        uint256 expectedToPayee = ruling == 1 ? amount : ruling == 3 ? amount * SPLIT_BPS / 10_000 : 0;
        assertEq(toPayee, expectedToPayee, "payee");
        assertEq(usd.balanceOf(alice), amount - expectedToPayee, "payer");
        assertEq(usd.balanceOf(address(escrow)), held, "escrow back to what it held");

        vm.expectRevert(
            abi.encodeWithSelector(IntegraEscrowV1.WrongStatus.selector, escrowId, IntegraEscrowV1.EscrowStatus.Ruled)
        );
        vm.prank(address(arbitrator));
        escrow.rule(disputeId, ruling);
    }

    /// @dev Before the refund time only release can move the deposit, from it only refund.
    function testFuzz_ReleaseAndRefundAreExclusiveInTime(uint256 elapsed) public {
        IntegraEscrowV1.Terms memory terms = _terms(deal);
        terms.agreementComplete = false;
        terms.approverTokenIds = new uint16[](1);
        terms.approverTokenIds[0] = 3;
        terms.approvalsRequired = 1;
        uint256 escrowId = _openFunded(terms);
        _approveRelease(escrowId, 3, carol);
        vm.warp(block.timestamp + bound(elapsed, 0, 2 * ESCROW_DURATION));
        bool late = block.timestamp >= terms.refundAfter;

        if (late) {
            vm.expectRevert(
                abi.encodeWithSelector(IntegraEscrowV1.RefundTimeReached.selector, escrowId, terms.refundAfter)
            );
        }
        escrow.release(escrowId, bytes32(0));
        if (!late) {
            vm.expectRevert(
                abi.encodeWithSelector(IntegraEscrowV1.WrongStatus.selector, escrowId, IntegraEscrowV1.EscrowStatus.Released)
            );
        }
        escrow.refund(escrowId);
        assertEq(usd.balanceOf(late ? alice : bob), AMOUNT, "paid once, to the side the time decides");
        assertEq(usd.balanceOf(address(escrow)), 0, "escrow empty");
    }

    function testFuzz_Open_AcceptsExactlyTheRefundWindow(uint256 time) public {
        uint256 latest = block.timestamp + escrow.MAX_DURATION();
        uint40 refundAfter = uint40(bound(time, block.timestamp - escrow.MAX_DURATION(), latest + escrow.MAX_DURATION()));
        IntegraEscrowV1.Terms memory terms = _terms(deal);
        terms.refundAfter = refundAfter;
        if (refundAfter <= block.timestamp) {
            vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.RefundTimeInPast.selector, refundAfter));
        } else if (refundAfter > latest) {
            vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.RefundTimeTooFar.selector, refundAfter, latest));
        }
        vm.prank(owner);
        uint256 escrowId = escrow.open(terms);
        if (refundAfter > block.timestamp && refundAfter <= latest) {
            assertEq(escrow.getEscrow(escrowId).refundAfter, refundAfter, "stored");
        }
    }

    /// @dev A fee-on-transfer token is refused exactly when its fee is not zero.
    function testFuzz_Deposit_RefusesEveryShortDelivery(uint256 amount) public {
        amount = bound(amount, 1, type(uint128).max);
        FeeOnTransferToken fee = new FeeOnTransferToken();
        IntegraEscrowV1.Terms memory terms = _terms(deal);
        terms.asset = address(fee);
        terms.amount = uint128(amount);
        uint256 escrowId = _open(terms);
        fee.mint(alice, amount);
        vm.prank(alice);
        fee.approve(address(escrow), amount);
        uint256 received = amount - amount * fee.FEE_BPS() / 10_000;
        if (received != amount) {
            vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.ShortDeposit.selector, received, amount));
        }
        vm.prank(alice);
        escrow.deposit(escrowId);
        if (received == amount) assertEq(fee.balanceOf(address(escrow)), amount, "a fee of zero delivers it all");
    }
}
