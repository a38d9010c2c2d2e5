// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraEscrowV1} from "../../../src/escrow/IntegraEscrowV1.sol";
import {EscrowChecks} from "./EscrowChecks.sol";
import {
    Asset,
    Reentry,
    AttestKind,
    StrangerMove,
    EarlyMove,
    OpenStep,
    DepositStep,
    ApproveStep,
    AttestStep,
    ReleaseStep,
    RefundStep,
    DisputeStep,
    RuleStep,
    WithdrawStep,
    TransferStep,
    WarpStep,
    ArmStep,
    RefuseStep,
    BlockStep,
    StrangerStep,
    EarlyStep,
    FakeRuleStep
} from "./EscrowSteps.sol";

/// @notice The escrow handler, scripted. The invariants are only as good as the calls that reach the chain: a handler
/// whose calls all revert would check nothing. Each scenario is a fixed list of typed steps, performed exactly as the
/// fuzzed action that picks it would perform it (same attempts, same judging), and leaves every check passing.
contract EscrowScriptedRunsTest is EscrowChecks {
    uint256 internal constant DEAL_A = 0; // alice 1, bob 2 (x2), carol 3 (unclaimed), re-enterer 4, refuser 5
    uint256 internal constant DEAL_B = 1; // alice 1, bob 2, re-enterer 3 (x2); complete

    address internal keeper;
    address internal stranger_;
    address internal reenterer;
    address internal refuser;
    address internal arbA;
    address internal arbB;
    address internal judgeA;
    address internal judgeB;

    function setUp() public override {
        super.setUp();
        (keeper, stranger_) = (handler.keeper(), handler.stranger());
        (reenterer, refuser) = (address(handler.reenterer()), address(handler.refuser()));
        (arbA, arbB) = (address(handler.arbitratorA()), address(handler.arbitratorB()));
        (judgeA, judgeB) = (handler.judgeA(), handler.judgeB());
    }

    // ================================================================== scenarios

    /// @notice A dispute freezes the deposit (no release even once every condition holds, no refund after the refund
    /// time, no ruling by a stranger, the fake arbitrator or the other arbitrator) until the arbitrator's judge rules a
    /// split: 75 / 25 to payer and payee, once. Then an ether escrow split with a payee that refuses ether: its half is
    /// kept owed until it accepts and withdraws.
    function test_Scripted_DisputeThenSplit() public {
        uint16[] memory carolApproves = new uint16[](1);
        carolApproves[0] = 3;
        (bool ok, uint256 e1) = handler.runOpen(
            _open(DEAL_A, Asset.Stablecoin, 1_000e6, 1, 2, 3 days, 1, 2_500, false, carolApproves, 1, false)
        );
        assertTrue(ok && e1 == 1, "open");
        assertTrue(handler.runDeposit(DepositStep({escrowId: e1, caller: alice})), "alice deposits");
        assertTrue(!handler.runRelease(ReleaseStep({escrowId: e1, caller: keeper, uid: 0})), "no approval: no release");
        assertTrue(handler.runDispute(DisputeStep({escrowId: e1, caller: bob})), "bob disputes");
        assertTrue(!handler.runDispute(DisputeStep({escrowId: e1, caller: alice})), "no second dispute");

        // Every condition comes to hold while disputed: still no release.
        assertTrue(handler.runClaim(DEAL_A, 3), "carol claims");
        assertTrue(handler.runApprove(ApproveStep({escrowId: e1, tokenId: 3, caller: carol})), "carol approves");
        assertTrue(handler.conditionsHold(e1, 0), "conditions hold");
        assertTrue(!handler.runRelease(ReleaseStep({escrowId: e1, caller: keeper, uid: 0})), "disputed: no release");
        handler.runEarly(EarlyStep({move: EarlyMove.PayerReleasesToItself, escrowId: e1, uid: 0}));
        handler.runStranger(StrangerStep({move: StrangerMove.GiveRuling, escrowId: e1}));
        handler.runStranger(StrangerStep({move: StrangerMove.RuleDirect, escrowId: e1}));
        handler.runFakeRule(FakeRuleStep({disputeId: 0, ruling: 1}));
        assertTrue(
            !handler.runRule(RuleStep({arbitrator: arbB, caller: judgeB, disputeId: 0, ruling: 1})), "arbitrator B"
        );
        assertTrue(
            !handler.runRule(RuleStep({arbitrator: arbA, caller: judgeB, disputeId: 0, ruling: 1})), "wrong judge"
        );
        assertTrue(!handler.runRule(RuleStep({arbitrator: arbA, caller: judgeA, disputeId: 0, ruling: 4})), "ruling 4");

        // Past the refund time: still no refund, and no late dispute.
        handler.runWarp(WarpStep({by: 3 days}));
        assertTrue(!handler.runRefund(RefundStep({escrowId: e1, caller: keeper})), "disputed: no refund");
        handler.runEarly(EarlyStep({move: EarlyMove.PayeeDisputesLate, escrowId: e1, uid: 0}));

        uint256 aliceBefore = handler.stablecoin().balanceOf(alice);
        uint256 bobBefore = handler.stablecoin().balanceOf(bob);
        assertTrue(handler.runRule(RuleStep({arbitrator: arbA, caller: judgeA, disputeId: 0, ruling: 3})), "split");
        assertEq(handler.stablecoin().balanceOf(alice) - aliceBefore, 750e6, "payer's 75%");
        assertEq(handler.stablecoin().balanceOf(bob) - bobBefore, 250e6, "payee's 25%");
        assertTrue(uint8(escrow.getEscrow(e1).status) == uint8(IntegraEscrowV1.EscrowStatus.Ruled), "ruled");
        assertTrue(!handler.runRule(RuleStep({arbitrator: arbA, caller: judgeA, disputeId: 0, ruling: 1})), "once");
        assertTrue(!handler.runRefund(RefundStep({escrowId: e1, caller: keeper})), "ruled: no refund");

        // Ether, split with a payee that refuses ether: its half is kept owed.
        handler.runRefuse(RefuseStep({party: refuser, refusing: true}));
        (ok,) = handler.runOpen(
            _open(DEAL_A, Asset.Ether, 2 ether, 1, 5, 1 days, 1, 5_000, true, new uint16[](0), 0, false)
        );
        assertTrue(ok, "open ether");
        assertTrue(handler.runDeposit(DepositStep({escrowId: 2, caller: alice})), "alice deposits ether");
        assertTrue(handler.runDispute(DisputeStep({escrowId: 2, caller: alice})), "alice disputes");
        assertTrue(
            handler.runRule(RuleStep({arbitrator: arbA, caller: judgeA, disputeId: 1, ruling: 3})), "split ether"
        );
        assertEq(escrow.owedTo(2, refuser), 1 ether, "refuser's half owed");
        assertTrue(!handler.runWithdraw(WithdrawStep({escrowId: 2, account: refuser})), "still refusing");
        handler.runRefuse(RefuseStep({party: refuser, refusing: false}));
        assertTrue(handler.runWithdraw(WithdrawStep({escrowId: 2, account: refuser})), "withdraws");
        assertEq(refuser.balance, 1 ether, "refuser got its half");
        assertTrue(!handler.runWithdraw(WithdrawStep({escrowId: 2, account: refuser})), "withdraws once");

        assertEq(handler.successes("strangerRefused"), 2, "stranger refused");
        assertEq(handler.successes("fakeRuleRefused"), 1, "fake arbitrator refused");
        assertEq(handler.successes("earlyRefused"), 1, "late dispute refused");
        assertEq(handler.successes("payoutDeferred"), 1, "a payout deferred");
        _assertAllChecksPass();
    }

    /// @notice The re-enterer is the payee of a release and, on receiving the ether, calls back into the escrow:
    /// release (another escrow whose conditions hold), refund, withdraw and deposit are all refused by the guard; its
    /// approval of another escrow (it holds the approver token) is allowed, and the model follows it. The hook token
    /// re-enters from inside a deposit and a payout, and is refused too.
    function test_Scripted_ReenteringReceiverOnRelease() public {
        // e1: alice pays the re-enterer (deal B token 3); e2: bob pays alice; e3: approved by token 3 (the re-enterer).
        (bool ok, uint256 e1) =
            handler.runOpen(_open(DEAL_B, Asset.Ether, 5 ether, 1, 3, 2 days, 0, 0, true, new uint16[](0), 0, false));
        assertTrue(ok, "open e1");
        (ok,) =
            handler.runOpen(_open(DEAL_B, Asset.Ether, 2 ether, 2, 1, 2 days, 0, 0, true, new uint16[](0), 0, false));
        assertTrue(ok, "open e2");
        uint16[] memory token3 = new uint16[](1);
        token3[0] = 3;
        (ok,) = handler.runOpen(_open(DEAL_B, Asset.Stablecoin, 10e6, 1, 2, 2 days, 2, 0, false, token3, 1, false));
        assertTrue(ok, "open e3");
        assertTrue(handler.runDeposit(DepositStep({escrowId: e1, caller: alice})), "deposit e1");
        assertTrue(handler.runDeposit(DepositStep({escrowId: 2, caller: bob})), "deposit e2");

        Reentry[4] memory refused = [Reentry.Release, Reentry.Refund, Reentry.Withdraw, Reentry.Deposit];
        // One release per re-entry kind: e1 (5 ether) first, then fresh escrows paying the re-enterer.
        for (uint256 i; i < refused.length; ++i) {
            uint256 id = e1;
            if (i != 0) {
                (ok, id) = handler.runOpen(
                    _open(DEAL_B, Asset.Ether, 1 ether, 1, 3, 2 days, 0, 0, true, new uint16[](0), 0, false)
                );
                assertTrue(ok && handler.runDeposit(DepositStep({escrowId: id, caller: alice})), "open and fund");
            }
            handler.runArm(ArmStep({who: reenterer, kind: refused[i]}));
            uint256 before = reenterer.balance;
            assertTrue(handler.runRelease(ReleaseStep({escrowId: id, caller: keeper, uid: 0})), "release to re-enterer");
            assertEq(reenterer.balance - before, escrow.getEscrow(id).amount, "the re-enterer got the deposit");
            assertTrue(uint8(escrow.getEscrow(2).status) == uint8(IntegraEscrowV1.EscrowStatus.Funded), "e2 untouched");
        }
        assertEq(handler.successes("reentryRefused"), 4, "four re-entries refused");
        assertEq(handler.successes("reentry1"), 1, "release re-entered");

        // An approval from inside the payout is no guarded call: allowed, and counted by the model.
        (ok, e1) =
            handler.runOpen(_open(DEAL_B, Asset.Ether, 1 ether, 1, 3, 2 days, 0, 0, true, new uint16[](0), 0, false));
        assertTrue(ok && handler.runDeposit(DepositStep({escrowId: e1, caller: alice})), "open and fund");
        handler.runArm(ArmStep({who: reenterer, kind: Reentry.Approve}));
        assertTrue(handler.runRelease(ReleaseStep({escrowId: e1, caller: keeper, uid: 0})), "release");
        assertEq(escrow.getEscrow(3).approvedMask, 1, "the re-enterer's approval counted");

        // The hook token re-enters from inside a deposit's transfer, then from inside a payout's.
        (ok, e1) =
            handler.runOpen(_open(DEAL_B, Asset.HookToken, 7e6, 1, 2, 2 days, 0, 0, true, new uint16[](0), 0, false));
        assertTrue(ok, "open hook");
        handler.runArm(ArmStep({who: address(handler.hookToken()), kind: Reentry.Release}));
        assertTrue(handler.runDeposit(DepositStep({escrowId: e1, caller: alice})), "hook deposit");
        handler.runArm(ArmStep({who: address(handler.hookToken()), kind: Reentry.Refund}));
        assertTrue(handler.runRelease(ReleaseStep({escrowId: e1, caller: keeper, uid: 0})), "hook release");
        assertEq(handler.successes("reentryRefused"), 6, "hook re-entries refused");

        // e2 was never touched by any of it: released normally.
        assertTrue(handler.runRelease(ReleaseStep({escrowId: 2, caller: keeper, uid: 0})), "release e2");

        // The re-enterer refuses a payout (kept owed), then withdraws it and re-enters withdraw: paid once.
        handler.runRefuse(RefuseStep({party: reenterer, refusing: true}));
        (ok, e1) =
            handler.runOpen(_open(DEAL_B, Asset.Ether, 3 ether, 1, 3, 2 days, 0, 0, true, new uint16[](0), 0, false));
        assertTrue(ok && handler.runDeposit(DepositStep({escrowId: e1, caller: alice})), "open and fund");
        assertTrue(handler.runRelease(ReleaseStep({escrowId: e1, caller: keeper, uid: 0})), "release kept owed");
        assertEq(escrow.owedTo(e1, reenterer), 3 ether, "owed to the re-enterer");
        handler.runRefuse(RefuseStep({party: reenterer, refusing: false}));
        handler.runArm(ArmStep({who: reenterer, kind: Reentry.Withdraw}));
        uint256 balance = reenterer.balance;
        assertTrue(handler.runWithdraw(WithdrawStep({escrowId: e1, account: reenterer})), "withdraws");
        assertEq(reenterer.balance - balance, 3 ether, "paid once");
        assertEq(handler.successes("reentryRefused"), 7, "the second withdrawal refused");
        _assertAllChecksPass();
    }

    /// @notice At the refund time the keeper's release and the refund race: one second before, only release could
    /// pass (and the payer's early refund is refused); from the refund time on, release and dispute are refused even
    /// with every condition holding, and the refund passes once. A refund to a payer that refuses ether (or that the
    /// hook token blocklists) is kept owed until it accepts and withdraws.
    function test_Scripted_RefundRaceAfterRefundTime() public {
        (bool ok, uint256 e1) =
            handler.runOpen(_open(DEAL_A, Asset.Stablecoin, 500e6, 1, 2, 1 days, 2, 0, false, new uint16[](0), 0, true));
        assertTrue(ok, "open");
        assertTrue(handler.runDeposit(DepositStep({escrowId: e1, caller: alice})), "deposit");
        (, bytes32 uid) = handler.runAttest(AttestStep({kind: AttestKind.Good, record: DEAL_A, ttl: 0}));
        (, bytes32 stale) = handler.runAttest(AttestStep({kind: AttestKind.Expiring, record: DEAL_A, ttl: 1 hours}));
        assertTrue(handler.conditionsHold(e1, uid) && handler.conditionsHold(e1, stale), "inspected");

        uint40 refundAfter = escrow.getEscrow(e1).refundAfter;
        handler.runWarp(WarpStep({by: refundAfter - 1 - block.timestamp}));
        assertTrue(!handler.conditionsHold(e1, stale), "the expiring attestation expired");
        handler.runEarly(EarlyStep({move: EarlyMove.PayerRefundsEarly, escrowId: e1, uid: uid}));
        assertTrue(!handler.runRefund(RefundStep({escrowId: e1, caller: keeper})), "one second early");
        assertTrue(!handler.runRelease(ReleaseStep({escrowId: e1, caller: keeper, uid: stale})), "expired attestation");

        handler.runWarp(WarpStep({by: 1}));
        assertEq(block.timestamp, refundAfter, "at the refund time");
        assertTrue(!handler.runRelease(ReleaseStep({escrowId: e1, caller: keeper, uid: uid})), "release too late");
        assertTrue(!handler.runDispute(DisputeStep({escrowId: e1, caller: bob})), "dispute too late");
        handler.runEarly(EarlyStep({move: EarlyMove.PayeeDisputesLate, escrowId: e1, uid: uid}));
        uint256 before = handler.stablecoin().balanceOf(alice);
        assertTrue(handler.runRefund(RefundStep({escrowId: e1, caller: keeper})), "refund");
        assertEq(handler.stablecoin().balanceOf(alice) - before, 500e6, "the payer got its deposit back");
        assertTrue(!handler.runRefund(RefundStep({escrowId: e1, caller: alice})), "refund once");
        assertTrue(!handler.runRelease(ReleaseStep({escrowId: e1, caller: keeper, uid: uid})), "no release after");
        handler.runEarly(EarlyStep({move: EarlyMove.PayerWithdrawsUnowed, escrowId: e1, uid: 0}));

        // The refuser pays in ether and refuses the refund: kept owed.
        handler.runRefuse(RefuseStep({party: refuser, refusing: true}));
        uint256 e2;
        (ok, e2) =
            handler.runOpen(_open(DEAL_A, Asset.Ether, 3 ether, 5, 1, 1 hours, 0, 0, true, new uint16[](0), 0, false));
        assertTrue(ok && handler.runDeposit(DepositStep({escrowId: e2, caller: refuser})), "refuser deposits");
        handler.runWarp(WarpStep({by: 1 hours}));
        assertTrue(handler.runRefund(RefundStep({escrowId: e2, caller: keeper})), "refund kept owed");
        assertEq(escrow.owedTo(e2, refuser), 3 ether, "owed");
        assertTrue(!handler.runRefund(RefundStep({escrowId: e2, caller: keeper})), "refund once");
        assertTrue(!handler.runWithdraw(WithdrawStep({escrowId: e2, account: refuser})), "still refusing");
        handler.runStranger(StrangerStep({move: StrangerMove.Withdraw, escrowId: e2}));
        handler.runRefuse(RefuseStep({party: refuser, refusing: false}));
        assertTrue(handler.runWithdraw(WithdrawStep({escrowId: e2, account: refuser})), "withdraws");

        // The hook token blocklists alice: her refund is kept owed until the block is lifted.
        uint256 e3;
        (ok, e3) =
            handler.runOpen(_open(DEAL_A, Asset.HookToken, 9e6, 1, 2, 1 hours, 0, 0, true, new uint16[](0), 0, false));
        assertTrue(ok && handler.runDeposit(DepositStep({escrowId: e3, caller: alice})), "hook deposit");
        handler.runBlock(BlockStep({account: alice, blocked: true}));
        handler.runWarp(WarpStep({by: 1 hours}));
        assertTrue(handler.runRefund(RefundStep({escrowId: e3, caller: stranger_})), "refund kept owed");
        assertEq(escrow.owedTo(e3, alice), 9e6, "alice owed");
        assertTrue(!handler.runWithdraw(WithdrawStep({escrowId: e3, account: alice})), "blocked");
        handler.runBlock(BlockStep({account: alice, blocked: false}));
        assertTrue(handler.runWithdraw(WithdrawStep({escrowId: e3, account: alice})), "withdraws");

        assertEq(handler.successes("earlyRefused"), 3, "early refund, late dispute, unowed withdraw refused");
        assertEq(handler.successes("payoutDeferred"), 2, "two payouts deferred");
        _assertAllChecksPass();
    }

    /// @notice While the payee's token is split (holderOf is zero), a split ruling still goes through: the payer's
    /// half is paid at once, the payee's half is kept for the payee token (owed to no account, so nobody can withdraw
    /// it while the token stays split). The party that reassembles the whole token withdraws it, once; the one who
    /// gave its units away cannot. The invariants hold throughout.
    function test_Scripted_SplitRulingKeepsTheSplitTokensShare() public {
        (bool ok, uint256 e1) = handler.runOpen(
            _open(DEAL_A, Asset.Stablecoin, 100e6, 1, 2, 2 days, 1, 5_000, false, new uint16[](0), 0, true)
        );
        assertTrue(ok && handler.runDeposit(DepositStep({escrowId: e1, caller: alice})), "open and fund");
        assertTrue(handler.runDispute(DisputeStep({escrowId: e1, caller: alice})), "alice disputes");
        // bob (payee, token 2 of amount 2) gives one unit to carol: nobody holds the whole payee token.
        assertTrue(
            handler.runTransfer(TransferStep({record: DEAL_A, tokenId: 2, from: bob, to: carol, amount: 1})), "split"
        );
        uint256 aliceBefore = handler.stablecoin().balanceOf(alice);
        assertTrue(handler.runRule(RuleStep({arbitrator: arbA, caller: judgeA, disputeId: 0, ruling: 3})), "ruled");
        assertTrue(uint8(escrow.getEscrow(e1).status) == uint8(IntegraEscrowV1.EscrowStatus.Ruled), "ruled");
        assertEq(handler.stablecoin().balanceOf(alice) - aliceBefore, 50e6, "the payer's half paid at once");
        assertEq(escrow.owedToToken(e1, 2), 50e6, "the payee's half kept for its token");
        assertEq(escrow.owedTo(e1, bob), 0, "not bob's: he holds half the token");
        assertEq(escrow.owedTo(e1, carol), 0, "not carol's either");
        assertEq(handler.successes("keptForToken"), 1, "a share kept for a token");
        assertTrue(!handler.runWithdraw(WithdrawStep({escrowId: e1, account: bob})), "bob cannot withdraw it");
        assertTrue(!handler.runWithdraw(WithdrawStep({escrowId: e1, account: carol})), "carol cannot withdraw it");
        _assertAllChecksPass();

        // carol gets bob's other unit: she holds the whole payee token, and its share is hers.
        assertTrue(
            handler.runTransfer(TransferStep({record: DEAL_A, tokenId: 2, from: bob, to: carol, amount: 1})), "whole"
        );
        assertEq(escrow.owedTo(e1, carol), 50e6, "owed to the token's whole holder");
        assertTrue(!handler.runWithdraw(WithdrawStep({escrowId: e1, account: bob})), "not to the former holder");
        uint256 carolBefore = handler.stablecoin().balanceOf(carol);
        assertTrue(handler.runWithdraw(WithdrawStep({escrowId: e1, account: carol})), "carol withdraws");
        assertEq(handler.stablecoin().balanceOf(carol) - carolBefore, 50e6, "the payee's half");
        assertEq(escrow.owedToToken(e1, 2), 0, "nothing left for the token");
        assertTrue(!handler.runWithdraw(WithdrawStep({escrowId: e1, account: carol})), "withdraws once");
        assertEq(handler.successes("withdrawForToken"), 1, "a token's share withdrawn");
        _assertAllChecksPass();
    }

    /// @notice A fee-on-transfer deposit is refused, and the escrow stays Open.
    function test_Scripted_FeeOnTransferDepositRefused() public {
        (bool ok, uint256 e1) =
            handler.runOpen(_open(DEAL_B, Asset.FeeToken, 1_000e6, 1, 2, 1 days, 0, 0, true, new uint16[](0), 0, false));
        assertTrue(ok, "open");
        assertTrue(!handler.runDeposit(DepositStep({escrowId: e1, caller: alice})), "fee deposit refused");
        assertTrue(uint8(escrow.getEscrow(e1).status) == uint8(IntegraEscrowV1.EscrowStatus.Open), "still open");
        assertEq(handler.successes("feeDepositRefused"), 1, "counted");
        _assertAllChecksPass();
    }

    /// @dev The invariant runs ignore a handler action that reverts (fail_on_revert is off), so an action broken by an
    /// edge seed would silently test nothing: every action takes the extreme seeds without reverting.
    function test_Handler_ActionsTakeExtremeSeeds() public {
        uint256[2] memory seeds = [uint256(0), type(uint256).max];
        for (uint256 round; round < 2; ++round) {
            for (uint256 i; i < 2; ++i) {
                uint256 x = seeds[i];
                _everyAction(x);
            }
        }
        _assertAllChecksPass();
    }

    /// @notice A fixed pseudo-random walk over the fuzzer's actions reaches every outcome the invariants judge (each
    /// kind of settlement and ruling, deferred payouts and withdrawals, refused re-entries and attacks) and leaves
    /// every check passing: the campaign's actions do reach the chain.
    function test_Handler_RandomWalkReachesEveryOutcome() public {
        bytes32[23] memory keys = [
            bytes32("open"),
            "deposit",
            "approve",
            "attest",
            "revoke",
            "release",
            "refund",
            "dispute",
            "rule",
            "ruling0",
            "ruling1",
            "ruling2",
            "ruling3",
            "withdraw",
            "payoutDeferred",
            "keptForToken",
            "withdrawForToken",
            "transferToken",
            "reentryRefused",
            "strangerRefused",
            "earlyRefused",
            "fakeRuleRefused",
            "feeDepositRefused"
        ];
        uint256[23] memory reached;
        // Twelve walks of 150 steps, each from a fresh deployment (a walk fills MAX_ESCROWS and outlives their
        // refund times), as the campaign's runs do.
        for (uint256 walk; walk < 12; ++walk) {
            if (walk != 0) {
                // The accounts are the same addresses in every deployment: their ether starts from zero again.
                address[] memory accounts = handler.tracked();
                for (uint256 i; i < accounts.length; ++i) {
                    vm.deal(accounts[i], 0);
                }
                setUp();
            }
            for (uint256 step; step < 150; ++step) {
                uint256 seed = uint256(keccak256(abi.encode("walk", walk, step)));
                _action(
                    seed % 20,
                    uint256(keccak256(abi.encode(seed, 1))),
                    uint256(keccak256(abi.encode(seed, 2))),
                    uint256(keccak256(abi.encode(seed, 3))),
                    uint256(keccak256(abi.encode(seed, 4)))
                );
            }
            _assertAllChecksPass();
            for (uint256 i; i < keys.length; ++i) {
                reached[i] += handler.successes(keys[i]);
            }
        }
        bytes memory missing;
        for (uint256 i; i < keys.length; ++i) {
            if (reached[i] == 0) missing = abi.encodePacked(missing, " ", _name(keys[i]));
        }
        assertEq(missing.length, 0, string(abi.encodePacked("not reached:", missing)));
    }

    // ================================================================== helpers

    function _name(bytes32 key) internal pure returns (string memory) {
        uint256 n;
        while (n < 32 && key[n] != 0) ++n;
        bytes memory out = new bytes(n);
        for (uint256 i; i < n; ++i) {
            out[i] = key[i];
        }
        return string(out);
    }

    function _everyAction(uint256 x) internal {
        for (uint256 k; k < 20; ++k) {
            _action(k, x, x, x, x);
        }
    }

    function _action(uint256 k, uint256 a, uint256 b, uint256 c, uint256 d) internal {
        if (k == 0) handler.openEscrow(a, b, c, d);
        else if (k == 1) handler.deposit(a, b);
        else if (k == 2) handler.approve(a, b, c);
        else if (k == 3) handler.inspectorAttests(a, b, c);
        else if (k == 4) handler.inspectorRevokes(a);
        else if (k == 5) handler.keeperReleases(a, b, c);
        else if (k == 6) handler.keeperRefunds(a, b);
        else if (k == 7) handler.raiseDispute(a, b);
        else if (k == 8) handler.arbitratorRules(a, b, c);
        else if (k == 9) handler.withdraw(a, b);
        else if (k == 10) handler.transferPartyToken(a, b, c, d);
        else if (k == 11) handler.claimRemaining(a);
        else if (k == 12) handler.warp(a);
        else if (k == 13) handler.setRefusing(a);
        else if (k == 14) handler.setBlocked(a, b);
        else if (k == 15) handler.armReceiver(a);
        else if (k == 16) handler.armHookToken(a);
        else if (k == 17) handler.strangerStrikes(a, b);
        else if (k == 18) handler.partyTakesEarly(a, b, c);
        else handler.fakeArbitratorRules(a, b);
    }

    function _open(
        uint256 record,
        Asset asset,
        uint128 amount,
        uint16 payerTokenId,
        uint16 payeeTokenId,
        uint40 refundDelay,
        uint8 arbitrator,
        uint16 splitPayeeBps,
        bool agreementComplete,
        uint16[] memory approvers,
        uint8 approvalsRequired,
        bool attestation
    ) internal view returns (OpenStep memory) {
        return OpenStep({
            opener: owner,
            record: record,
            asset: asset,
            amount: amount,
            payerTokenId: payerTokenId,
            payeeTokenId: payeeTokenId,
            refundDelay: refundDelay,
            arbitrator: arbitrator,
            splitPayeeBps: splitPayeeBps,
            agreementComplete: agreementComplete,
            approvers: approvers,
            approvalsRequired: approvalsRequired,
            attestation: attestation
        });
    }
}
