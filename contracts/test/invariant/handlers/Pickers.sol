// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IntegraRecordV1} from "../../../src/IntegraRecordV1.sol";
import {IntegraSignalV1} from "../../../src/IntegraSignalV1.sol";
import {IntegraTokenizerBase} from "../../../src/tokenizers/IntegraTokenizerBase.sol";
import {Capabilities} from "../../../src/Capabilities.sol";
import {ReferenceModel} from "../ReferenceModel.sol";
import {
    Via,
    Reentry,
    Forgery,
    ForgedField,
    FormerMove,
    AttackerMove,
    FakeMove,
    StrangerMove,
    SquatMove,
    SellerChange,
    ReentryPlan,
    Registration,
    RegisterStep,
    ReserveStep,
    AttestStep,
    ClaimStep,
    ClaimFlowStep,
    TransferStep,
    AcceptStep,
    OfferExecutorStep,
    AcceptExecutorStep,
    RemoveExecutorStep,
    MembershipStep,
    PaymentRequestStep,
    MarkPaidStep,
    CancelPaymentStep,
    ForgeryStep,
    FormerPrincipalStep,
    AttackerStep,
    FakeTokenizerStep,
    StrangerExecutorStep,
    SquatStep,
    FrontRunStep,
    FloodStep
} from "./Steps.sol";

