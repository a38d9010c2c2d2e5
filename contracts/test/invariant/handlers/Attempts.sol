// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    IEAS,
    AttestationRequest,
    AttestationRequestData,
    RevocationRequest,
    RevocationRequestData
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IntegraRecordV1} from "../../../src/IntegraRecordV1.sol";
import {IIntegraTokenizer} from "../../../src/interfaces/IIntegraTokenizer.sol";
import {IntegraSignalV1} from "../../../src/IntegraSignalV1.sol";
import {IntegraTokenizerBase} from "../../../src/tokenizers/IntegraTokenizerBase.sol";
import {ReferenceModel} from "../ReferenceModel.sol";
import {
    Via,
    Reentry,
    ReentryPlan,
    Registration,
    ReserveStep,
    AttestStep,
    ClaimStep,
    TransferStep,
    PaymentRequestStep
} from "./Steps.sol";

/// @notice One call each: an attempt encodes one call, makes it as its caller would (directly, through the
/// receiver's or the fake tokenizer's `act`, or signed and relayed through the forwarder), and on success only counts
/// it and hands it to the reference model. Attempts never assert and never revert: fail_on_revert is off, and a
/// refusal is an outcome like any other.
/// @dev Every attempt runs between `_begin` (which resets forge's log recording: it also records logs of reverted
/// calls) and `_commit` (after success only), so the model reads exactly the logs of the successful call.
abstract contract Attempts is ReferenceModel {
    function _tryRegister(Registration memory a) internal returns (bool ok, bytes32 ih) {
        bytes memory data = a.withParties
            ? abi.encodeCall(
                IntegraRecordV1.registerWithParties,
                (
                    a.contentHash,
                    hex"c1f3",
                    a.tokenizer,
                    a.executor,
                    a.processHash,
                    new address[](0),
                    _partyList(a.recipients, a.amounts, a.role)
                )
            )
            : abi.encodeCall(
                IntegraRecordV1.register,
                (a.contentHash, hex"c1f3", a.tokenizer, a.executor, a.processHash, new address[](0))
            );
        _begin();
        bytes memory ret;
        (ok, ret) = _exec(a.registrant, address(registry), data, Via.Direct);
        if (!ok) return (false, bytes32(0));
        ih = abi.decode(ret, (bytes32));
        successes["registerRecord"]++;
        if (a.registrant == registrant2) successes["registerCopy"]++;
        _onRegistered(a, ih);
        _commit();
    }

    /// @dev `s` on `tokenizer`: the record's own, or (the fake tokenizer's plays) a real one it is not bound to.
    function _tryReserve(ReserveStep memory s, address tokenizer) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(
            IntegraTokenizerBase.reserveToken, (s.record, s.tokenId, s.recipient, s.amount, s.processHash, s.role)
        );
        _begin();
        (ok,) = _exec(s.caller, tokenizer, data, Via.Direct);
        if (!ok) return false;
        successes["reserve"]++;
        _onReserved(s, tokenizer);
        _commit();
    }

    function _tryCancel(bytes32 ih, address caller, address tokenizer, uint256 tokenId) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraTokenizerBase.cancelReservation, (ih, tokenId));
        _begin();
        (ok,) = _exec(caller, tokenizer, data, Via.Direct);
        if (!ok) return false;
        successes["cancel"]++;
        _onCancelled(ih, caller, tokenizer, tokenId);
        _commit();
    }

    function _trySeal(bytes32 ih, address caller, address tokenizer) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraTokenizerBase.sealParties, (ih));
        _begin();
        (ok,) = _exec(caller, tokenizer, data, Via.Direct);
        if (!ok) return false;
        successes["sealParties"]++;
        _onSealed(ih, caller, tokenizer);
        _commit();
    }

    function _tryAttest(AttestStep memory a) internal returns (bool ok, bytes32 uid) {
        bytes memory data = abi.encodeCall(
            IEAS.attest,
            (AttestationRequest({
                    schema: capabilitySchema,
                    data: AttestationRequestData({
                        recipient: a.recipient,
                        expirationTime: a.expirationTime,
                        revocable: true,
                        refUID: bytes32(0),
                        data: abi.encode(a.record, a.attestedTokenId, a.caps, a.processHash),
                        value: 0
                    })
                }))
        );
        _begin();
        bytes memory ret;
        (ok, ret) = _exec(a.attester, address(eas), data, Via.Direct);
        if (!ok) return (false, bytes32(0));
        uid = abi.decode(ret, (bytes32));
        successes["attest"]++;
        _onAttested(a, uid);
        _commit();
    }

    /// @dev Its attester revokes grant `grantIndex` (allowed even after it lost authority).
    function _tryRevoke(uint256 grantIndex) internal returns (bool ok) {
        Grant storage g = _grants[grantIndex];
        bytes memory data = abi.encodeCall(
            IEAS.revoke,
            (RevocationRequest({schema: capabilitySchema, data: RevocationRequestData({uid: g.uid, value: 0})}))
        );
        _begin();
        (ok,) = _exec(g.attester, address(eas), data, Via.Direct);
        if (!ok) return false;
        successes["revoke"]++;
        _onRevoked(grantIndex);
        _commit();
    }

    /// @dev `c`; when the claimant is the receiver, it is armed with `plan` for the mint.
    function _tryClaim(ClaimStep memory c, ReentryPlan memory plan) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraTokenizerBase.claimToken, (c.record, c.tokenId, c.uid, c.processHash));
        bool armed = c.caller == address(receiver) && plan.kind != Reentry.None;
        if (armed) receiver.arm(uint8(plan.kind), plan.target, plan.data);
        _begin();
        (ok,) = _exec(c.caller, c.tokenizer, data, c.via);
        if (armed) receiver.disarm();
        if (!ok) return false;
        successes[_relayed(c.caller, c.via) ? bytes32("forwardedClaim") : bytes32("claim")]++;
        _onClaimed(c, plan);
        _commit();
    }

    /// @dev `t` (an ownership token moves whole: its amount is 1); when the receiver gets the token, it is armed
    /// with `plan`.
    function _tryTransfer(TransferStep memory t, ReentryPlan memory plan) internal returns (bool ok) {
        address tokenizer = _rec[t.record].tokenizer;
        bool deed = tokenizer == address(ownership);
        if (deed) t.amount = 1;
        bytes memory data = deed
            ? abi.encodeWithSignature("safeTransferFrom(address,address,uint256)", t.from, t.to, uint256(t.record))
            : abi.encodeCall(
                IERC1155.safeTransferFrom, (t.from, t.to, multiParty.erc1155IdOf(t.record, t.tokenId), t.amount, "")
            );
        bool armed = t.to == address(receiver) && plan.kind != Reentry.None;
        if (armed) receiver.arm(uint8(plan.kind), plan.target, plan.data);
        _begin();
        (ok,) = _exec(t.caller, tokenizer, data, t.via);
        if (armed) receiver.disarm();
        if (!ok) return false;
        successes[_relayed(t.caller, t.via) ? bytes32("forwardedTransfer") : bytes32("transferToken")]++;
        _onTransferred(t, plan);
        _commit();
    }

    function _tryOffer(bytes32 ih, address caller, address to) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.offerRecordOwnership, (ih, to, "sale"));
        _begin();
        (ok,) = _exec(caller, address(registry), data, Via.Direct);
        if (!ok) return false;
        successes["offerOwnership"]++;
        _onOffered(ih, caller, to);
        _commit();
    }

    function _tryCancelOffer(bytes32 ih, address caller) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.cancelOwnershipOffer, (ih));
        _begin();
        (ok,) = _exec(caller, address(registry), data, Via.Direct);
        if (!ok) return false;
        successes["cancelOwnershipOffer"]++;
        _onOfferCancelled(ih, caller);
        _commit();
    }

    /// @dev `caller` accepts the record offered to it as of `version`.
    function _tryAccept(bytes32 ih, address caller, uint256 version) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.acceptRecordOwnership, (ih, version));
        _begin();
        (ok,) = _exec(caller, address(registry), data, Via.Direct);
        if (!ok) return false;
        successes["acceptOwnership"]++;
        _onAccepted(ih, caller, version);
        _commit();
    }

    function _tryOfferExecutor(bytes32 ih, address caller, address candidate) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.offerExecutor, (ih, candidate));
        _begin();
        (ok,) = _exec(caller, address(registry), data, Via.Direct);
        if (!ok) return false;
        successes["offerExecutor"]++;
        _onExecutorOffered(ih, caller, candidate);
        _commit();
    }

    /// @dev `caller` accepts the executor role of the record: only the candidate offered it may.
    function _tryAcceptExecutor(bytes32 ih, address caller) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.acceptExecutorRole, (ih));
        _begin();
        (ok,) = _exec(caller, address(registry), data, Via.Direct);
        if (!ok) return false;
        successes["acceptExecutor"]++;
        if (_wasPrincipal[ih][caller] && caller != _rec[ih].executor) successes["reappointed"]++;
        _onExecutorAccepted(ih, caller);
        _commit();
    }

    function _tryRemoveExecutor(bytes32 ih, address caller) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.removeExecutor, (ih));
        _begin();
        (ok,) = _exec(caller, address(registry), data, Via.Direct);
        if (!ok) return false;
        successes["removeExecutor"]++;
        _onExecutorRemoved(ih, caller);
        _commit();
    }

    function _tryOpenWorkflow(address caller, bytes32 id) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.openWorkflow, (id));
        _begin();
        bytes memory ret;
        (ok, ret) = _exec(caller, address(registry), data, Via.Direct);
        if (!ok) return false;
        successes["openWorkflow"]++;
        _onWorkflowOpened(caller, id, abi.decode(ret, (bytes32)));
        _commit();
    }

    function _tryAdmitMember(bytes32 processHash, address caller, address member) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.admitMember, (processHash, member));
        _begin();
        (ok,) = _exec(caller, address(registry), data, Via.Direct);
        if (!ok) return false;
        successes["admitMember"]++;
        _onMemberAdmitted(processHash, caller, member);
        _commit();
    }

    function _tryRemoveMember(bytes32 processHash, address caller, address member) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.removeMember, (processHash, member));
        _begin();
        (ok,) = _exec(caller, address(registry), data, Via.Direct);
        if (!ok) return false;
        successes["removeMember"]++;
        _onMemberRemoved(processHash, caller, member);
        _commit();
    }

    function _tryRequestPayment(PaymentRequestStep memory p) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(
            IntegraSignalV1.requestPayment,
            (p.record, p.requestorTokenId, p.payer, p.payerTokenId, p.amount, p.deadline)
        );
        uint256 pending = pendingCountOf(p.record, p.requestor, p.payer);
        _begin();
        (ok,) = _exec(p.requestor, address(signal), data, p.via);
        if (!ok) return false;
        successes["requestPayment"]++;
        _onPaymentRequested(p, pending);
        _commit();
    }

    function _tryMarkPaid(uint256 paymentId, address caller, Via via) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraSignalV1.markPaid, (paymentId, hex"bead"));
        _begin();
        (ok,) = _exec(caller, address(signal), data, via);
        if (!ok) return false;
        successes["markPaid"]++;
        _onMarkedPaid(paymentId, caller);
        _commit();
    }

    function _tryCancelPayment(uint256 paymentId, address caller, Via via) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraSignalV1.cancelPayment, (paymentId));
        _begin();
        (ok,) = _exec(caller, address(signal), data, via);
        if (!ok) return false;
        successes["cancelPayment"]++;
        if (_onPaymentCancelled(paymentId, caller)) successes["cancelExpired"]++;
        _commit();
    }

    // ------------------------------------------------------------------ making the call

    function _begin() internal {
        step++;
        vm.recordLogs(); // resets: forge records the logs of reverted calls too, so each attempt starts clean
    }

    function _commit() internal {
        _scan(vm.getRecordedLogs());
    }

    /// @dev Calls `target` as `caller`: pranked for an EOA, through `act` for the receiver and the fake tokenizer,
    /// or, when `via` names a relayer and `caller` has a key, signed by `caller` as an ERC-2771 request the relayer
    /// submits.
    function _exec(address caller, address target, bytes memory data, Via via)
        internal
        returns (bool ok, bytes memory ret)
    {
        if (_relayed(caller, via)) {
            ERC2771Forwarder.ForwardRequestData memory request =
                _forwardRequest(forwarder, _keyOf[caller], target, data);
            vm.prank(via == Via.Relayer0 ? relayer0 : relayer1);
            try forwarder.execute(request) {
                ok = true;
                _onForwarded(caller, request);
            } catch {}
            return (ok, ret);
        }
        if (caller == address(receiver)) return receiver.act(target, data);
        if (caller == address(fake)) return fake.act(target, data);
        vm.prank(caller);
        (ok, ret) = target.call(data);
    }

    function _relayed(address caller, Via via) internal view returns (bool) {
        return via != Via.Direct && _keyOf[caller] != 0;
    }

    /// @dev The registry's party list: recipients[i] with amounts[i], each in the role `role`.
    function _partyList(address[] memory recipients, uint256[] memory amounts, string memory role)
        internal
        pure
        returns (IIntegraTokenizer.Party[] memory list)
    {
        list = new IIntegraTokenizer.Party[](recipients.length);
        for (uint256 i; i < recipients.length; ++i) {
            list[i] = IIntegraTokenizer.Party({recipient: recipients[i], amount: amounts[i], role: role});
        }
    }
}
