// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraEscrowV1} from "../../../src/escrow/IntegraEscrowV1.sol";
import {EscrowAttempts} from "./EscrowAttempts.sol";
import {EscrowDeployment} from "./EscrowCast.sol";
import {
    Asset,
    OpenStep,
    DepositStep,
    ApproveStep,
    ReleaseStep,
    RefundStep,
    DisputeStep,
    RuleStep,
    WithdrawStep,
    TransferStep
} from "./EscrowSteps.sol";

/// @notice Seeds into steps. Callers are mostly the right ones (the holder of the payer token deposits, an approver
/// token's holder approves, the escrow's arbitrator's judge rules); a fixed share are not, so every refusal is
/// reached as well. A scripted run passes FIRST (0) for the seeds it does not care about.
abstract contract EscrowPickers is EscrowAttempts {
    constructor(EscrowDeployment memory d) EscrowAttempts(d) {}

    /// @dev An escrow id opened in this run, or 0 when none was.
    function _pickEscrow(uint256 seed) internal view returns (uint256) {
        uint256 count = _escrows.length;
        return count == 0 ? 0 : 1 + seed % count;
    }

    /// @dev An escrow id, three times in four one in status `preferred` when there is one (the actions that can only
    /// succeed on a Funded, Open or Disputed escrow mostly go for one), else any.
    function _pickEscrowIn(uint256 seed, IntegraEscrowV1.EscrowStatus preferred) internal view returns (uint256) {
        return _pickEscrowIn(seed, preferred, ANY_TIME);
    }

    uint8 internal constant ANY_TIME = 0;
    uint8 internal constant BEFORE_REFUND_TIME = 1;
    uint8 internal constant FROM_REFUND_TIME = 2;

    /// @dev Like `_pickEscrowIn(seed, preferred)`, preferring also an escrow before (or from) its refund time.
    function _pickEscrowIn(uint256 seed, IntegraEscrowV1.EscrowStatus preferred, uint8 timing)
        internal
        view
        returns (uint256)
    {
        uint256 count = _escrows.length;
        if (count == 0) return 0;
        uint256 start = (seed >> 2) % count;
        if (seed % 4 != 3) {
            for (uint256 i; i < count; ++i) {
                uint256 id = 1 + (start + i) % count;
                EscrowGhost storage g = _escrows[id - 1];
                if (g.status != preferred) continue;
                if (timing == BEFORE_REFUND_TIME && block.timestamp >= g.refundAfter) continue;
                if (timing == FROM_REFUND_TIME && block.timestamp < g.refundAfter) continue;
                return id;
            }
        }
        return 1 + start;
    }

    /// @dev Three times in four a Funded escrow before its refund time that names an arbitrator, if there is one;
    /// else any.
    function _pickDisputable(uint256 seed) internal view returns (uint256) {
        uint256 count = _escrows.length;
        if (count == 0) return 0;
        uint256 start = (seed >> 2) % count;
        if (seed % 4 != 3) {
            for (uint256 i; i < count; ++i) {
                uint256 id = 1 + (start + i) % count;
                EscrowGhost storage g = _escrows[id - 1];
                if (
                    g.status == IntegraEscrowV1.EscrowStatus.Funded && block.timestamp < g.refundAfter
                        && g.arbitrator != address(0)
                ) return id;
            }
        }
        return 1 + start;
    }

    /// @dev An escrow that owes some party a refused payout, or keeps a share for a token some party holds whole;
    /// else one that keeps a share for a token, else any.
    function _pickOwingEscrow(uint256 seed) internal view returns (uint256) {
        uint256 count = _escrows.length;
        if (count == 0) return 0;
        uint256 start = seed % count;
        uint256 keeping;
        for (uint256 i; i < count; ++i) {
            uint256 id = 1 + (start + i) % count;
            for (uint256 p; p < _parties.length; ++p) {
                if (owedToGhost(id, _parties[p]) != 0) return id;
            }
            EscrowGhost storage g = _escrows[id - 1];
            if (keeping == 0 && _owedToToken[id][g.payerTokenId] + _owedToToken[id][g.payeeTokenId] != 0) keeping = id;
        }
        return keeping != 0 ? keeping : 1 + start;
    }

    function _pickParty(uint256 seed) internal view returns (address) {
        return _parties[seed % _parties.length];
    }

    /// @dev Valid terms (from the record's owner or executor, set by the caller): one of the two records, an asset,
    /// an amount, distinct payer and payee tokens, a refund time an hour to a week ahead, no arbitrator or one of
    /// the two, a split, and at least one condition among agreement completion, approvals and an attestation.
    function _pickOpen(uint256 shapeSeed, uint256 conditionSeed, uint256 amountSeed)
        internal
        view
        returns (OpenStep memory s)
    {
        s.record = shapeSeed % _recordHashes.length;
        uint16 n = _tokenCount[s.record];
        uint256 a = (shapeSeed >> 8) % 8;
        s.asset = a < 3 ? Asset.Stablecoin : a < 5 ? Asset.Ether : a == 5 ? Asset.FeeToken : Asset.HookToken;
        s.amount = uint128(s.asset == Asset.Ether ? bound(amountSeed, 1, 100 ether) : bound(amountSeed, 1, 1e12));
        s.payerTokenId = uint16(1 + (shapeSeed >> 16) % n);
        s.payeeTokenId = uint16(1 + (s.payerTokenId + (shapeSeed >> 24) % (n - 1)) % n);
        s.refundDelay = uint40(bound(shapeSeed >> 32, 1 hours, 7 days));
        s.arbitrator = uint8((shapeSeed >> 64) % 3);
        s.splitPayeeBps = uint16(bound(shapeSeed >> 72, 0, BPS));
        s.agreementComplete = (conditionSeed & 1) != 0;
        uint256 count;
        for (uint16 t = 1; t <= n; ++t) {
            if (((conditionSeed >> t) & 1) != 0) count++;
        }
        s.approvers = new uint16[](count);
        uint256 k;
        for (uint16 t = 1; t <= n; ++t) {
            if (((conditionSeed >> t) & 1) != 0) s.approvers[k++] = t;
        }
        if (count != 0) s.approvalsRequired = uint8(1 + (conditionSeed >> 16) % count);
        s.attestation = (conditionSeed >> 8) % 4 == 0;
        if (!s.agreementComplete && count == 0 && !s.attestation) s.agreementComplete = true;
    }

    /// @dev The holder of the payer token, one time in eight another party.
    function _pickDeposit(uint256 escrowId, uint256 callerSeed) internal view returns (DepositStep memory s) {
        s.escrowId = escrowId;
        EscrowGhost storage g = _escrows[escrowId - 1];
        address payer = holderGhost(g.record, g.payerTokenId);
        s.caller = callerSeed % 8 == 7 || payer == address(0) ? _pickParty(callerSeed >> 8) : payer;
    }

    /// @dev One of the escrow's approver tokens (any token when it has none), approved by its holder, one time in
    /// eight by another party.
    function _pickApprove(uint256 escrowId, uint256 tokenSeed, uint256 callerSeed)
        internal
        view
        returns (ApproveStep memory s)
    {
        s.escrowId = escrowId;
        EscrowGhost storage g = _escrows[escrowId - 1];
        uint256 len = g.approvers.length;
        s.tokenId = len == 0 ? uint16(1 + tokenSeed % _tokenCount[g.record]) : g.approvers[tokenSeed % len];
        // Mostly an approver that has not approved yet.
        for (uint256 i; i < len && tokenSeed % 4 != 3; ++i) {
            uint256 index = (tokenSeed + i) % len;
            if (g.approvedMask & (1 << index) == 0) {
                s.tokenId = g.approvers[index];
                break;
            }
        }
        address holder = holderGhost(g.record, s.tokenId);
        s.caller = callerSeed % 8 == 7 || holder == address(0) ? _pickParty(callerSeed >> 8) : holder;
    }

    /// @dev By the keeper, the payer, the payee or the stranger; with an attestation that satisfies the condition
    /// if there is one, one time in eight any attestation (or none).
    function _pickRelease(uint256 escrowId, uint256 callerSeed, uint256 uidSeed)
        internal
        view
        returns (ReleaseStep memory s)
    {
        s.escrowId = escrowId;
        EscrowGhost storage g = _escrows[escrowId - 1];
        s.caller = _pickSettler(g, callerSeed);
        if (uidSeed % 8 == 7) {
            uint256 n = _attestations.length;
            s.uid = n == 0 || (uidSeed >> 8) % (n + 1) == n ? bytes32(0) : _attestations[(uidSeed >> 8) % (n + 1)].uid;
        } else {
            s.uid = _goodUid(g.record);
        }
    }

    function _pickRefund(uint256 escrowId, uint256 callerSeed) internal view returns (RefundStep memory s) {
        s.escrowId = escrowId;
        s.caller = _pickSettler(_escrows[escrowId - 1], callerSeed);
    }

    function _pickSettler(EscrowGhost storage g, uint256 seed) internal view returns (address caller) {
        uint256 k = seed % 4;
        if (k == 1) caller = holderGhost(g.record, g.payerTokenId);
        else if (k == 2) caller = holderGhost(g.record, g.payeeTokenId);
        else if (k == 3) caller = stranger;
        if (caller == address(0)) caller = keeper;
    }

    /// @dev The payer (half the time), the payee, or another party.
    function _pickDispute(uint256 escrowId, uint256 whoSeed) internal view returns (DisputeStep memory s) {
        s.escrowId = escrowId;
        EscrowGhost storage g = _escrows[escrowId - 1];
        uint256 k = whoSeed % 4;
        if (k == 0 || k == 2) s.caller = holderGhost(g.record, g.payerTokenId);
        else if (k == 1) s.caller = holderGhost(g.record, g.payeeTokenId);
        if (s.caller == address(0)) s.caller = _pickParty(whoSeed >> 8);
    }

    /// @dev The escrow's arbitrator (A when it names none) ruling its dispute, 0..3 (one time in sixteen 4), by its
    /// judge; one time in eight the other judge asks, and one time in eight the other arbitrator's judge rules the
    /// other arbitrator's dispute of the same id (ids collide across arbitrators: the escrow keys them by arbitrator).
    function _pickRule(uint256 escrowId, uint256 rulingSeed, uint256 judgeSeed)
        internal
        view
        returns (RuleStep memory s)
    {
        EscrowGhost storage g = _escrows[escrowId - 1];
        s.arbitrator = g.arbitrator == address(0) ? address(arbitratorA) : g.arbitrator;
        s.disputeId = g.status == IntegraEscrowV1.EscrowStatus.Disputed
            || g.status == IntegraEscrowV1.EscrowStatus.Ruled
            ? g.disputeId
            : (rulingSeed >> 8) % (_nextDisputeId[s.arbitrator] + 1);
        uint256 k = judgeSeed % 8;
        if (k == 7) {
            s.arbitrator = s.arbitrator == address(arbitratorA) ? address(arbitratorB) : address(arbitratorA);
        }
        s.caller = judgeOf(s.arbitrator);
        if (k == 6) s.caller = s.caller == judgeA ? judgeB : judgeA;
        s.ruling = rulingSeed % 16 == 15 ? 4 : rulingSeed % 4;
    }

    /// @dev A party owed something on the escrow (a refused payout, or a share kept for a token it holds whole), else
    /// any party.
    function _pickWithdraw(uint256 escrowId, uint256 accountSeed) internal view returns (WithdrawStep memory s) {
        s.escrowId = escrowId;
        uint256 n = _parties.length;
        for (uint256 i; i < n; ++i) {
            address account = _parties[(accountSeed % n + i) % n];
            if (owedToGhost(escrowId, account) != 0) {
                s.account = account;
                return s;
            }
        }
        s.account = _pickParty(accountSeed);
    }

    /// @dev A holder of some of a claimed token moves all of it (half the time) or part of it to another party. Half
    /// the time, when a disputed escrow's payer or payee token is held whole and can be split, its holder gives one
    /// unit away instead: rulings then meet tokens nobody holds whole; one time in four, when a share is kept for a
    /// split token, a part holder gives its part to another: the token is whole again, and its share withdrawable.
    function _pickTransfer(uint256 recordSeed, uint256 tokenSeed, uint256 toSeed, uint256 amountSeed)
        internal
        view
        returns (bool found, TransferStep memory s)
    {
        if (recordSeed % 2 == 1) {
            (found, s) = _pickDisputedSplit(recordSeed >> 2, toSeed);
            if (found) return (found, s);
        }
        if (recordSeed % 4 != 1) {
            (found, s) = _pickReassembly(recordSeed >> 2);
            if (found) return (found, s);
        }
        s.record = recordSeed % _recordHashes.length;
        s.tokenId = uint16(1 + tokenSeed % _tokenCount[s.record]);
        uint256 n = _parties.length;
        for (uint256 i; i < n; ++i) {
            address from = _parties[((tokenSeed >> 8) + i) % n];
            uint256 balance = _tokenBalance[s.record][s.tokenId][from];
            if (balance == 0) continue;
            s.from = from;
            s.to = _parties[(((tokenSeed >> 8) + i) % n + 1 + toSeed % (n - 1)) % n];
            s.amount = amountSeed % 2 == 0 ? balance : bound(amountSeed >> 1, 1, balance);
            return (true, s);
        }
    }

    /// @dev A holder of part of a split token that has a share kept for it gives all its part to another part holder.
    function _pickReassembly(uint256 escrowSeed) internal view returns (bool, TransferStep memory s) {
        uint256 count = _escrows.length;
        for (uint256 i; i < count; ++i) {
            uint256 id = 1 + (escrowSeed + i) % count;
            EscrowGhost storage g = _escrows[id - 1];
            uint16[2] memory tokens = [g.payerTokenId, g.payeeTokenId];
            for (uint256 t; t < 2; ++t) {
                // Kept for the token and nobody holds it whole: unclaimed (no part holders), or split.
                if (_owedToToken[id][tokens[t]] == 0 || holderGhost(g.record, tokens[t]) != address(0)) continue;
                address from;
                uint256 part;
                for (uint256 p; p < _parties.length; ++p) {
                    uint256 balance = _tokenBalance[g.record][tokens[t]][_parties[p]];
                    if (balance == 0) continue;
                    if (from == address(0)) (from, part) = (_parties[p], balance);
                    else return (true, TransferStep(g.record, tokens[t], from, _parties[p], part));
                }
            }
        }
        return (false, s);
    }

    /// @dev The whole holder of a disputed escrow's payer or payee token of more than one unit gives one unit to
    /// another party.
    function _pickDisputedSplit(uint256 escrowSeed, uint256 toSeed)
        internal
        view
        returns (bool, TransferStep memory s)
    {
        uint256 count = _escrows.length;
        uint256 n = _parties.length;
        for (uint256 i; i < count; ++i) {
            EscrowGhost storage g = _escrows[(escrowSeed + i) % count];
            if (g.status != IntegraEscrowV1.EscrowStatus.Disputed) continue;
            uint16[2] memory tokens = [g.payerTokenId, g.payeeTokenId];
            for (uint256 t; t < 2; ++t) {
                address holder = holderGhost(g.record, tokens[t]);
                if (holder == address(0) || _tokens[g.record][tokens[t]].amount < 2) continue;
                uint256 from;
                while (_parties[from] != holder) ++from;
                (s.record, s.tokenId, s.from, s.amount) = (g.record, tokens[t], holder, 1);
                s.to = _parties[(from + 1 + toSeed % (n - 1)) % n];
                return (true, s);
            }
        }
        return (false, s);
    }
}
