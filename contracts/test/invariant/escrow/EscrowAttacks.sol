// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraEscrowV1} from "../../../src/escrow/IntegraEscrowV1.sol";
import {IArbitrable} from "../../../src/interfaces/IArbitrable.sol";
import {EscrowPickers} from "./EscrowPickers.sol";
import {
    Reentry,
    StrangerMove,
    EarlyMove,
    OpenStep,
    DepositStep,
    ApproveStep,
    ReleaseStep,
    RefundStep,
    DisputeStep,
    RuleStep,
    WithdrawStep,
    ArmStep,
    StrangerStep,
    EarlyStep,
    FakeRuleStep
} from "./EscrowSteps.sol";

/// @notice The adversaries at work, as the fuzzer drives them: a stranger (no token, no authority, not a judge)
/// trying to open, deposit, approve, dispute and rule; a payer trying to get its deposit back early and a payee
/// trying to take it early; a fake arbitrator calling `rule` with a real arbitrator's dispute ids; the re-enterer
/// party (on ether receipt) and the hook token (on transfer) re-entering the escrow from inside its payouts, deposits
/// and withdrawals. (The refusing party and the hook token's blocklist are set by the actions.)
/// @dev Each move that must fail counts its refusal (`successes["...Refused"]`), so a scripted run shows every attack
/// was made and refused; one that succeeds is an adversary violation besides what the model's judging records.
abstract contract EscrowAttacks is EscrowPickers {
    // ================================================================== the fuzzer's targets

    /// @notice Arms the re-enterer party: on its next ether receipt (a payout or a withdrawal) it calls the escrow
    /// (see EscrowAttempts.reentryCall).
    function armReceiver(uint256 kindSeed) external {
        _arm(ArmStep({who: address(reenterer), kind: Reentry(1 + kindSeed % 7)}));
    }

    /// @notice Arms the hook token: on its next transfer (a deposit, a payout, a withdrawal) it calls the escrow.
    function armHookToken(uint256 kindSeed) external {
        _arm(ArmStep({who: address(hookToken), kind: Reentry(1 + kindSeed % 7)}));
    }

    function strangerStrikes(uint256 moveSeed, uint256 escrowSeed) external {
        uint256 id = _pickEscrow(escrowSeed);
        StrangerMove move = StrangerMove(moveSeed % 7);
        if (id == 0 && move != StrangerMove.Open) return;
        _performStranger(StrangerStep({move: move, escrowId: id}), moveSeed >> 8);
    }

    function partyTakesEarly(uint256 moveSeed, uint256 escrowSeed, uint256 uidSeed) external {
        uint256 id = _pickEscrowIn(escrowSeed, IntegraEscrowV1.EscrowStatus.Funded, BEFORE_REFUND_TIME);
        if (id == 0) return;
        bytes32 uid = uidSeed % 4 == 3 ? bytes32(0) : _goodUid(_escrows[id - 1].record);
        _performEarly(EarlyStep({move: EarlyMove(moveSeed % 6), escrowId: id, uid: uid}));
    }

    /// @notice The fake arbitrator calls `rule` with the dispute id of a disputed escrow (or any id).
    function fakeArbitratorRules(uint256 escrowSeed, uint256 rulingSeed) external {
        uint256 id = _pickEscrowIn(escrowSeed, IntegraEscrowV1.EscrowStatus.Disputed);
        uint256 disputeId = id == 0 ? rulingSeed >> 8 : _escrows[id - 1].disputeId;
        _performFakeRule(FakeRuleStep({disputeId: disputeId, ruling: rulingSeed % 4}));
    }

    // ================================================================== performing a step

    function _performStranger(StrangerStep memory s, uint256 details) internal {
        bool ok;
        if (s.move == StrangerMove.Open) {
            OpenStep memory o = _pickOpen(details, details >> 96, details >> 160);
            o.opener = stranger;
            (ok,) = _tryOpen(o);
        } else if (s.move == StrangerMove.Deposit) {
            ok = _tryDeposit(DepositStep({escrowId: s.escrowId, caller: stranger}));
        } else if (s.move == StrangerMove.Approve) {
            ApproveStep memory a = _pickApprove(s.escrowId, details, FIRST);
            a.caller = stranger;
            ok = _tryApprove(a);
        } else if (s.move == StrangerMove.Dispute) {
            ok = _tryDispute(DisputeStep({escrowId: s.escrowId, caller: stranger}));
        } else if (s.move == StrangerMove.RuleDirect) {
            // The stranger calls the escrow's `rule` itself, with the escrow's dispute id.
            uint256 disputeId = _escrows[s.escrowId - 1].disputeId;
            (ok,) = _call(stranger, address(escrow), 0, abi.encodeCall(IArbitrable.rule, (disputeId, 1 + details % 3)));
            if (ok) _violate(V_RULE, "a stranger's own call to rule was taken");
        } else if (s.move == StrangerMove.GiveRuling) {
            RuleStep memory r = _pickRule(s.escrowId, details, FIRST);
            r.caller = stranger;
            ok = _tryRule(r);
        } else {
            ok = _tryWithdraw(WithdrawStep({escrowId: s.escrowId, account: stranger}));
        }
        if (ok) _violate(V_ADVERSARY, "a stranger's move succeeded");
        else successes["strangerRefused"]++;
    }

    /// @dev The payer's and payee's attempts to take the money early. The must-fail ones are made only when they
    /// must fail (before the refund time, with nothing owed, while a condition does not hold, after the refund
    /// time); the others are judged as any call.
    function _performEarly(EarlyStep memory s) internal {
        EscrowGhost storage g = _escrows[s.escrowId - 1];
        address payer = holderGhost(g.record, g.payerTokenId);
        address payee = holderGhost(g.record, g.payeeTokenId);
        if (payer == address(0) || payee == address(0)) return;
        bool mustFail;
        bool ok;
        if (s.move == EarlyMove.PayerRefundsEarly) {
            if (block.timestamp >= g.refundAfter) return;
            mustFail = true;
            ok = _tryRefund(RefundStep({escrowId: s.escrowId, caller: payer}));
        } else if (s.move == EarlyMove.PayerReleasesToItself) {
            ok = _tryRelease(ReleaseStep({escrowId: s.escrowId, caller: payer, uid: s.uid}));
        } else if (s.move == EarlyMove.PayerWithdrawsUnowed) {
            mustFail = owedToGhost(s.escrowId, payer) == 0;
            ok = _tryWithdraw(WithdrawStep({escrowId: s.escrowId, account: payer}));
        } else if (s.move == EarlyMove.PayeeReleasesEarly) {
            if (conditionsHold(s.escrowId, s.uid)) return;
            mustFail = true;
            ok = _tryRelease(ReleaseStep({escrowId: s.escrowId, caller: payee, uid: s.uid}));
        } else if (s.move == EarlyMove.PayeeRefunds) {
            ok = _tryRefund(RefundStep({escrowId: s.escrowId, caller: payee}));
        } else {
            if (block.timestamp < g.refundAfter) return;
            mustFail = true;
            ok = _tryDispute(DisputeStep({escrowId: s.escrowId, caller: payee}));
        }
        if (!mustFail) return;
        if (ok) _violate(V_ADVERSARY, "a payer or payee took the money early");
        else successes["earlyRefused"]++;
    }

    function _performFakeRule(FakeRuleStep memory s) internal {
        bool ok = fakeArbitrator.strike(IArbitrable(address(escrow)), s.disputeId, s.ruling);
        if (ok) {
            _violate(V_ADVERSARY, "the fake arbitrator's ruling was taken");
            _violate(V_RULE, "a ruling by an arbitrator no escrow names was taken");
        } else {
            successes["fakeRuleRefused"]++;
        }
    }
}