/// @notice The pickers: how a fuzzed action turns its seeds into a step, and how a step's `details` seed picks
/// what the step does not name, from the reference model. They favour what can succeed (a record with a pending
/// offer, a grant that should still claim, a holder who claimed its token), so that runs get deep, and mix in, at a
/// fixed rate each, what must fail.
abstract contract Pickers is ReferenceModel {
    /// @dev The `details` of a scripted step: the first candidate of each choice.
    uint256 internal constant FIRST = 0;

    /// @dev What a grant lacks (see `_wouldClaim`).
    uint8 internal constant FLAW_NONE = 0;
    uint8 internal constant FLAW_KILLED = 1;
    uint8 internal constant FLAW_UNSEALED = 2;
    uint8 internal constant FLAW_VACANT = 3;

    // ------------------------------------------------------------------ the honest cast's steps

    function _pickRegistration(uint256 registrantSeed, uint256 shapeSeed, uint256 partySeed)
        internal
        view
        returns (RegisterStep memory s)
    {
        Registration memory a = s.registration;
        a.registrant = [clerkA, clerkB, registrant2][registrantSeed % 3];
        bool deal = shapeSeed % 2 == 1;
        a.tokenizer = deal ? address(multiParty) : address(ownership);
        a.withParties = (shapeSeed / 2) % 4 != 0;
        a.executor = [address(0), execA, execB][(shapeSeed / 8) % 3];
        if (a.registrant == registrant2 && officialRecords > 0) {
            bytes32 original = _officialRecord(registrantSeed / 3);
            a.contentHash = _rec[original].contentHash;
            a.processHash = _rec[original].processHash;
        } else {
            a.contentHash = (shapeSeed / 24) % 2 == 0 ? CONTENT_A : CONTENT_B;
            uint256 where = (shapeSeed / 48) % 8;
            bytes32 own = a.registrant == clerkB ? PROCESS_B : PROCESS_A;
            a.processHash = where == 7 ? bytes32(0) : where == 6 ? (own == PROCESS_A ? PROCESS_B : PROCESS_A) : own;
        }
        uint256 n = deal ? 1 + partySeed % 3 : 1;
        a.recipients = new address[](n);
        a.amounts = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            a.recipients[i] = _parties[(partySeed / 3 + i) % _parties.length];
            a.amounts[i] = deal ? 1 + (partySeed >> (8 * (i + 1))) % 100 : 1;
        }
        a.role = _roleFor(partySeed >> 70);
        if ((partySeed >> 64) % 8 == 7) _malform(a, partySeed >> 67);
        s.executorAccepts = (shapeSeed >> 96) % 4 != 3;
    }

    function _pickReserve(
        uint256 recordSeed,
        uint256 callerSeed,
        uint256 tokenSeed,
        uint256 recipientSeed,
        uint256 amountSeed
    ) internal view returns (ReserveStep memory s) {
        bytes32 ih = _officialRecord(recordSeed);
        bool deed = _rec[ih].tokenizer == address(ownership);
        s.record = ih;
        s.caller = _authority(ih, callerSeed);
        s.tokenId = deed ? (tokenSeed % 16 == 15 ? 2 : 1) : 1 + tokenSeed % MAX_ROLE;
        s.recipient = _parties[recipientSeed % _parties.length];
        s.amount = deed ? 1 : 1 + amountSeed % 100;
        s.processHash = _processFor(ih, amountSeed >> 8);
        s.role = _roleFor(amountSeed >> 16);
    }

    /// @dev Mostly CLAIM for a reserved token's recipient; sometimes for any token (attested token id 0), for someone
    /// else, without CLAIM, expiring, without any capability, or under the other workflow.
    function _pickAttest(
        uint256 recordSeed,
        uint256 attesterSeed,
        uint256 tokenSeed,
        uint256 recipientSeed,
        uint256 capsSeed
    ) internal view returns (AttestStep memory a) {
        (bool awaiting, bytes32 ih,) = _tokenAwaitingClaim(recordSeed);
        if (!awaiting) ih = _officialRecord(recordSeed);
        a.record = ih;
        a.attester = _authority(ih, attesterSeed);
        a.tokenId = _reservedTokenId(ih, tokenSeed);
        (, a.recipient) = _reservation(ih, a.tokenId);
        if (a.recipient == address(0) || recipientSeed % 4 == 3) {
            a.recipient = _parties[recipientSeed % _parties.length];
        }
        a.attestedTokenId = tokenSeed % 5 == 0 ? 0 : a.tokenId;
        a.caps = capsSeed % 8 == 7 ? Capabilities.TRANSFER : Capabilities.CLAIM | (capsSeed & 0xe);
        if (capsSeed % 29 == 3) a.caps = 0;
        a.expirationTime = (capsSeed / 8) % 4 == 3 ? uint64(block.timestamp + 1 + (capsSeed >> 8) % 2 days) : 0;
        a.processHash = _processFor(ih, capsSeed >> 24);
    }

    /// @dev A party's claim with a grant: usually one that should work, sometimes a stale, revoked, expired or
    /// foreign one, another token, the wrong workflow, or (one call in ten) someone else's grant.
    function _pickClaim(uint256 grantSeed, uint256 callerSeed, uint256 tokenSeed, uint256 planSeed)
        internal
        view
        returns (bool found, ClaimStep memory c)
    {
        if (_grants.length == 0) return (false, c);
        Grant memory g = _grants[_pickGrant(grantSeed, false)];
        c = _claimStepFor(g, tokenSeed);
        c.caller = callerSeed % 10 == 9 ? _parties[(callerSeed / 10) % _parties.length] : g.recipient;
        c.processHash = _processFor(g.integraHash, callerSeed >> 8);
        c.via = Via.Direct;
        c.reentry = _reentry(planSeed);
        return (true, c);
    }

    /// @dev A keyed recipient's claim with its grant, signed and submitted by a relayer (or, for the seed that
    /// means so, sent directly).
    function _pickForwardedClaim(uint256 grantSeed, uint256 relayerSeed, uint256 tokenSeed)
        internal
        view
        returns (bool found, ClaimStep memory c)
    {
        if (_grants.length == 0) return (false, c);
        Grant memory g = _grants[_pickGrant(grantSeed, true)];
        if (_keyOf[g.recipient] == 0) return (false, c);
        c = _claimStepFor(g, tokenSeed);
        c.caller = g.recipient;
        c.processHash = _rec[g.integraHash].processHash;
        c.via = _via(relayerSeed);
        return (true, c);
    }

    function _pickClaimFlow(uint256 recordSeed, uint256 attesterSeed, uint256 modeSeed)
        internal
        view
        returns (bool found, ClaimFlowStep memory s)
    {
        bytes32 ih;
        (found, ih, s.tokenId) = _tokenAwaitingClaim(recordSeed);
        if (!found) return (false, s);
        s.record = ih;
        s.attester = _authority(ih, attesterSeed);
        s.attestAnyToken = modeSeed % 3 == 2;
        s.via = (modeSeed >> 2) % 2 == 0 ? Via.Direct : _via(modeSeed >> 3);
        s.reentry = _reentry(modeSeed >> 8);
    }

    /// @dev A holder moves some of its token (one move in two, all of it: its claimant is then no longer a
    /// consenting party) to another party, directly or (one in three) through the forwarder.
    function _pickTransfer(uint256 holdingSeed, uint256 toSeed, uint256 amountSeed, uint256 planSeed)
        internal
        view
        returns (bool found, TransferStep memory t)
    {
        address holder;
        (found, t.record, t.tokenId, holder) = _someHolding(holdingSeed, false);
        if (!found) return (false, t);
        t.caller = holder;
        t.from = holder;
        t.to = _parties[toSeed % _parties.length];
        if (t.to == holder) t.to = _parties[(toSeed % _parties.length + 1) % _parties.length];
        uint256 held = _bal[t.record][t.tokenId][holder];
        t.amount = (amountSeed >> 64) % 2 == 1 ? held : 1 + uint64(amountSeed) % held;
        t.via = (amountSeed >> 128) % 3 == 0 ? _via(amountSeed >> 130) : Via.Direct;
        t.reentry = _reentry(planSeed);
    }

    /// @dev The record's owner, or (one call in six) another principal.
    function _ownerOrPrincipal(bytes32 ih, uint256 callerSeed) internal view returns (address) {
        return callerSeed % 6 == 5 ? _principals[(callerSeed / 6) % _principals.length] : _rec[ih].owner;
    }

    /// @dev The pending owner (sometimes someone else) accepts, naming the version it sees now or (one call in
    /// four) the version it saw at the offer, which may be stale. Held back while the record has a claimable grant.
    function _pickAccept(uint256 recordSeed, uint256 callerSeed) internal view returns (bool go, AcceptStep memory s) {
        bytes32 ih = _pendingRecord(recordSeed);
        if (_holdAuthorityChange(ih, callerSeed)) return (false, s);
        RecordGhost storage r = _rec[ih];
        s.record = ih;
        s.caller = callerSeed % 6 == 5 || r.pending == address(0)
            ? _principals[(callerSeed / 6) % _principals.length]
            : r.pending;
        s.version = (callerSeed >> 16) % 4 == 3 ? r.versionAtOffer : r.version;
        return (true, s);
    }

    /// @dev An offer of the executor role to nobody (withdrawing an offer), execA, execB, or a principal who may have
    /// owned the record before (A -> B -> A, re-appointments); the candidate accepts at once one call in two, unless a
    /// claimable grant holds the change back.
    function _pickOfferExecutor(uint256 recordSeed, uint256 candidateSeed, uint256 callerSeed)
        internal
        view
        returns (OfferExecutorStep memory s)
    {
        s.record = _officialRecord(recordSeed);
        s.caller = _ownerOrPrincipal(s.record, callerSeed);
        s.candidate = candidateSeed % 6 == 0 ? address(0) : _principals[candidateSeed % _principals.length];
        s.candidateAccepts =
            s.candidate != address(0) && (candidateSeed >> 8) % 2 == 0 && !_holdAuthorityChange(s.record, callerSeed);
    }

    /// @dev The candidate accepts; one call in six, and always when the candidate is a stranger named without its
    /// consent, someone else tries (another principal, the attacker, a party).
    function _pickAcceptExecutor(uint256 recordSeed, uint256 callerSeed)
        internal
        view
        returns (bool go, AcceptExecutorStep memory s)
    {
        bytes32 ih = _pendingExecutorRecord(recordSeed);
        if (_holdAuthorityChange(ih, callerSeed)) return (false, s);
        address candidate = _rec[ih].pendingExecutor;
        address caller = candidate;
        if (callerSeed % 6 == 5 || candidate == address(0) || _isStranger(candidate)) {
            uint256 k = (callerSeed / 6) % (_principals.length + 2);
            caller = k < _principals.length ? _principals[k] : k == _principals.length ? attacker : alice;
            if (caller == candidate) caller = _rec[ih].owner;
        }
        return (true, AcceptExecutorStep({record: ih, caller: caller}));
    }

    function _pickRemoveExecutor(uint256 recordSeed, uint256 callerSeed)
        internal
        view
        returns (bool go, RemoveExecutorStep memory s)
    {
        bytes32 ih = _officialRecord(recordSeed);
        if (_holdAuthorityChange(ih, callerSeed)) return (false, s);
        return (true, RemoveExecutorStep({record: ih, caller: _ownerOrPrincipal(ih, callerSeed)}));
    }

    /// @dev A workflow's owner admits or removes a member (registrant2, the other clerk, an executor); one call in
    /// six someone else (another principal, the attacker).
    function _pickMembership(uint256 workflowSeed, uint256 memberSeed, uint256 callerSeed)
        internal
        view
        returns (MembershipStep memory s)
    {
        s.workflow = _workflows[workflowSeed % _workflows.length];
        address workflowOwner = _workflowOwner[s.workflow];
        s.member = _principals[memberSeed % _principals.length];
        if (s.member == workflowOwner) s.member = registrant2;
        s.caller = workflowOwner;
        if (callerSeed % 6 == 5) {
            uint256 k = (callerSeed / 6) % (_principals.length + 1);
            s.caller = k < _principals.length ? _principals[k] : attacker;
        }
        s.admit = !_isMember[s.workflow][s.member];
    }

    /// @dev Usually two holders of one multi-party record; sometimes a holder who was handed its token rather than
    /// claiming it, a deadline now, or through the forwarder. One call in eight names as payer, and one in eight as
    /// requestor, a party who claimed its token but has handed all of it on since: no longer a consenting party.
    function _pickPaymentRequest(uint256 holdingSeed, uint256 payerSeed, uint256 deadlineSeed)
        internal
        view
        returns (bool found, PaymentRequestStep memory p)
    {
        (found, p.record, p.requestorTokenId, p.requestor) = _someHolding(holdingSeed, holdingSeed % 4 != 3);
        if (!found) return (false, p);
        (p.payer, p.payerTokenId) = _otherHolder(p.record, p.requestor, payerSeed);
        uint256 mode = (payerSeed >> 128) % 8;
        if (mode == 6 || mode == 7) {
            (bool gone, bytes32 formerIh, uint256 formerTokenId, address former) =
                _claimantWhoHandedOn(p.record, payerSeed);
            if (gone && mode == 6 && former != p.requestor && formerIh == p.record) {
                (p.payer, p.payerTokenId) = (former, formerTokenId);
            }
            if (gone && mode == 7) {
                (p.record, p.requestor, p.requestorTokenId) = (formerIh, former, formerTokenId);
                (p.payer, p.payerTokenId) = _otherHolder(p.record, p.requestor, payerSeed);
            }
        }
        p.deadline = deadlineSeed % 10 == 9
            ? uint64(block.timestamp)
            : uint64(block.timestamp + 1 + (deadlineSeed >> 8) % 3 days);
        p.amount = hex"e4c0";
        p.via = (deadlineSeed >> 64) % 3 == 0 ? _via(deadlineSeed >> 66) : Via.Direct;
    }

    /// @dev The payer (one call in eight, a party) marks a request paid, directly or (one in three) relayed.
    function _pickMarkPaid(uint256 paymentSeed, uint256 callerSeed)
        internal
        view
        returns (bool found, MarkPaidStep memory s)
    {
        if (_payments.length == 0) return (false, s);
        PaymentGhost storage p = _payments[paymentSeed % _payments.length];
        s.paymentId = p.id;
        s.caller = callerSeed % 8 == 7 ? _parties[(callerSeed / 8) % _parties.length] : p.payer;
        s.via = (callerSeed >> 64) % 3 == 0 ? _via(callerSeed >> 66) : Via.Direct;
        return (true, s);
    }

    /// @dev The requestor (one call in eight, a party) cancels a request, directly or (one in three) relayed.
    function _pickCancelPayment(uint256 paymentSeed, uint256 callerSeed)
        internal
        view
        returns (bool found, CancelPaymentStep memory s)
    {
        if (_payments.length == 0) return (false, s);
        PaymentGhost storage p = _payments[paymentSeed % _payments.length];
        s.paymentId = p.id;
        s.caller = callerSeed % 8 == 7 ? _parties[(callerSeed / 8) % _parties.length] : p.requestor;
        s.via = (callerSeed >> 64) % 3 == 0 ? _via(callerSeed >> 66) : Via.Direct;
        return (true, s);
    }

    // ------------------------------------------------------------------ the adversaries' steps

    /// @dev A replay needs an executed request: without one, another forgery.
    function _pickForgery(uint256 kindSeed, uint256 fieldSeed) internal view returns (ForgeryStep memory) {
        uint256 kinds = uint256(type(Forgery).max) + 1;
        uint256 kind = kindSeed % kinds;
        if (kind == uint256(Forgery.Replay) && _executed.length == 0) kind = 1 + kindSeed % (kinds - 1);
        return
            ForgeryStep({forgery: Forgery(kind), field: ForgedField(fieldSeed % (uint256(type(ForgedField).max) + 1))});
    }

    /// @dev A principal who lost its power over a record (a former owner or replaced executor, not re-appointed).
    function _pickFormerPrincipal(uint256 recordSeed, uint256 whoSeed, uint256 kindSeed)
        internal
        view
        returns (bool found, FormerPrincipalStep memory s)
    {
        (found, s.record) = _recordWithFormerPrincipal(recordSeed);
        if (!found) return (false, s);
        address[] memory formers = formerPrincipalsOf(s.record);
        s.former = formers[whoSeed % formers.length];
        s.move = FormerMove(kindSeed % (uint256(type(FormerMove).max) + 1));
    }

    /// @dev Eleven kinds of attack, as many seeds apart; taking the executor role (offering it to itself or
    /// accepting one offered to another) and settling a payment (marking it paid or cancelling it) are two moves each.
    function _pickAttacker(uint256 kindSeed, uint256 recordSeed, uint256 argSeed)
        internal
        view
        returns (AttackerStep memory)
    {
        uint256 kind = kindSeed % 11;
        AttackerMove move;
        if (kind < uint256(AttackerMove.OfferItselfExecutor)) {
            move = AttackerMove(kind);
        } else if (kind == 4) {
            move = argSeed % 2 == 0 ? AttackerMove.OfferItselfExecutor : AttackerMove.AcceptExecutorRole;
        } else if (kind == 10) {
            move = argSeed % 2 == 0 ? AttackerMove.MarkPaid : AttackerMove.CancelPayment;
        } else {
            move = AttackerMove(kind + 1); // OfferRecord .. RequestPayment
        }
        return AttackerStep({move: move, record: _officialRecord(recordSeed)});
    }

    /// @dev Registering comes first: the moves on a fake record need one.
    function _pickFakeTokenizer(uint256 kindSeed, uint256 recordSeed, uint256 argSeed)
        internal
        view
        returns (FakeTokenizerStep memory)
    {
        uint256 kind = kindSeed % 6;
        if (kind == 0 || (kind != 2 && kind != 5 && fakeRecords == 0)) {
            return FakeTokenizerStep({move: FakeMove.RegisterRecord, record: bytes32(0)});
        }
        if (kind == 2) {
            return FakeTokenizerStep({move: FakeMove.ReservePartiesOnARealRecord, record: _officialRecord(recordSeed)});
        }
        if (kind == 5) return FakeTokenizerStep({move: FakeMove.RequestPaymentOnARealRecord, record: bytes32(0)});
        FakeMove move = kind == 1
            ? FakeMove.SignalOnAFakeRecord
            : kind == 4
                ? FakeMove.ClaimOnARealTokenizer
                : argSeed % 4 < 2 ? FakeMove.ReserveOnARealTokenizer : FakeMove.SealOnARealTokenizer;
        return FakeTokenizerStep({move: move, record: _fakeRecord(recordSeed)});
    }

    /// @dev One call in four registers a record naming a stranger, one in four offers a record's role to one; the
    /// rest pick a record whose pending offer names a stranger (else offer one), and its stranger's move (reserve,
    /// seal, attest) or someone else's acceptance for it (the owner, the other clerk, an outsider).
    function _pickStrangerExecutor(uint256 kindSeed, uint256 recordSeed, uint256 argSeed)
        internal
        view
        returns (bool go, StrangerExecutorStep memory)
    {
        uint256 kind = kindSeed % 4;
        address named = [attacker, alice, bob, carol][argSeed % 4];
        if (kind == 0) {
            return (
                officialRecords < MAX_OFFICIAL_RECORDS,
                StrangerExecutorStep({move: StrangerMove.RegisterNamingAStranger, record: bytes32(0), named: named})
            );
        }
        (bool found, bytes32 ih) = _strangerNamedRecord(recordSeed);
        if (kind == 1 || !found) {
            return (
                true,
                StrangerExecutorStep({
                    move: StrangerMove.OfferToAStranger, record: _officialRecord(recordSeed), named: named
                })
            );
        }
        uint256 first = kind == 2 ? uint256(StrangerMove.StrangerReserves) : uint256(StrangerMove.OwnerAcceptsForIt);
        return (
            true,
            StrangerExecutorStep({
                move: StrangerMove(first + (argSeed >> 8) % 3), record: ih, named: _rec[ih].pendingExecutor
            })
        );
    }

    /// @dev A victim record's workflow and a squatter: the attacker, or (a copy, one call in four) a principal that
    /// may or may not be a member.
    function _pickSquat(uint256 kindSeed, uint256 victimSeed, uint256 argSeed)
        internal
        view
        returns (SquatStep memory s)
    {
        uint256 kind = kindSeed % 4;
        s.victim = _officialRecord(victimSeed);
        s.squatter = kind == 1 ? _principals[argSeed % _principals.length] : attacker;
        s.move = kind < 2
            ? SquatMove.CopyIntoTheVictimsWorkflow
            : kind == 2
                ? SquatMove.OpenOwnWorkflowOfTheSameId
                : argSeed % 2 == 0 ? SquatMove.AdmitItself : SquatMove.RemoveAMember;
    }

    /// @dev A buyer other than the owner, and the seller's change between the offer and the accept.
    function _pickFrontRun(uint256 recordSeed, uint256 changeSeed, uint256 buyerSeed)
        internal
        view
        returns (FrontRunStep memory s)
    {
        s.record = _officialRecord(recordSeed);
        s.buyer = _principals[buyerSeed % _principals.length];
        if (s.buyer == _rec[s.record].owner) {
            s.buyer = _principals[(buyerSeed % _principals.length + 1) % _principals.length];
        }
        s.change = SellerChange(changeSeed % (uint256(type(SellerChange).max) + 1));
    }

    /// @dev A consenting party and another holder of the record: up to six requests in a row, one call in four with a
    /// ciphertext over MAX_CIPHERTEXT_BYTES.
    function _pickFlood(uint256 holdingSeed, uint256 payerSeed, uint256 countSeed)
        internal
        view
        returns (bool found, FloodStep memory s)
    {
        (found, s.record, s.requestorTokenId, s.requestor) = _someHolding(holdingSeed, true);
        if (!found) return (false, s);
        (s.payer, s.payerTokenId) = _otherHolder(s.record, s.requestor, payerSeed);
        s.times = 1 + (countSeed >> 8) % 6;
        s.overlongCiphertext = countSeed % 4 == 3;
        s.deadline = uint64(block.timestamp + 1 + (countSeed >> 16) % 2 days);
    }

    // ------------------------------------------------------------------ arguments

    /// @dev Sent directly for the seed that means so (all ones), else signed and submitted by a relayer.
    function _via(uint256 seed) internal pure returns (Via) {
        if (seed == type(uint256).max) return Via.Direct;
        return seed % 2 == 0 ? Via.Relayer0 : Via.Relayer1;
    }

    function _reentry(uint256 seed) internal pure returns (Reentry) {
        return Reentry(seed % (uint256(type(Reentry).max) + 1));
    }

    // ------------------------------------------------------------------ records, tokens, grants and holders

    /// @dev An official record, searching from a seeded index (the first record if there is none).
    function _officialRecord(uint256 seed) internal view returns (bytes32) {
        uint256 n = _records.length;
        for (uint256 i; i < n; ++i) {
            bytes32 ih = _records[(seed % n + i) % n];
            if (isOfficial(_rec[ih].tokenizer)) return ih;
        }
        return n == 0 ? bytes32(0) : _records[0];
    }

    function _fakeRecord(uint256 seed) internal view returns (bytes32) {
        uint256 n = _records.length;
        for (uint256 i; i < n; ++i) {
            bytes32 ih = _records[(seed % n + i) % n];
            if (_rec[ih].tokenizer == address(fake)) return ih;
        }
        return bytes32(0);
    }

    /// @dev Mostly a record with a pending offer; otherwise any official record.
    function _pendingRecord(uint256 seed) internal view returns (bytes32) {
        uint256 n = _records.length;
        if (seed % 5 != 4) {
            for (uint256 i; i < n; ++i) {
                bytes32 ih = _records[(seed % n + i) % n];
                if (isOfficial(_rec[ih].tokenizer) && _rec[ih].pending != address(0)) return ih;
            }
        }
        return _officialRecord(seed);
    }

    /// @dev Mostly a record with a pending executor offer; otherwise any official record.
    function _pendingExecutorRecord(uint256 seed) internal view returns (bytes32) {
        uint256 n = _records.length;
        if (seed % 5 != 4) {
            for (uint256 i; i < n; ++i) {
                bytes32 ih = _records[(seed % n + i) % n];
                if (isOfficial(_rec[ih].tokenizer) && _rec[ih].pendingExecutor != address(0)) return ih;
            }
        }
        return _officialRecord(seed);
    }

    /// @dev An official record whose pending executor offer names a stranger (the attacker or a party).
    function _strangerNamedRecord(uint256 seed) internal view returns (bool, bytes32) {
        uint256 n = _records.length;
        for (uint256 i; i < n; ++i) {
            bytes32 ih = _records[(seed % n + i) % n];
            if (isOfficial(_rec[ih].tokenizer) && _isStranger(_rec[ih].pendingExecutor)) return (true, ih);
        }
        return (false, bytes32(0));
    }

    function _recordWithFormerPrincipal(uint256 seed) internal view returns (bool, bytes32) {
        uint256 n = _records.length;
        for (uint256 i; i < n; ++i) {
            bytes32 ih = _records[(seed % n + i) % n];
            if (isOfficial(_rec[ih].tokenizer) && formerPrincipalsOf(ih).length > 0) return (true, ih);
        }
        return (false, bytes32(0));
    }

    /// @dev An authority change kills every live attestation of the record: while one is outstanding, only one call
    /// in two goes ahead, so that flows also complete.
    function _holdAuthorityChange(bytes32 ih, uint256 seed) internal view returns (bool) {
        if ((seed >> 8) % 2 == 1) return false;
        for (uint256 i; i < _grants.length; ++i) {
            if (_grants[i].integraHash == ih && _looksClaimable(_grants[i])) return true;
        }
        return false;
    }

    /// @dev Mostly the record's owner or executor (per the ghost); one call in eight a principal or party at random.
    function _authority(bytes32 ih, uint256 seed) internal view returns (address) {
        RecordGhost storage r = _rec[ih];
        uint256 pick = seed % 8;
        if (pick == 7) {
            uint256 k = (seed / 8) % (_principals.length + _parties.length);
            return k < _principals.length ? _principals[k] : _parties[k - _principals.length];
        }
        if (pick < 3 && r.executor != address(0)) return r.executor;
        return r.owner;
    }

    /// @dev The record's own processHash, one call in eight the other workflow id.
    function _processFor(bytes32 ih, uint256 seed) internal view returns (bytes32) {
        bytes32 own = _rec[ih].processHash;
        if (seed % 8 != 7) return own;
        return own == PROCESS_A ? PROCESS_B : PROCESS_A;
    }

    /// @dev A token id of the record: usually one reserved before, sometimes any plausible id.
    function _someTokenId(bytes32 ih, uint256 seed) internal view returns (uint256) {
        if (_rec[ih].tokenizer == address(ownership)) return 1;
        uint256[] storage ids = _ids[ih];
        if (ids.length == 0 || seed % 5 == 4) return 1 + seed % MAX_ROLE;
        return ids[seed % ids.length];
    }

    /// @dev A token of the record still waiting to be claimed, searching from a seeded index; else `_someTokenId`.
    function _reservedTokenId(bytes32 ih, uint256 seed) internal view returns (uint256) {
        uint256[] storage ids = _ids[ih];
        for (uint256 i; i < ids.length; ++i) {
            uint256 id = ids[(seed % ids.length + i) % ids.length];
            if (_tok[ih][id].status == IntegraTokenizerBase.TokenStatus.Reserved) return id;
        }
        return _someTokenId(ih, seed);
    }

    /// @dev A token in Reserved state on an official record, searching from a seeded record: first on a record whose
    /// party set is sealed (claims need it), or, when `seed % 4 == 3`, not sealed yet; then on any.
    function _tokenAwaitingClaim(uint256 seed) internal view returns (bool, bytes32, uint256) {
        uint256 n = _records.length;
        bool wantSealed = seed % 4 != 3;
        for (uint256 pass; pass < 2; ++pass) {
            for (uint256 i; i < n; ++i) {
                bytes32 ih = _records[(seed % n + i) % n];
                if (!isOfficial(_rec[ih].tokenizer)) continue;
                if (pass == 0 && (_rec[ih].isSealed != wantSealed || vacancy(ih))) continue;
                (bool found, uint256 id) = _reservedOn(ih, seed >> 8);
                if (found) return (true, ih, id);
            }
        }
        return (false, bytes32(0), 0);
    }

    /// @dev A token of the record in Reserved state, searching from a seeded index.
    function _reservedOn(bytes32 ih, uint256 seed) internal view returns (bool, uint256) {
        uint256[] storage ids = _ids[ih];
        for (uint256 j; j < ids.length; ++j) {
            uint256 id = ids[(seed % ids.length + j) % ids.length];
            if (_tok[ih][id].status == IntegraTokenizerBase.TokenStatus.Reserved) return (true, id);
        }
        return (false, 0);
    }

    /// @dev When `seed % 4 == 3`, grant number `seed / 4` (modulo their count) whatever it is (stale, revoked,
    /// used...); when `seed % 4 == 2`, the first grant from a seeded index that would let its recipient claim but
    /// for one thing (`seed / 4 % 3`): an authority change killed it, its record's party set is not sealed yet, or a
    /// place in it is vacant; otherwise, or when there is none, the first one that should still let its recipient
    /// claim (CLAIM, live, unrevoked, issued in the record's current epoch, for a token reserved for the recipient,
    /// on a sealed record without a vacant place); and the seeded grant when there is none of those. `keyed`: only
    /// grants to a party with a key.
    function _pickGrant(uint256 seed, bool keyed) internal view returns (uint256) {
        uint256 n = _grants.length;
        if (seed % 4 == 3) return (seed / 4) % n;
        uint8 flaw = seed % 4 == 2 ? uint8(1 + (seed / 4) % 3) : FLAW_NONE;
        for (uint256 pass = flaw == FLAW_NONE ? 1 : 0; pass < 2; ++pass) {
            for (uint256 i; i < n; ++i) {
                uint256 index = (seed % n + i) % n;
                if (keyed && _keyOf[_grants[index].recipient] == 0) continue;
                if (_wouldClaim(_grants[index], pass == 0 ? flaw : FLAW_NONE)) return index;
            }
        }
        return seed % n;
    }

    function _looksClaimable(Grant storage g) internal view returns (bool) {
        return _wouldClaim(g, FLAW_NONE);
    }

    /// @dev Whether `g` would let its recipient claim its token now, but for exactly `flaw`: none, an authority
    /// change since it was issued, the record's party set not sealed yet, or a vacant place in it.
    function _wouldClaim(Grant storage g, uint8 flaw) internal view returns (bool) {
        RecordGhost storage r = _rec[g.integraHash];
        if (!isOfficial(r.tokenizer) || r.isSealed == (flaw == FLAW_UNSEALED)) return false;
        if (vacancy(g.integraHash) != (flaw == FLAW_VACANT)) return false;
        if (g.caps & Capabilities.CLAIM == 0 || g.revokedStep != 0) return false;
        if ((g.epoch != r.epoch) != (flaw == FLAW_KILLED)) return false;
        if (g.expirationTime != 0 && g.expirationTime <= block.timestamp) return false;
        TokenGhost storage t = _tok[g.integraHash][g.tokenId];
        return t.status == IntegraTokenizerBase.TokenStatus.Reserved && t.reservedFor == g.recipient;
    }

    /// @dev The claim `g` was issued for: its record, uid and token (or, for an attestation naming token id 0, one
    /// in two times another token of the record), on the record's tokenizer (a real one for a fake record).
    function _claimStepFor(Grant memory g, uint256 tokenSeed) internal view returns (ClaimStep memory c) {
        c.record = g.integraHash;
        c.uid = g.uid;
        address bound = _rec[g.integraHash].tokenizer;
        c.tokenizer = isOfficial(bound) ? bound : address(multiParty);
        c.tokenId = g.attestedTokenId != 0 || tokenSeed % 2 == 0 ? g.tokenId : _someTokenId(g.integraHash, tokenSeed);
    }

    /// @dev A (record, token, party) with a ghost balance, searching from a seeded start over official records.
    /// `consenting`: prefer holders who claimed the token themselves.
    function _someHolding(uint256 seed, bool consenting)
        internal
        view
        returns (bool found, bytes32 ih, uint256 tokenId, address holder)
    {
        uint256 n = _records.length;
        for (uint256 pass; pass < 2; ++pass) {
            for (uint256 i; i < n; ++i) {
                ih = _records[(seed % n + i) % n];
                if (!isOfficial(_rec[ih].tokenizer)) continue;
                uint256[] storage ids = _ids[ih];
                for (uint256 j; j < ids.length; ++j) {
                    tokenId = ids[(seed / 7 + j) % ids.length];
                    for (uint256 k; k < _parties.length; ++k) {
                        holder = _parties[(seed / 13 + k) % _parties.length];
                        if (_bal[ih][tokenId][holder] == 0) continue;
                        if (pass == 0 && consenting && !ghostIsParty(ih, tokenId, holder)) continue;
                        return (true, ih, tokenId, holder);
                    }
                }
            }
            if (!consenting) break;
        }
        return (false, bytes32(0), 0, address(0));
    }

    /// @dev Another holder of some token of the record (consenting first), or a seeded party and token.
    function _otherHolder(bytes32 ih, address requestor, uint256 seed) internal view returns (address, uint256) {
        uint256[] storage ids = _ids[ih];
        if (seed % 8 != 7) {
            for (uint256 pass; pass < 2; ++pass) {
                for (uint256 j; j < ids.length; ++j) {
                    uint256 tokenId = ids[(seed % ids.length + j) % ids.length];
                    for (uint256 k; k < _parties.length; ++k) {
                        address candidate = _parties[(seed / 5 + k) % _parties.length];
                        if (candidate == requestor || _bal[ih][tokenId][candidate] == 0) continue;
                        if (pass == 0 && !ghostIsParty(ih, tokenId, candidate)) continue;
                        return (candidate, tokenId);
                    }
                }
            }
        }
        return (_parties[seed % _parties.length], _someTokenId(ih, seed));
    }

    /// @dev A token whose claimant holds none of it any more (it handed it all on), on `ih` if there is one.
    function _claimantWhoHandedOn(bytes32 ih, uint256 seed)
        internal
        view
        returns (bool found, bytes32 where, uint256 tokenId, address claimant)
    {
        uint256 n = _records.length;
        for (uint256 i; i <= n; ++i) {
            where = i == 0 ? ih : _records[(seed % n + i) % n];
            if (!isOfficial(_rec[where].tokenizer)) continue;
            uint256[] storage ids = _ids[where];
            for (uint256 j; j < ids.length; ++j) {
                TokenGhost storage t = _tok[where][ids[j]];
                if (t.status == IntegraTokenizerBase.TokenStatus.Claimed && _bal[where][ids[j]][t.claimant] == 0) {
                    return (true, where, ids[j], t.claimant);
                }
            }
        }
        return (false, bytes32(0), 0, address(0));
    }

    /// @dev The receiver's re-entry `kind` for a receipt of `amount` of (ih, tokenId); `uid` is the outer claim's
    /// grant. `details` picks which token it cancels, whom it asks to pay, whom it passes the token on to, how it pokes
    /// the registry, and which of its grants it claims with.
    function _plan(Reentry kind, uint256 details, bytes32 ih, uint256 tokenId, uint256 amount, bytes32 uid)
        internal
        view
        returns (ReentryPlan memory p)
    {
        uint256 seed = details;
        p.kind = kind;
        p.integraHash = ih;
        p.tokenId = tokenId;
        p.amount = amount;
        address tokenizer = _rec[ih].tokenizer;
        bytes32 process = _rec[ih].processHash;
        if (p.kind == Reentry.Reclaim) {
            p.target = tokenizer;
            p.data = abi.encodeCall(IntegraTokenizerBase.claimToken, (ih, tokenId, uid, process));
        } else if (p.kind == Reentry.ClaimOther) {
            (bool found, uint256 index) = _receiverGrant(ih, tokenId, seed);
            if (!found) {
                p.kind = Reentry.None;
                return p;
            }
            Grant storage g = _grants[index];
            p.integraHash = g.integraHash;
            p.tokenId = g.tokenId;
            p.uid = g.uid;
            p.target = _rec[g.integraHash].tokenizer;
            p.data = abi.encodeCall(
                IntegraTokenizerBase.claimToken, (g.integraHash, g.tokenId, g.uid, _rec[g.integraHash].processHash)
            );
        } else if (p.kind == Reentry.Reserve) {
            p.target = tokenizer;
            p.data = abi.encodeCall(
                IntegraTokenizerBase.reserveToken, (ih, 1 + tokenId % MAX_ROLE, address(receiver), 1, process, "")
            );
        } else if (p.kind == Reentry.Cancel) {
            p.target = tokenizer;
            p.data = abi.encodeCall(IntegraTokenizerBase.cancelReservation, (ih, _reservedTokenId(ih, seed >> 8)));
        } else if (p.kind == Reentry.Seal) {
            p.target = tokenizer;
            p.data = abi.encodeCall(IntegraTokenizerBase.sealParties, (ih));
        } else if (p.kind == Reentry.RequestPayment) {
            (address payer, uint256 payerTokenId) = _otherHolder(ih, address(receiver), seed >> 8);
            // As the party of the token just received, or of a token it claimed itself on the record.
            uint256 requestorTokenId = tokenId;
            uint256[] storage ids = _ids[ih];
            for (uint256 j; j < ids.length && (seed >> 16) % 2 == 0; ++j) {
                if (_tok[ih][ids[j]].claimant == address(receiver)) requestorTokenId = ids[j];
            }
            p.target = address(signal);
            p.data = abi.encodeCall(
                IntegraSignalV1.requestPayment,
                (ih, requestorTokenId, payer, payerTokenId, hex"e4c0", uint64(block.timestamp + 1 days))
            );
        } else if (p.kind == Reentry.PassOn) {
            p.other = _parties[(seed >> 8) % 3]; // alice, bob or carol
            p.target = tokenizer;
            p.data = tokenizer == address(ownership)
                ? abi.encodeWithSignature(
                    "safeTransferFrom(address,address,uint256)", address(receiver), p.other, uint256(ih)
                )
                : abi.encodeCall(
                    IERC1155.safeTransferFrom,
                    (address(receiver), p.other, multiParty.erc1155IdOf(ih, tokenId), amount, "")
                );
        } else if (p.kind == Reentry.PokeRegistry) {
            p.target = address(registry);
            uint256 which = (seed >> 8) % 3;
            p.data = which == 0
                ? abi.encodeCall(IntegraRecordV1.offerExecutor, (ih, address(receiver)))
                : which == 1
                    ? abi.encodeCall(IntegraRecordV1.acceptExecutorRole, (ih))
                    : abi.encodeCall(IntegraRecordV1.offerRecordOwnership, (ih, address(receiver), "re-entered"));
        }
    }

    /// @dev A grant that should let the receiver claim a token other than (ih, tokenId).
    function _receiverGrant(bytes32 ih, uint256 tokenId, uint256 seed) internal view returns (bool, uint256) {
        uint256 n = _grants.length;
        for (uint256 i; i < n; ++i) {
            uint256 index = (seed % n + i) % n;
            Grant storage g = _grants[index];
            if (g.recipient != address(receiver) || (g.integraHash == ih && g.tokenId == tokenId)) continue;
            if (g.attestedTokenId == 0 || !_looksClaimable(g)) continue;
            return (true, index);
        }
        return (false, 0);
    }

    /// @dev A party list the registry must refuse: none, a role too long or with a control byte, a zero recipient, or
    /// a bad amount.
    function _malform(Registration memory a, uint256 seed) internal view {
        uint256 kind = seed % 4;
        if (kind == 0) {
            a.recipients = new address[](0);
            a.amounts = new uint256[](0);
        } else if (kind == 1) {
            // Over MAX_ROLE_BYTES, or a control byte that could rewrite a party's screen.
            a.role = (seed >> 8) % 2 == 0 ? "a role label well over thirty-two bytes" : "Seller\rPaid";
        } else if (kind == 2) {
            a.recipients[0] = address(0);
        } else {
            a.amounts[0] = a.tokenizer == address(ownership) ? 2 : 0;
        }
        a.withParties = true;
    }

    /// @dev A role label for a reservation: none, a word, multi-byte UTF-8, or the longest allowed (32 bytes).
    function _roleFor(uint256 seed) internal pure returns (string memory) {
        return ["", "Seller", unicode"Käufer", "Seller's lender, second position"][seed % 4];
    }
}
