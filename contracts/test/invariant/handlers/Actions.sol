// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Capabilities} from "../../../src/Capabilities.sol";
import {Attempts} from "./Attempts.sol";
import {Pickers} from "./Pickers.sol";
import {
    ReentryPlan,
    RegisterStep,
    ReserveStep,
    CancelStep,
    SealStep,
    AttestStep,
    RevokeStep,
    ClaimStep,
    ClaimFlowStep,
    TransferStep,
    OfferStep,
    CancelOfferStep,
    AcceptStep,
    OfferExecutorStep,
    AcceptExecutorStep,
    RemoveExecutorStep,
    MembershipStep,
    PaymentRequestStep,
    MarkPaidStep,
    CancelPaymentStep,
    WarpStep
} from "./Steps.sol";

/// @notice The honest cast at work, as the fuzzer drives it: clerks who register records (with their party sets, or
/// reserving and sealing later), their executors, parties who claim (directly or through the forwarder, a relayer
/// paying), move their tokens and exchange payment signals, authority changes in the middle of all that (offers,
/// cancelled offers, acceptances, executors offered and accepting A -> B -> A, former owners re-appointed, executors
/// removed), workflow owners admitting and removing members, and a second registrant who registers copies of
/// documents under a clerk's workflow while (and after) it is a member.
/// @dev Each fuzzed action picks its step (Pickers) and performs it (`_perform*`, which scripted runs call too).
/// Callers are mostly the right ones; a fixed share are not, so every refusal is reached as well.
abstract contract Actions is Attempts, Pickers {
    // ================================================================== the fuzzer's targets

    /// @notice A clerk registers a record (ownership or multi-party; with its party set, reserved and sealed in the
    /// same transaction, or alone) in its own workflow (one call in eight in the other clerk's, which only a member
    /// may; one in eight outside any workflow), or the second registrant registers a copy of an existing record's
    /// document under that record's workflow (allowed while it is a member). The executor named is only offered the
    /// role; it accepts at once three times in four. One call in eight passes a malformed party list, which must be
    /// refused.
    function registerRecord(uint256 registrantSeed, uint256 shapeSeed, uint256 partySeed) external {
        if (officialRecords >= MAX_OFFICIAL_RECORDS) return;
        _performRegister(_pickRegistration(registrantSeed, shapeSeed, partySeed));
    }

    function reserve(
        uint256 recordSeed,
        uint256 callerSeed,
        uint256 tokenSeed,
        uint256 recipientSeed,
        uint256 amountSeed
    ) external {
        _performReserve(_pickReserve(recordSeed, callerSeed, tokenSeed, recipientSeed, amountSeed));
    }

    function cancel(uint256 recordSeed, uint256 callerSeed, uint256 tokenSeed) external {
        bytes32 ih = _officialRecord(recordSeed);
        _performCancel(
            CancelStep({record: ih, caller: _authority(ih, callerSeed), tokenId: _reservedTokenId(ih, tokenSeed)})
        );
    }

    function sealParties(uint256 recordSeed, uint256 callerSeed) external {
        bytes32 ih = _officialRecord(recordSeed);
        _performSeal(SealStep({record: ih, caller: _authority(ih, callerSeed)}));
    }

    /// @notice The owner or executor (sometimes someone else) attests a capability: mostly CLAIM for a reserved
    /// token's recipient, sometimes for any token (attested token id 0), without CLAIM, expiring, or no capability.
    function attest(
        uint256 recordSeed,
        uint256 attesterSeed,
        uint256 tokenSeed,
        uint256 recipientSeed,
        uint256 capsSeed
    ) external {
        _performAttest(_pickAttest(recordSeed, attesterSeed, tokenSeed, recipientSeed, capsSeed));
    }

    /// @notice An attester revokes one of its attestations (allowed even after it lost authority).
    function revoke(uint256 grantSeed) external {
        if (_grants.length == 0) return;
        _performRevoke(RevokeStep({uid: _grants[grantSeed % _grants.length].uid}));
    }

    /// @notice A party claims with an attestation: usually a grant that should work, sometimes a stale, revoked,
    /// expired or foreign one, another token, the wrong workflow, or someone else's grant. When the party is the
    /// re-entering receiver, it is armed with a re-entry chosen by `planSeed`.
    function claim(uint256 grantSeed, uint256 callerSeed, uint256 tokenSeed, uint256 planSeed) external {
        (bool found, ClaimStep memory c) = _pickClaim(grantSeed, callerSeed, tokenSeed, planSeed);
        if (found) _performClaim(c, planSeed);
    }

    /// @notice The grant's recipient signs the claim as an ERC-2771 request and a relayer submits it: the token must
    /// reach the signer, never the relayer or the forwarder, and the signer's forwarder nonce moves by one.
    function forwardedClaim(uint256 grantSeed, uint256 relayerSeed, uint256 tokenSeed) external {
        (bool found, ClaimStep memory c) = _pickForwardedClaim(grantSeed, relayerSeed, tokenSeed);
        if (found) _performClaim(c, FIRST);
    }

    /// @notice A whole flow in one action, so that agreements do complete within a run: the owner or executor
    /// attests CLAIM for a token waiting to be claimed, and its recipient claims it at once, directly, through the
    /// forwarder, or (the receiver) with a re-entry chosen by `modeSeed`.
    function claimFlow(uint256 recordSeed, uint256 attesterSeed, uint256 modeSeed) external {
        (bool found, ClaimFlowStep memory s) = _pickClaimFlow(recordSeed, attesterSeed, modeSeed);
        if (found) _performClaimFlow(s, modeSeed >> 8);
    }

    /// @notice A holder moves (some of) its token to another party, directly or through the forwarder. A move to
    /// the receiver arms it with a re-entry chosen by `planSeed`.
    function transferToken(uint256 holdingSeed, uint256 toSeed, uint256 amountSeed, uint256 planSeed) external {
        (bool found, TransferStep memory t) = _pickTransfer(holdingSeed, toSeed, amountSeed, planSeed);
        if (found) _performTransfer(t, planSeed);
    }

    /// @notice The owner (sometimes someone else) offers a record to another principal.
    function offerOwnership(uint256 recordSeed, uint256 toSeed, uint256 callerSeed) external {
        bytes32 ih = _officialRecord(recordSeed);
        _performOffer(
            OfferStep({
                record: ih, caller: _ownerOrPrincipal(ih, callerSeed), to: _principals[toSeed % _principals.length]
            })
        );
    }

    function cancelOwnershipOffer(uint256 recordSeed, uint256 callerSeed) external {
        bytes32 ih = _pendingRecord(recordSeed);
        _performCancelOffer(CancelOfferStep({record: ih, caller: _ownerOrPrincipal(ih, callerSeed)}));
    }

    /// @notice The pending owner (sometimes someone else) accepts a record, naming the version it sees now, or (one
    /// call in four) the version it saw at the offer, which may be stale.
    function acceptOwnership(uint256 recordSeed, uint256 callerSeed) external {
        (bool go, AcceptStep memory s) = _pickAccept(recordSeed, callerSeed);
        if (go) _performAccept(s);
    }

    /// @notice The owner (sometimes someone else) offers the executor role: to nobody (withdrawing an offer), execA,
    /// execB, or a principal who may have owned the record before (A -> B -> A, re-appointments); the candidate
    /// accepts at once one call in two.
    function offerExecutor(uint256 recordSeed, uint256 candidateSeed, uint256 callerSeed) external {
        _performOfferExecutor(_pickOfferExecutor(recordSeed, candidateSeed, callerSeed));
    }

    /// @notice The candidate offered a record's executor role accepts it; one call in six, and always when the
    /// candidate is a stranger named without its consent (see nameStrangerExecutor), someone else tries (the owner,
    /// another principal, a party, the attacker): refused.
    function acceptExecutorRole(uint256 recordSeed, uint256 callerSeed) external {
        (bool go, AcceptExecutorStep memory s) = _pickAcceptExecutor(recordSeed, callerSeed);
        if (go) _performAcceptExecutor(s);
    }

    /// @notice The owner (sometimes someone else) removes the record's executor.
    function removeExecutor(uint256 recordSeed, uint256 callerSeed) external {
        (bool go, RemoveExecutorStep memory s) = _pickRemoveExecutor(recordSeed, callerSeed);
        if (go) _performRemoveExecutor(s);
    }

    /// @notice A workflow's owner admits or removes a member (registrant2, the other clerk, an executor); one call in
    /// six someone else tries (a member, another principal, the attacker): refused.
    function manageMembers(uint256 workflowSeed, uint256 memberSeed, uint256 callerSeed) external {
        _performMembership(_pickMembership(workflowSeed, memberSeed, callerSeed));
    }

    /// @notice A party asks another for a payment: usually two holders of one multi-party record, sometimes a
    /// holder who was handed its token rather than claiming it, a deadline now, or through the forwarder.
    /// One call in eight names as payer, and one in eight as requestor, a party who claimed its token but has
    /// handed all of it on since: no longer a consenting party.
    function requestPayment(uint256 holdingSeed, uint256 payerSeed, uint256 deadlineSeed) external {
        (bool found, PaymentRequestStep memory p) = _pickPaymentRequest(holdingSeed, payerSeed, deadlineSeed);
        if (found) _performPaymentRequest(p);
    }

    function markPaid(uint256 paymentSeed, uint256 callerSeed) external {
        (bool found, MarkPaidStep memory s) = _pickMarkPaid(paymentSeed, callerSeed);
        if (found) _performMarkPaid(s);
    }

    function cancelPayment(uint256 paymentSeed, uint256 callerSeed) external {
        (bool found, CancelPaymentStep memory s) = _pickCancelPayment(paymentSeed, callerSeed);
        if (found) _performCancelPayment(s);
    }

    function warp(uint256 secondsSeed) external {
        _performWarp(WarpStep({by: 1 + secondsSeed % 2 days}));
    }

    // ================================================================== performing a step

    /// @dev The registration, then (when it named one and `executorAccepts`) the executor's acceptance.
    function _performRegister(RegisterStep memory s) internal returns (bool ok, bytes32 ih) {
        (ok, ih) = _tryRegister(s.registration);
        address named = s.registration.executor;
        if (ok && named != address(0) && s.executorAccepts) _tryAcceptExecutor(ih, named);
    }

    function _performReserve(ReserveStep memory s) internal returns (bool) {
        return _tryReserve(s, _rec[s.record].tokenizer);
    }

    function _performCancel(CancelStep memory s) internal returns (bool) {
        return _tryCancel(s.record, s.caller, _rec[s.record].tokenizer, s.tokenId);
    }

    function _performSeal(SealStep memory s) internal returns (bool) {
        return _trySeal(s.record, s.caller, _rec[s.record].tokenizer);
    }

    function _performAttest(AttestStep memory s) internal returns (bool ok, bytes32 uid) {
        return _tryAttest(s);
    }

    function _performRevoke(RevokeStep memory s) internal returns (bool) {
        uint256 indexPlusOne = _grantIndexPlusOne[s.uid];
        return indexPlusOne != 0 && _tryRevoke(indexPlusOne - 1);
    }

    /// @dev When the claimant is the receiver, `details` shapes its re-entry (see `_plan`).
    function _performClaim(ClaimStep memory c, uint256 details) internal returns (bool) {
        ReentryPlan memory plan;
        if (c.caller == address(receiver)) {
            plan = _plan(c.reentry, details, c.record, c.tokenId, _tok[c.record][c.tokenId].amount, c.uid);
        }
        return _tryClaim(c, plan);
    }

    function _performClaimFlow(ClaimFlowStep memory s, uint256 details) internal {
        RecordGhost storage r = _rec[s.record];
        // Claims need a sealed party set: the owner or executor seals it first if need be.
        if (!r.isSealed && !_trySeal(s.record, s.attester, r.tokenizer)) return;
        (, address recipient) = _reservation(s.record, s.tokenId);
        AttestStep memory a = AttestStep({
            record: s.record,
            attester: s.attester,
            recipient: recipient,
            attestedTokenId: s.attestAnyToken ? 0 : s.tokenId,
            tokenId: s.tokenId,
            caps: Capabilities.CLAIM,
            expirationTime: 0,
            processHash: r.processHash
        });
        (bool attested, bytes32 uid) = _tryAttest(a);
        if (!attested) return;
        ClaimStep memory c = ClaimStep({
            record: s.record,
            caller: recipient,
            tokenizer: r.tokenizer,
            tokenId: s.tokenId,
            uid: uid,
            processHash: a.processHash,
            via: s.via,
            reentry: s.reentry
        });
        if (_performClaim(c, details)) successes["claimFlow"]++;
    }

    /// @dev When the receiver gets the token, `details` shapes its re-entry (see `_plan`).
    function _performTransfer(TransferStep memory t, uint256 details) internal returns (bool) {
        if (_rec[t.record].tokenizer == address(ownership)) t.amount = 1;
        ReentryPlan memory plan;
        if (t.to == address(receiver)) {
            plan = _plan(t.reentry, details, t.record, t.tokenId, t.amount, _tok[t.record][t.tokenId].uid);
        }
        return _tryTransfer(t, plan);
    }

    function _performOffer(OfferStep memory s) internal returns (bool) {
        return _tryOffer(s.record, s.caller, s.to);
    }

    function _performCancelOffer(CancelOfferStep memory s) internal returns (bool) {
        return _tryCancelOffer(s.record, s.caller);
    }

    function _performAccept(AcceptStep memory s) internal returns (bool) {
        return _tryAccept(s.record, s.caller, s.version);
    }

    function _performOfferExecutor(OfferExecutorStep memory s) internal {
        if (!_tryOfferExecutor(s.record, s.caller, s.candidate)) return;
        if (s.candidate != address(0) && s.candidateAccepts) _tryAcceptExecutor(s.record, s.candidate);
    }

    function _performAcceptExecutor(AcceptExecutorStep memory s) internal {
        address candidate = _rec[s.record].pendingExecutor;
        bool ok = _tryAcceptExecutor(s.record, s.caller);
        if (!ok && s.caller != candidate) successes["acceptExecutorRefused"]++;
    }

    function _performRemoveExecutor(RemoveExecutorStep memory s) internal returns (bool) {
        return _tryRemoveExecutor(s.record, s.caller);
    }

    function _performMembership(MembershipStep memory s) internal {
        bool ok = s.admit
            ? _tryAdmitMember(s.workflow, s.caller, s.member)
            : _tryRemoveMember(s.workflow, s.caller, s.member);
        if (!ok && s.caller != _workflowOwner[s.workflow]) successes["membershipRefused"]++;
    }

    function _performPaymentRequest(PaymentRequestStep memory p) internal returns (bool) {
        return _tryRequestPayment(p);
    }

    function _performMarkPaid(MarkPaidStep memory s) internal returns (bool) {
        return _tryMarkPaid(s.paymentId, s.caller, s.via);
    }

    function _performCancelPayment(CancelPaymentStep memory s) internal returns (bool) {
        return _tryCancelPayment(s.paymentId, s.caller, s.via);
    }

    function _performWarp(WarpStep memory s) internal {
        vm.warp(block.timestamp + s.by);
        successes["warp"]++;
    }
}
