// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraEscrowV1} from "../../../src/escrow/IntegraEscrowV1.sol";
import {EscrowPickers} from "./EscrowPickers.sol";
import {AttestKind, OpenStep, AttestStep, WarpStep, TransferStep, RefuseStep, BlockStep} from "./EscrowSteps.sol";

/// @notice The honest cast at work, as the fuzzer drives it: the record's owner or executor opens escrows (ERC-20,
/// ether, the fee-on-transfer token, the hook token; any mix of conditions, with or without an arbitrator), payers
/// deposit, approvers approve, the inspector attests (and makes attestations that must not count) and revokes, a
/// keeper (or anyone) releases and refunds, the payer or payee disputes, the arbitrators' judges rule, parties move
/// their role tokens, claim the last token, withdraw what was kept for them, and time passes.
/// @dev Each action picks its step (EscrowPickers) and performs it; scripted runs call the same `_perform*`.
abstract contract EscrowActions is EscrowPickers {
    // ================================================================== the fuzzer's targets

    /// @notice The owner or the executor opens an escrow (up to MAX_ESCROWS a run); half the time the payer deposits
    /// at once.
    function openEscrow(uint256 openerSeed, uint256 shapeSeed, uint256 conditionSeed, uint256 amountSeed) external {
        if (_escrows.length >= MAX_ESCROWS) return;
        OpenStep memory s = _pickOpen(shapeSeed, conditionSeed, amountSeed);
        s.opener = openerSeed % 2 == 0 ? owner : executor;
        (bool ok, uint256 id) = _tryOpen(s);
        if (ok && (openerSeed >> 1) % 2 == 0) _tryDeposit(_pickDeposit(id, openerSeed >> 2));
    }

    /// @notice The holder of the payer token deposits (minted or dealt the amount first).
    function deposit(uint256 escrowSeed, uint256 callerSeed) external {
        uint256 id = _pickEscrowIn(escrowSeed, IntegraEscrowV1.EscrowStatus.Open, BEFORE_REFUND_TIME);
        if (id != 0) _tryDeposit(_pickDeposit(id, callerSeed));
    }

    function approve(uint256 escrowSeed, uint256 tokenSeed, uint256 callerSeed) external {
        uint256 id = _pickEscrowIn(escrowSeed, IntegraEscrowV1.EscrowStatus.Funded);
        if (id != 0) _tryApprove(_pickApprove(id, tokenSeed, callerSeed));
    }

    /// @notice The inspector attests that a record passed inspection; one time in two, an attestation that must not
    /// satisfy an escrow of the record (another record's, expiring within hours, a stranger's, a look-alike schema's).
    function inspectorAttests(uint256 recordSeed, uint256 kindSeed, uint256 ttlSeed) external {
        uint256 k = kindSeed % 8;
        AttestKind kind = k < 4 ? AttestKind.Good : AttestKind(k - 3);
        _tryAttest(
            AttestStep({kind: kind, record: recordSeed % _recordHashes.length, ttl: uint64(bound(ttlSeed, 1, 2 days))})
        );
    }

    /// @notice An attester revokes one of its attestations.
    function inspectorRevokes(uint256 indexSeed) external {
        if (_attestations.length != 0) _tryRevoke(indexSeed % _attestations.length);
    }

    /// @notice The keeper (or the payer, the payee, the stranger: anyone may) releases.
    function keeperReleases(uint256 escrowSeed, uint256 callerSeed, uint256 uidSeed) external {
        uint256 id = _pickEscrowIn(escrowSeed, IntegraEscrowV1.EscrowStatus.Funded, BEFORE_REFUND_TIME);
        if (id != 0) _tryRelease(_pickRelease(id, callerSeed, uidSeed));
    }

    /// @notice The keeper (or the payer, the payee, the stranger) refunds.
    function keeperRefunds(uint256 escrowSeed, uint256 callerSeed) external {
        uint256 id = _pickEscrowIn(escrowSeed, IntegraEscrowV1.EscrowStatus.Funded, FROM_REFUND_TIME);
        if (id != 0) _tryRefund(_pickRefund(id, callerSeed));
    }

    function raiseDispute(uint256 escrowSeed, uint256 whoSeed) external {
        uint256 id = _pickDisputable(escrowSeed);
        if (id != 0) _tryDispute(_pickDispute(id, whoSeed));
    }

    /// @notice A judge rules through its arbitrator (see _pickRule).
    function arbitratorRules(uint256 escrowSeed, uint256 rulingSeed, uint256 judgeSeed) external {
        uint256 id = _pickEscrowIn(escrowSeed, IntegraEscrowV1.EscrowStatus.Disputed);
        if (id != 0) _tryRule(_pickRule(id, rulingSeed, judgeSeed));
    }

    /// @notice A party withdraws what the escrow kept for it: a payout it refused, or a ruled share kept for a party
    /// token it now holds whole.
    function withdraw(uint256 escrowSeed, uint256 accountSeed) external {
        uint256 id = escrowSeed % 4 == 3 ? _pickEscrow(escrowSeed >> 2) : _pickOwingEscrow(escrowSeed >> 2);
        if (id != 0) _tryWithdraw(_pickWithdraw(id, accountSeed));
    }

    /// @notice A holder moves (some of) its role token to another party: the escrow pays whoever holds the whole
    /// token when money moves; while it is split, release and refund to it are refused and a ruled share is kept for
    /// its next whole holder.
    function transferPartyToken(uint256 recordSeed, uint256 tokenSeed, uint256 toSeed, uint256 amountSeed) external {
        (bool found, TransferStep memory s) = _pickTransfer(recordSeed, tokenSeed, toSeed, amountSeed);
        if (found) _tryTransfer(s);
    }

    /// @notice The last party (carol, on deal A) claims its token: the agreement completes.
    function claimRemaining(uint256 recordSeed) external {
        uint256 record = recordSeed % _recordHashes.length;
        for (uint16 t = 1; t <= _tokenCount[record]; ++t) {
            if (!_tokens[record][t].claimed) {
                _tryClaim(record, t);
                return;
            }
        }
    }

    /// @notice Time passes: mostly by up to six hours, sometimes by up to two days, or to one second before (or
    /// exactly at) a funded escrow's refund time.
    function warp(uint256 seed) external {
        uint256 k = seed % 8;
        uint256 id = _pickEscrowIn(seed >> 128, IntegraEscrowV1.EscrowStatus.Funded, BEFORE_REFUND_TIME);
        if ((k == 5 || k == 6) && id != 0) {
            uint256 target = _escrows[id - 1].refundAfter - (k == 5 ? 1 : 0);
            if (target > block.timestamp) {
                _performWarp(WarpStep({by: target - block.timestamp}));
                return;
            }
        }
        _performWarp(WarpStep({by: 1 + (seed >> 8) % (k == 4 ? 2 days : 6 hours)}));
    }

    /// @notice A party contract (mostly the refuser, sometimes the re-enterer) starts refusing ether, or accepts it
    /// again.
    function setRefusing(uint256 seed) external {
        address party = (seed >> 8) % 4 == 3 ? address(reenterer) : address(refuser);
        _performRefuse(RefuseStep({party: party, refusing: seed % 2 == 0}));
    }

    /// @notice The hook token blocklists a party, or lifts its block.
    function setBlocked(uint256 accountSeed, uint256 seed) external {
        _performBlock(BlockStep({account: _pickParty(accountSeed), blocked: seed % 2 == 0}));
    }

    // ================================================================== performing a step

    function _performWarp(WarpStep memory s) internal {
        vm.warp(block.timestamp + s.by);
        successes["warp"]++;
    }

    function _performRefuse(RefuseStep memory s) internal {
        _setRefusing(s.party, s.refusing);
    }

    function _performBlock(BlockStep memory s) internal {
        _setBlocked(s.account, s.blocked);
    }
}
