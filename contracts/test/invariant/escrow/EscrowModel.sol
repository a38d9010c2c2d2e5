// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraEscrowV1} from "../../../src/escrow/IntegraEscrowV1.sol";
import {EscrowCast, EscrowDeployment} from "./EscrowCast.sol";
import {Asset, OpenStep} from "./EscrowSteps.sol";

/// @notice The escrow suite's reference model: what the escrow promises, kept as ghost state. It changes only when a
/// call the handler made SUCCEEDED (the `_on*` transitions), from what was asked (who called, with which arguments),
/// from the model's own view of the parties' tokens, approvals, attestations and the clock, and from balances
/// measured around the call. A call that succeeded but should not have (by the trust rule: money leaves only to the
/// payee when every condition holds before the refund time, or to the payer from the refund time on, or as the
/// escrow's arbitrator rules while disputed; never two of these, never twice) is recorded as a violation in its
/// category, with the first reason, and still applied to the model. A ruled share whose party token nobody holds
/// whole at the ruling is no violation: the model keeps it for the token, for the token's next whole holder to
/// withdraw.
abstract contract EscrowModel is EscrowCast {
    // ------------------------------------------------------------------ ghost types

    struct TokenGhost {
        address reservedFor;
        uint256 amount;
        bool claimed;
    }

    struct EscrowGhost {
        uint256 record;
        Asset asset;
        uint128 amount;
        uint16 payerTokenId;
        uint16 payeeTokenId;
        uint40 refundAfter;
        address arbitrator;
        uint16 splitPayeeBps;
        bool agreementComplete;
        uint16[] approvers;
        uint8 approvalsRequired;
        bool attestation;
        uint16 approvedMask;
        IntegraEscrowV1.EscrowStatus status;
        uint256 disputeId;
        /// @dev Successful release, refund and ruling calls (each must be the only one).
        uint256 settlements;
        /// @dev What left the deposit: delivered to, or kept owed for, the payee and the payer (or their tokens).
        uint256 paidOut;
        uint256 toPayee;
        uint256 toPayer;
        /// @dev Owed payouts and token-kept shares withdrawn since.
        uint256 withdrawn;
        /// @dev Set by a ruling that came through the escrow's own arbitrator, called by its judge.
        bool ruledByArbitrator;
    }

    struct AttestationGhost {
        bytes32 uid;
        address attester;
        bytes32 schema;
        /// @dev The data's first field: the record the attestation is about.
        bytes32 about;
        uint64 expirationTime;
        bool revoked;
    }

    /// @dev Balances around a settlement or a withdrawal, to measure where the money went.
    struct Snapshot {
        address payer;
        address payee;
        uint256 payerBalance;
        uint256 payeeBalance;
        uint256 escrowBalance;
    }

    // ------------------------------------------------------------------ violation categories

    uint8 public constant V_RELEASE = 0; // released without every condition, at/after the refund time, or not Funded
    uint8 public constant V_REFUND = 1; // refunded before the refund time, or not Funded
    uint8 public constant V_RULE = 2; // a ruling not by the escrow's arbitrator's judge, or on no raised dispute
    uint8 public constant V_DISPUTE = 3; // a disputed escrow moved otherwise than by a ruling, or a bad dispute
    uint8 public constant V_ONCE = 4; // a second settlement, or more paid out than deposited
    uint8 public constant V_FEE = 5; // a fee-on-transfer deposit succeeded
    uint8 public constant V_PAYOUT = 6; // money went to another account, or in another amount, than the model's
    uint8 public constant V_ADVERSARY = 7; // a stranger's, early payer's or payee's, or fake arbitrator's move succeeded
    uint8 public constant V_APPROVE = 8; // an approval by someone not holding the approver token, or counted twice
    uint8 public constant V_DEPOSIT = 9; // a deposit by someone not holding the payer token, late, or twice
    uint8 public constant V_REENTRY = 10; // a guarded escrow call re-entered from a payout or a transfer succeeded
    uint8 internal constant CATEGORIES = 11;

    // ------------------------------------------------------------------ ghost state

    bytes32[] internal _recordHashes;
    mapping(uint256 record => uint16) internal _tokenCount;
    mapping(uint256 record => mapping(uint16 tokenId => TokenGhost)) internal _tokens;
    mapping(uint256 record => mapping(uint16 tokenId => mapping(address account => uint256))) internal _tokenBalance;

    /// @dev Escrow id i + 1 at index i.
    EscrowGhost[] internal _escrows;
    /// @dev Payouts a recipient refused, kept for it.
    mapping(uint256 escrowId => mapping(address account => uint256)) internal _owed;
    /// @dev Ruled shares of a party token nobody held whole at the ruling, kept for the token's next whole holder.
    mapping(uint256 escrowId => mapping(uint16 tokenId => uint256)) internal _owedToToken;
    mapping(address arbitrator => mapping(uint256 disputeId => uint256 escrowId)) internal _disputeEscrow;
    mapping(address arbitrator => uint256) internal _nextDisputeId;
    mapping(address arbitrator => mapping(uint256 disputeId => bool)) internal _solved;

    AttestationGhost[] internal _attestations;
    /// @dev The party contracts refusing ether, and the accounts the hook token refuses transfers to.
    mapping(address party => bool) internal _refusing;
    mapping(address account => bool) internal _blocked;
    /// @dev Set by the last call: the armed re-enterer took no ether in it (its receive, re-entering, ran out of the
    /// escrow's PAYOUT_GAS and reverted), so an ether payout to it in that call was refused.
    bool internal _starved;
    /// @dev What the handler minted or dealt each account to deposit with.
    mapping(Asset asset => mapping(address account => uint256)) internal _funded;

    uint256[11] internal _violations;
    mapping(uint8 category => string) internal _firstViolation;
    /// @notice Successful (or, for "...Refused" keys, refused) moves, for the scripted runs to show they were reached.
    mapping(bytes32 action => uint256) public successes;

    constructor(EscrowDeployment memory d) EscrowCast(d) {}

    // ------------------------------------------------------------------ views for the checks

    function violations(uint8 category) external view returns (uint256) {
        return _violations[category];
    }

    function firstViolation(uint8 category) external view returns (string memory) {
        return _firstViolation[category];
    }

    function escrowCount() public view returns (uint256) {
        return _escrows.length;
    }

    function escrowGhost(uint256 escrowId) external view returns (EscrowGhost memory) {
        return _escrows[escrowId - 1];
    }

    /// @notice The payouts `account` refused on an escrow, kept for it (not counting token-kept shares).
    function owedGhost(uint256 escrowId, address account) external view returns (uint256) {
        return _owed[escrowId][account];
    }

    /// @notice A ruled share kept for the next whole holder of party token `tokenId`.
    function owedToTokenGhost(uint256 escrowId, uint16 tokenId) external view returns (uint256) {
        return _owedToToken[escrowId][tokenId];
    }

    /// @notice What `account` may withdraw from an escrow now, as `owedTo` must say: its refused payouts, plus the
    /// shares kept for the payer or payee token it now holds whole.
    function owedToGhost(uint256 escrowId, address account) public view returns (uint256 amount) {
        amount = _owed[escrowId][account];
        if (account == address(0)) return amount;
        EscrowGhost storage g = _escrows[escrowId - 1];
        if (holderGhost(g.record, g.payerTokenId) == account) amount += _owedToToken[escrowId][g.payerTokenId];
        if (holderGhost(g.record, g.payeeTokenId) == account) amount += _owedToToken[escrowId][g.payeeTokenId];
    }

    function recordCount() external view returns (uint256) {
        return _recordHashes.length;
    }

    function recordHash(uint256 record) public view returns (bytes32) {
        return _recordHashes[record];
    }

    function tokenCount(uint256 record) external view returns (uint16) {
        return _tokenCount[record];
    }

    /// @notice The model's holder of a record's token: the one party holding all of it once claimed, else zero.
    function holderGhost(uint256 record, uint16 tokenId) public view returns (address) {
        TokenGhost storage token = _tokens[record][tokenId];
        if (!token.claimed) return address(0);
        for (uint256 i; i < _parties.length; ++i) {
            if (_tokenBalance[record][tokenId][_parties[i]] == token.amount) return _parties[i];
        }
        return address(0);
    }

    /// @notice What the handler minted (or dealt, for ether) `account` to deposit with.
    function fundedWith(Asset asset, address account) external view returns (uint256) {
        return _funded[asset][account];
    }

    function attestationCount() external view returns (uint256) {
        return _attestations.length;
    }

    /// @notice The model's reading of every condition of an escrow with `uid` offered, as of now.
    function conditionsHold(uint256 escrowId, bytes32 uid) public view returns (bool) {
        EscrowGhost storage g = _escrows[escrowId - 1];
        if (g.agreementComplete && !_complete(g.record)) return false;
        if (_popCount(g.approvedMask) < g.approvalsRequired) return false;
        if (g.attestation && !_validAttestation(uid, g.record)) return false;
        return true;
    }

    // ------------------------------------------------------------------ records and tokens

    function _noteRecord(bytes32 integraHash, address[] memory recipients, uint256[] memory amounts) internal {
        uint256 record = _recordHashes.length;
        _recordHashes.push(integraHash);
        // forge-lint: disable-next-line(unsafe-typecast)
        _tokenCount[record] = uint16(recipients.length);
        for (uint256 i; i < recipients.length; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast)
            _tokens[record][uint16(i + 1)] =
                TokenGhost({reservedFor: recipients[i], amount: amounts[i], claimed: false});
        }
    }

    function _onClaimed(uint256 record, uint16 tokenId) internal {
        TokenGhost storage token = _tokens[record][tokenId];
        token.claimed = true;
        _tokenBalance[record][tokenId][token.reservedFor] = token.amount;
        successes["claim"]++;
    }

    function _onTransferred(uint256 record, uint16 tokenId, address from, address to, uint256 amount) internal {
        _tokenBalance[record][tokenId][from] -= amount;
        _tokenBalance[record][tokenId][to] += amount;
        successes["transferToken"]++;
    }

    function _complete(uint256 record) internal view returns (bool) {
        for (uint16 t = 1; t <= _tokenCount[record]; ++t) {
            if (!_tokens[record][t].claimed) return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ attestations

    function _onAttested(bytes32 uid, address attester, bytes32 schema, bytes32 about, uint64 expirationTime) internal {
        _attestations.push(
            AttestationGhost({
                uid: uid,
                attester: attester,
                schema: schema,
                about: about,
                expirationTime: expirationTime,
                revoked: false
            })
        );
        successes["attest"]++;
    }

    function _onRevoked(uint256 index) internal {
        _attestations[index].revoked = true;
        successes["revoke"]++;
    }

    function _validAttestation(bytes32 uid, uint256 record) internal view returns (bool) {
        if (uid == bytes32(0)) return false;
        for (uint256 i; i < _attestations.length; ++i) {
            AttestationGhost storage a = _attestations[i];
            if (a.uid != uid) continue;
            return a.attester == inspector && a.schema == conditionSchema && a.about == _recordHashes[record]
                && !a.revoked && (a.expirationTime == 0 || a.expirationTime > block.timestamp);
        }
        return false;
    }

    /// @dev The first attestation that satisfies the attestation condition of an escrow on `record` now, or zero.
    function _goodUid(uint256 record) internal view returns (bytes32) {
        for (uint256 i; i < _attestations.length; ++i) {
            if (_validAttestation(_attestations[i].uid, record)) return _attestations[i].uid;
        }
        return bytes32(0);
    }

    // ------------------------------------------------------------------ escrow transitions (successful calls only)

    function _onOpened(OpenStep memory s, uint256 escrowId) internal {
        if (s.opener != owner && s.opener != executor) {
            _violate(V_ADVERSARY, "an escrow was opened by someone neither the record's owner nor its executor");
        }
        if (escrowId != _escrows.length + 1) _violate(V_PAYOUT, "escrow ids are not consecutive");
        EscrowGhost storage g = _escrows.push();
        g.record = s.record;
        g.asset = s.asset;
        g.amount = s.amount;
        g.payerTokenId = s.payerTokenId;
        g.payeeTokenId = s.payeeTokenId;
        g.refundAfter = uint40(block.timestamp) + s.refundDelay;
        g.arbitrator = _arbitratorAddress(s.arbitrator);
        g.splitPayeeBps = s.splitPayeeBps;
        g.agreementComplete = s.agreementComplete;
        g.approvers = s.approvers;
        g.approvalsRequired = s.approvalsRequired;
        g.attestation = s.attestation;
        g.status = IntegraEscrowV1.EscrowStatus.Open;
        successes["open"]++;
    }

    function _onDeposited(uint256 escrowId, address caller) internal {
        EscrowGhost storage g = _escrows[escrowId - 1];
        if (g.asset == Asset.FeeToken) _violate(V_FEE, "a fee-on-transfer deposit was taken");
        if (g.status != IntegraEscrowV1.EscrowStatus.Open) _violate(V_DEPOSIT, "a deposit into an escrow not Open");
        if (block.timestamp >= g.refundAfter) _violate(V_DEPOSIT, "a deposit at or after the refund time");
        if (caller != holderGhost(g.record, g.payerTokenId)) {
            _violate(V_DEPOSIT, "a deposit by someone not holding the payer token");
        }
        g.status = IntegraEscrowV1.EscrowStatus.Funded;
        successes["deposit"]++;
    }

    function _onApproved(uint256 escrowId, uint16 tokenId, address caller) internal {
        EscrowGhost storage g = _escrows[escrowId - 1];
        IntegraEscrowV1.EscrowStatus status = g.status;
        if (
            status != IntegraEscrowV1.EscrowStatus.Open && status != IntegraEscrowV1.EscrowStatus.Funded
                && status != IntegraEscrowV1.EscrowStatus.Disputed
        ) _violate(V_APPROVE, "an approval of a settled escrow");
        (bool found, uint256 index) = _approverIndex(g, tokenId);
        if (!found) {
            _violate(V_APPROVE, "an approval by a token that is no approver");
            return;
        }
        uint16 bit = uint16(1 << index);
        if (g.approvedMask & bit != 0) _violate(V_APPROVE, "an approval counted twice");
        if (caller != holderGhost(g.record, tokenId)) {
            _violate(V_APPROVE, "an approval by someone not holding the token");
        }
        g.approvedMask |= bit;
        successes["approve"]++;
    }

    function _onDisputed(uint256 escrowId, address caller) internal {
        EscrowGhost storage g = _escrows[escrowId - 1];
        if (g.arbitrator == address(0)) _violate(V_DISPUTE, "a dispute on an escrow with no arbitrator");
        if (g.status != IntegraEscrowV1.EscrowStatus.Funded) _violate(V_DISPUTE, "a dispute on an escrow not Funded");
        if (block.timestamp >= g.refundAfter) _violate(V_DISPUTE, "a dispute at or after the refund time");
        if (caller != holderGhost(g.record, g.payerTokenId) && caller != holderGhost(g.record, g.payeeTokenId)) {
            _violate(V_DISPUTE, "a dispute raised by neither the payer nor the payee");
        }
        g.status = IntegraEscrowV1.EscrowStatus.Disputed;
        uint256 disputeId = _nextDisputeId[g.arbitrator]++;
        g.disputeId = disputeId;
        _disputeEscrow[g.arbitrator][disputeId] = escrowId;
        successes["dispute"]++;
    }

    function _onReleased(uint256 escrowId, bytes32 uid, Snapshot memory snap) internal {
        EscrowGhost storage g = _escrows[escrowId - 1];
        if (g.status == IntegraEscrowV1.EscrowStatus.Disputed) {
            _violate(V_DISPUTE, "a disputed escrow was released");
        } else if (g.status != IntegraEscrowV1.EscrowStatus.Funded) {
            _violate(V_RELEASE, "an escrow not Funded was released");
        }
        if (block.timestamp >= g.refundAfter) _violate(V_RELEASE, "released at or after the refund time");
        if (!conditionsHold(escrowId, uid)) _violate(V_RELEASE, "released while a condition did not hold");
        if (snap.payee == address(0)) _violate(V_RELEASE, "released with nobody holding the payee token");
        _onSettled(escrowId, IntegraEscrowV1.EscrowStatus.Released, g.amount, 0, snap);
        successes["release"]++;
    }

    function _onRefunded(uint256 escrowId, Snapshot memory snap) internal {
        EscrowGhost storage g = _escrows[escrowId - 1];
        if (g.status == IntegraEscrowV1.EscrowStatus.Disputed) _violate(V_DISPUTE, "a disputed escrow was refunded");
        else if (g.status != IntegraEscrowV1.EscrowStatus.Funded) _violate(
            V_REFUND, "an escrow not Funded was refunded"
        );
        if (block.timestamp < g.refundAfter) _violate(V_REFUND, "refunded before the refund time");
        if (snap.payer == address(0)) _violate(V_REFUND, "refunded with nobody holding the payer token");
        _onSettled(escrowId, IntegraEscrowV1.EscrowStatus.Refunded, 0, g.amount, snap);
        successes["refund"]++;
    }

    /// @dev `caller` asked `arbitrator` to give `ruling` on `disputeId`, and that call succeeded.
    function _onRuled(address arbitrator, address caller, uint256 disputeId, uint256 ruling, Snapshot memory snap)
        internal
    {
        uint256 escrowId = _disputeEscrow[arbitrator][disputeId];
        if (caller != judgeOf(arbitrator)) _violate(V_RULE, "a ruling given by someone not the arbitrator's judge");
        if (_solved[arbitrator][disputeId]) _violate(V_RULE, "a dispute was ruled twice");
        _solved[arbitrator][disputeId] = true;
        if (escrowId == 0) {
            _violate(V_RULE, "a ruling on a dispute no escrow raised");
            return;
        }
        EscrowGhost storage g = _escrows[escrowId - 1];
        if (g.status != IntegraEscrowV1.EscrowStatus.Disputed) _violate(V_RULE, "a ruling on an escrow not Disputed");
        if (ruling > 3) _violate(V_RULE, "a ruling out of range was taken");
        uint256 toPayee;
        if (ruling == 1) toPayee = g.amount;
        else if (ruling == 3) toPayee = uint256(g.amount) * g.splitPayeeBps / BPS;
        uint256 toPayer = g.amount - toPayee;
        _onSettled(escrowId, IntegraEscrowV1.EscrowStatus.Ruled, toPayee, toPayer, snap);
        g.ruledByArbitrator = caller == judgeOf(arbitrator) && g.arbitrator == arbitrator;
        successes["rule"]++;
        successes[bytes32(abi.encodePacked("ruling", bytes1(uint8(48 + (ruling > 9 ? 9 : ruling)))))]++;
    }

    /// @dev A settlement: one per escrow. Predicts who receives and who is owed (a refused payout is kept owed; a
    /// share of a token nobody holds whole is kept for the token), and compares with the balances measured around the
    /// call. (A release or refund to a token nobody holds is a violation already.)
    function _onSettled(
        uint256 escrowId,
        IntegraEscrowV1.EscrowStatus status,
        uint256 toPayee,
        uint256 toPayer,
        Snapshot memory snap
    ) internal {
        EscrowGhost storage g = _escrows[escrowId - 1];
        if (g.settlements != 0) _violate(V_ONCE, "an escrow settled a second time");
        g.settlements++;
        g.status = status;
        g.paidOut += toPayee + toPayer;
        g.toPayee += toPayee;
        g.toPayer += toPayer;
        if (g.paidOut > g.amount) _violate(V_ONCE, "an escrow paid out more than its amount");

        uint256 deliveredToPayee = toPayee;
        uint256 deliveredToPayer = toPayer;
        uint256 keptForTokens;
        if (toPayee != 0 && snap.payee == address(0)) {
            _owedToToken[escrowId][g.payeeTokenId] += toPayee;
            (deliveredToPayee, keptForTokens) = (0, keptForTokens + toPayee);
        } else if (toPayee != 0 && _refuses(g.asset, snap.payee)) {
            _owed[escrowId][snap.payee] += toPayee;
            deliveredToPayee = 0;
        }
        if (toPayer != 0 && snap.payer == address(0)) {
            _owedToToken[escrowId][g.payerTokenId] += toPayer;
            (deliveredToPayer, keptForTokens) = (0, keptForTokens + toPayer);
        } else if (toPayer != 0 && _refuses(g.asset, snap.payer)) {
            _owed[escrowId][snap.payer] += toPayer;
            deliveredToPayer = 0;
        }
        if (keptForTokens != 0) successes["keptForToken"]++;
        if (deliveredToPayee + deliveredToPayer + keptForTokens != toPayee + toPayer) successes["payoutDeferred"]++;
        _measure(g.asset, snap, deliveredToPayee, deliveredToPayer);
    }

    /// @dev A withdrawal pays `account` its refused payouts and the shares kept for a payer or payee token it holds
    /// whole now; nobody else gets a token's share.
    function _onWithdrawn(uint256 escrowId, address account, Snapshot memory snap) internal {
        EscrowGhost storage g = _escrows[escrowId - 1];
        uint256 owed = owedToGhost(escrowId, account);
        if (owed == 0) _violate(V_PAYOUT, "a withdrawal with nothing owed");
        if (_refuses(g.asset, account)) _violate(V_PAYOUT, "a withdrawal to an account that refuses the asset");
        if (owed != _owed[escrowId][account]) successes["withdrawForToken"]++;
        _owed[escrowId][account] = 0;
        if (holderGhost(g.record, g.payerTokenId) == account) _owedToToken[escrowId][g.payerTokenId] = 0;
        if (holderGhost(g.record, g.payeeTokenId) == account) _owedToToken[escrowId][g.payeeTokenId] = 0;
        g.withdrawn += owed;
        if (g.withdrawn > g.paidOut) _violate(V_ONCE, "more withdrawn than was owed");
        _measure(g.asset, snap, owed, 0);
        successes["withdraw"]++;
    }

    /// @dev What the escrow sent must be what the model says it delivered, and the payee (snap.payee) and payer
    /// (snap.payer) must have received exactly their deliveries.
    function _measure(Asset asset, Snapshot memory snap, uint256 toPayee, uint256 toPayer) internal {
        uint256 escrowNow = balanceIn(asset, address(escrow));
        if (escrowNow + toPayee + toPayer != snap.escrowBalance) {
            _violate(V_PAYOUT, "the escrow sent another amount than the model delivered");
        }
        if (snap.payee == snap.payer) {
            if (snap.payee != address(0) && balanceIn(asset, snap.payee) != snap.payeeBalance + toPayee + toPayer) {
                _violate(V_PAYOUT, "the payout did not reach the holder of the tokens");
            }
            return;
        }
        if (snap.payee != address(0) && balanceIn(asset, snap.payee) != snap.payeeBalance + toPayee) {
            _violate(V_PAYOUT, "the payee's payout did not reach the holder of the payee token");
        }
        if (snap.payer != address(0) && balanceIn(asset, snap.payer) != snap.payerBalance + toPayer) {
            _violate(V_PAYOUT, "the payer's payout did not reach the holder of the payer token");
        }
    }

    function _snapshot(Asset asset, address payer, address payee) internal view returns (Snapshot memory snap) {
        snap.payer = payer;
        snap.payee = payee;
        if (payer != address(0)) snap.payerBalance = balanceIn(asset, payer);
        if (payee != address(0)) snap.payeeBalance = balanceIn(asset, payee);
        snap.escrowBalance = balanceIn(asset, address(escrow));
    }

    /// @dev The escrow's view of an escrow's payer and payee, from the model: the holders of the tokens now.
    function _escrowSnapshot(uint256 escrowId) internal view returns (Snapshot memory) {
        EscrowGhost storage g = _escrows[escrowId - 1];
        return _snapshot(g.asset, holderGhost(g.record, g.payerTokenId), holderGhost(g.record, g.payeeTokenId));
    }

    /// @dev Whether a payout of `asset` to `account` is refused: ether to a party contract refusing it (or to the armed
    /// re-enterer whose re-entry outran the payout's gas), the hook token to a blocklisted account.
    function _refuses(Asset asset, address account) internal view returns (bool) {
        if (asset == Asset.Ether) return _refusing[account] || (_starved && account == address(reenterer));
        if (asset == Asset.HookToken) return _blocked[account];
        return false;
    }

    // ------------------------------------------------------------------ helpers

    function _violate(uint8 category, string memory why) internal {
        if (_violations[category] == 0) _firstViolation[category] = why;
        _violations[category]++;
    }

    function _arbitratorAddress(uint8 which) internal view returns (address) {
        if (which == 1) return address(arbitratorA);
        if (which == 2) return address(arbitratorB);
        return address(0);
    }

    function _approverIndex(EscrowGhost storage g, uint16 tokenId) internal view returns (bool, uint256) {
        for (uint256 i; i < g.approvers.length; ++i) {
            if (g.approvers[i] == tokenId) return (true, i);
        }
        return (false, 0);
    }

    function _popCount(uint16 mask) internal pure returns (uint256 count) {
        for (; mask != 0; mask &= mask - 1) {
            ++count;
        }
    }

    function _isSettled(IntegraEscrowV1.EscrowStatus status) internal pure returns (bool) {
        return status == IntegraEscrowV1.EscrowStatus.Released || status == IntegraEscrowV1.EscrowStatus.Refunded
            || status == IntegraEscrowV1.EscrowStatus.Ruled;
    }
}
