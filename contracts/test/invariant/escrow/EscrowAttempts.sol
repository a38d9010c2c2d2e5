// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    IEAS,
    AttestationRequest,
    AttestationRequestData,
    RevocationRequest,
    RevocationRequestData
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IntegraEscrowV1} from "../../../src/escrow/IntegraEscrowV1.sol";
import {SingleSignerArbitratorV1} from "../../../src/arbitration/SingleSignerArbitratorV1.sol";
import {IntegraTokenizerBase} from "../../../src/tokenizers/IntegraTokenizerBase.sol";
import {Capabilities} from "../../../src/Capabilities.sol";
import {EscrowModel} from "./EscrowModel.sol";
import {EscrowDeployment} from "./EscrowCast.sol";
import {ReentryReport, EscrowParty} from "./EscrowAdversaries.sol";
import {
    Asset,
    Reentry,
    AttestKind,
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
    ArmStep
} from "./EscrowSteps.sol";

/// @notice One call each: an attempt funds its caller if it needs to, makes the call as its caller (a prank), reads
/// what the re-entering contracts did meanwhile, and on success only hands the call to the model. Attempts never
/// assert and never revert: fail_on_revert is off, and a refusal is an outcome like any other.
abstract contract EscrowAttempts is EscrowModel {
    /// @dev The escrow whose call is under way (its deposit, payout or withdrawal), which a re-entry avoids when it
    /// has another target: the chain already moved it, the model not yet.
    uint256 internal _inFlight;

    constructor(EscrowDeployment memory d) EscrowModel(d) {}

    // ------------------------------------------------------------------ escrow calls

    function _tryOpen(OpenStep memory s) internal returns (bool ok, uint256 escrowId) {
        bytes memory ret;
        (ok, ret) = _call(s.opener, address(escrow), 0, abi.encodeCall(IntegraEscrowV1.open, (_terms(s))));
        if (!ok) return (false, 0);
        escrowId = abi.decode(ret, (uint256));
        _onOpened(s, escrowId);
    }

    /// @dev Mints (or deals) the amount to the caller and approves the escrow first, so only the escrow's rules
    /// decide.
    function _tryDeposit(DepositStep memory s) internal returns (bool ok) {
        EscrowGhost storage g = _escrows[s.escrowId - 1];
        uint256 value;
        if (g.asset == Asset.Ether) {
            value = g.amount;
            vm.deal(s.caller, s.caller.balance + value);
            _funded[Asset.Ether][s.caller] += value;
        } else {
            _mint(g.asset, s.caller, g.amount);
            vm.prank(s.caller);
            IERC20(assetAddress(g.asset)).approve(address(escrow), g.amount);
        }
        _inFlight = s.escrowId;
        (ok,) = _call(s.caller, address(escrow), value, abi.encodeCall(IntegraEscrowV1.deposit, (s.escrowId)));
        _inFlight = 0;
        if (!ok) {
            if (g.asset == Asset.FeeToken) successes["feeDepositRefused"]++;
            return false;
        }
        _onDeposited(s.escrowId, s.caller);
    }

    function _tryApprove(ApproveStep memory s) internal returns (bool ok) {
        (ok,) = _call(
            s.caller, address(escrow), 0, abi.encodeCall(IntegraEscrowV1.approveRelease, (s.escrowId, s.tokenId))
        );
        if (ok) _onApproved(s.escrowId, s.tokenId, s.caller);
    }

    function _tryRelease(ReleaseStep memory s) internal returns (bool ok) {
        Snapshot memory snap = _escrowSnapshot(s.escrowId);
        _inFlight = s.escrowId;
        (ok,) = _call(s.caller, address(escrow), 0, abi.encodeCall(IntegraEscrowV1.release, (s.escrowId, s.uid)));
        _inFlight = 0;
        if (ok) _onReleased(s.escrowId, s.uid, snap);
    }

    function _tryRefund(RefundStep memory s) internal returns (bool ok) {
        Snapshot memory snap = _escrowSnapshot(s.escrowId);
        _inFlight = s.escrowId;
        (ok,) = _call(s.caller, address(escrow), 0, abi.encodeCall(IntegraEscrowV1.refund, (s.escrowId)));
        _inFlight = 0;
        if (ok) _onRefunded(s.escrowId, snap);
    }

    function _tryDispute(DisputeStep memory s) internal returns (bool ok) {
        (ok,) = _call(s.caller, address(escrow), 0, abi.encodeCall(IntegraEscrowV1.raiseDispute, (s.escrowId)));
        if (ok) _onDisputed(s.escrowId, s.caller);
    }

    /// @dev The ruling as an arbitrator gives it: its judge calls `giveRuling`, which calls the escrow's `rule`.
    function _tryRule(RuleStep memory s) internal returns (bool ok) {
        uint256 escrowId = _disputeEscrow[s.arbitrator][s.disputeId];
        Snapshot memory snap;
        if (escrowId != 0) snap = _escrowSnapshot(escrowId);
        _inFlight = escrowId;
        (ok,) = _call(
            s.caller, s.arbitrator, 0, abi.encodeCall(SingleSignerArbitratorV1.giveRuling, (s.disputeId, s.ruling))
        );
        _inFlight = 0;
        if (ok) _onRuled(s.arbitrator, s.caller, s.disputeId, s.ruling, snap);
    }

    function _tryWithdraw(WithdrawStep memory s) internal returns (bool ok) {
        Snapshot memory snap = _snapshot(_escrows[s.escrowId - 1].asset, address(0), s.account);
        _inFlight = s.escrowId;
        (ok,) = _call(s.account, address(escrow), 0, abi.encodeCall(IntegraEscrowV1.withdraw, (s.escrowId)));
        _inFlight = 0;
        if (ok) _onWithdrawn(s.escrowId, s.account, snap);
    }

    // ------------------------------------------------------------------ tokens and attestations

    /// @dev The record's owner attests CLAIM for the token's recipient, who claims it at once.
    function _tryClaim(uint256 record, uint16 tokenId) internal returns (bool ok) {
        bytes32 ih = _recordHashes[record];
        address party = _tokens[record][tokenId].reservedFor;
        bytes memory data = abi.encode(ih, uint256(tokenId), Capabilities.CLAIM, processHash);
        vm.prank(owner);
        bytes32 uid = eas.attest(
            AttestationRequest({
                schema: capabilitySchema,
                data: AttestationRequestData({
                    recipient: party, expirationTime: 0, revocable: true, refUID: bytes32(0), data: data, value: 0
                })
            })
        );
        (ok,) = _call(
            party,
            address(multiParty),
            0,
            abi.encodeCall(IntegraTokenizerBase.claimToken, (ih, uint256(tokenId), uid, processHash))
        );
        if (ok) _onClaimed(record, tokenId);
    }

    function _tryTransfer(TransferStep memory s) internal returns (bool ok) {
        uint256 id = multiParty.erc1155IdOf(_recordHashes[s.record], s.tokenId);
        (ok,) = _call(
            s.from, address(multiParty), 0, abi.encodeCall(IERC1155.safeTransferFrom, (s.from, s.to, id, s.amount, ""))
        );
        if (ok) _onTransferred(s.record, s.tokenId, s.from, s.to, s.amount);
    }

    /// @dev An attestation on the condition schema: the inspector's, about the record, never expiring (Good); or one
    /// that must not satisfy an escrow of that record (another record, expiring soon, a stranger's, a look-alike
    /// schema's). Returns its uid.
    function _tryAttest(AttestStep memory s) internal returns (bool ok, bytes32 uid) {
        address attester = s.kind == AttestKind.ByStranger ? stranger : inspector;
        bytes32 schema = s.kind == AttestKind.LookalikeSchema ? lookalikeSchema : conditionSchema;
        bytes32 about = s.kind == AttestKind.OtherRecord ? keccak256("another record") : _recordHashes[s.record];
        uint64 expirationTime = s.kind == AttestKind.Expiring ? uint64(block.timestamp) + s.ttl : 0;
        bytes memory ret;
        (ok, ret) = _call(
            attester,
            address(eas),
            0,
            abi.encodeCall(
                IEAS.attest,
                (AttestationRequest({
                        schema: schema,
                        data: AttestationRequestData({
                            recipient: address(0),
                            expirationTime: expirationTime,
                            revocable: true,
                            refUID: bytes32(0),
                            data: abi.encode(about, true),
                            value: 0
                        })
                    }))
            )
        );
        if (!ok) return (false, bytes32(0));
        uid = abi.decode(ret, (bytes32));
        _onAttested(uid, attester, schema, about, expirationTime);
    }

    function _tryRevoke(uint256 index) internal returns (bool ok) {
        AttestationGhost storage a = _attestations[index];
        (ok,) = _call(
            a.attester,
            address(eas),
            0,
            abi.encodeCall(
                IEAS.revoke,
                (RevocationRequest({schema: a.schema, data: RevocationRequestData({uid: a.uid, value: 0})}))
            )
        );
        if (ok) _onRevoked(index);
    }

    // ------------------------------------------------------------------ the adversaries' set-up

    /// @dev Arms the re-enterer party or the hook token with one re-entry into the escrow.
    function _arm(ArmStep memory s) internal {
        ReentryReport(s.who).arm(uint8(s.kind));
        successes["arm"]++;
    }

    function _setRefusing(address party, bool refusing) internal {
        EscrowParty(payable(party)).setRefusing(refusing);
        _refusing[party] = refusing;
    }

    function _setBlocked(address account, bool blocked) internal {
        hookToken.setBlocked(account, blocked);
        _blocked[account] = blocked;
    }

    /// @notice Asked by a re-entering contract (`caller`) when it fires, in the middle of an escrow call: the call
    /// of `kind` that would do the most harm now, on another escrow than the one under way when there is one.
    /// Release: a deposit whose conditions hold, before its refund time. Refund: one past its refund time. Withdraw: a
    /// payout kept owed to the caller (the one under way first: a second withdrawal of it). Deposit: an Open escrow
    /// the caller pays. Dispute: a Funded escrow the caller is a party of. Rule: a disputed escrow's dispute id.
    /// Approve: an approver token the caller holds, not approved yet.
    function reentryCall(uint8 kind, address caller)
        external
        view
        returns (address target, bytes memory data, uint256 escrowId, uint256 tokenId)
    {
        target = address(escrow);
        Reentry k = Reentry(kind);
        bytes32 uid;
        (escrowId, tokenId, uid) = _reentryTarget(k, caller);
        if (k == Reentry.Release) data = abi.encodeCall(IntegraEscrowV1.release, (escrowId, uid));
        else if (k == Reentry.Refund) data = abi.encodeCall(IntegraEscrowV1.refund, (escrowId));
        else if (k == Reentry.Withdraw) data = abi.encodeCall(IntegraEscrowV1.withdraw, (escrowId));
        else if (k == Reentry.Deposit) data = abi.encodeCall(IntegraEscrowV1.deposit, (escrowId));
        else if (k == Reentry.Dispute) data = abi.encodeCall(IntegraEscrowV1.raiseDispute, (escrowId));
        else if (k == Reentry.Rule) data = abi.encodeCall(IntegraEscrowV1.rule, (tokenId, 1));
        else data = abi.encodeCall(IntegraEscrowV1.approveRelease, (escrowId, tokenId));
    }

    /// @dev The target of a re-entry: the best escrow other than the one under way, else that one, else escrow 1.
    /// For Rule, `tokenId` is the dispute id.
    function _reentryTarget(Reentry k, address caller)
        internal
        view
        returns (uint256 escrowId, uint256 tokenId, bytes32 uid)
    {
        uint256 fallbackId = _inFlight != 0 ? _inFlight : 1;
        escrowId = fallbackId;
        for (uint256 id = 1; id <= _escrows.length; ++id) {
            EscrowGhost storage g = _escrows[id - 1];
            bool before = block.timestamp < g.refundAfter;
            bool funded = g.status == IntegraEscrowV1.EscrowStatus.Funded;
            bool hit;
            if (k == Reentry.Release) {
                bytes32 good = _goodUid(g.record);
                hit =
                    funded && before && conditionsHold(id, good) && holderGhost(g.record, g.payeeTokenId) != address(0);
                if (hit) uid = good;
            } else if (k == Reentry.Refund) {
                hit = funded && !before && holderGhost(g.record, g.payerTokenId) != address(0);
            } else if (k == Reentry.Withdraw) {
                hit = owedToGhost(id, caller) != 0;
                if (hit && id == _inFlight) return (id, 0, 0);
            } else if (k == Reentry.Deposit) {
                hit = g.status == IntegraEscrowV1.EscrowStatus.Open && before
                    && holderGhost(g.record, g.payerTokenId) == caller;
            } else if (k == Reentry.Dispute) {
                hit = funded && before && g.arbitrator != address(0)
                    && (holderGhost(g.record, g.payerTokenId) == caller
                        || holderGhost(g.record, g.payeeTokenId) == caller);
            } else if (k == Reentry.Rule) {
                hit = g.status == IntegraEscrowV1.EscrowStatus.Disputed;
                if (hit) tokenId = g.disputeId;
            } else {
                (hit, tokenId) = _unapprovedTokenOf(g, caller);
            }
            if (hit && id != _inFlight) return (id, tokenId, uid);
        }
    }

    /// @dev An approver token of `g` that `caller` holds and has not approved, while `g` takes approvals.
    function _unapprovedTokenOf(EscrowGhost storage g, address caller) internal view returns (bool, uint16) {
        if (
            g.status != IntegraEscrowV1.EscrowStatus.Open && g.status != IntegraEscrowV1.EscrowStatus.Funded
                && g.status != IntegraEscrowV1.EscrowStatus.Disputed
        ) return (false, 0);
        for (uint256 i; i < g.approvers.length; ++i) {
            if (g.approvedMask & (1 << i) == 0 && holderGhost(g.record, g.approvers[i]) == caller) {
                return (true, g.approvers[i]);
            }
        }
        return (false, 0);
    }

    // ------------------------------------------------------------------ plumbing

    /// @dev One call as `caller`, then the re-entering contracts' reports. An armed re-enterer that is still armed and
    /// took no ether after the call was starved: an ether payout to it was refused (see `_starved`).
    function _call(address caller, address target, uint256 value, bytes memory data)
        internal
        returns (bool ok, bytes memory ret)
    {
        bool armed = reenterer.armed();
        uint256 receipts = reenterer.etherReceipts();
        vm.prank(caller);
        (ok, ret) = target.call{value: value}(data);
        _starved = armed && reenterer.armed() && reenterer.etherReceipts() == receipts;
        _collect(ReentryReport(address(reenterer)));
        _collect(ReentryReport(address(refuser)));
        _collect(ReentryReport(address(hookToken)));
    }

    /// @dev A re-entry that happened during the last call: a guarded call must have failed; an approval by a party
    /// contract is judged as any approval.
    function _collect(ReentryReport who) internal {
        uint8 kind = who.lastKind();
        if (kind == 0) return;
        bool ok = who.lastOk();
        who.clearReport();
        successes[bytes32(abi.encodePacked("reentry", bytes1(uint8(48 + kind))))]++;
        if (!ok) {
            successes["reentryRefused"]++;
            return;
        }
        uint256 escrowId = who.lastEscrowId();
        if (Reentry(kind) == Reentry.Approve && escrowId != 0 && escrowId <= _escrows.length) {
            // forge-lint: disable-next-line(unsafe-typecast)
            _onApproved(escrowId, uint16(who.lastTokenId()), address(who));
            return;
        }
        _violate(V_REENTRY, "a guarded escrow call made from inside a payout or a transfer succeeded");
    }

    function _mint(Asset asset, address to, uint256 amount) internal {
        _funded[asset][to] += amount;
        if (asset == Asset.Stablecoin) stablecoin.mint(to, amount);
        else if (asset == Asset.FeeToken) feeToken.mint(to, amount);
        else if (asset == Asset.HookToken) hookToken.mint(to, amount);
    }

    function _terms(OpenStep memory s) internal view returns (IntegraEscrowV1.Terms memory) {
        return IntegraEscrowV1.Terms({
            integraHash: _recordHashes[s.record],
            asset: assetAddress(s.asset),
            amount: s.amount,
            payerTokenId: s.payerTokenId,
            payeeTokenId: s.payeeTokenId,
            refundAfter: uint40(block.timestamp) + s.refundDelay,
            arbitrator: _arbitratorAddress(s.arbitrator),
            splitPayeeBps: s.splitPayeeBps,
            agreementComplete: s.agreementComplete,
            approverTokenIds: s.approvers,
            approvalsRequired: s.approvalsRequired,
            attester: s.attestation ? inspector : address(0),
            attestationSchema: s.attestation ? conditionSchema : bytes32(0),
            paymentId: 0
        });
    }
}
