// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";
import {IntegraTokenizerBase} from "../../../src/tokenizers/IntegraTokenizerBase.sol";
import {Capabilities} from "../../../src/Capabilities.sol";
import {Attempts} from "./Attempts.sol";
import {Pickers} from "./Pickers.sol";
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
    ReserveStep,
    AttestStep,
    ClaimStep,
    TransferStep,
    PaymentRequestStep,
    ForgeryStep,
    FormerPrincipalStep,
    AttackerStep,
    FakeTokenizerStep,
    StrangerExecutorStep,
    SquatStep,
    FrontRunStep,
    FloodStep
} from "./Steps.sol";

/// @notice The adversaries at work, as the fuzzer drives them: an attacker (forged forward requests, calls without
/// authority, theft, registrations into other people's workflows with their workflow id and content hash), clerks
/// naming strangers as executors, sellers changing a record between an offer and its accept, parties flooding each
/// other with payment signals, former principals who keep trying, and a fake tokenizer. (The re-entering receiver is
/// armed by the honest actions that deliver it a token.)
/// @dev Each move that must fail counts its refusal (`successes["...Refused"]`), so a scripted run shows every
/// attack was made and refused; one that succeeds is a violation in the reference model.
abstract contract Attacks is Attempts, Pickers {
    // ================================================================== the fuzzer's targets

    /// @notice The attacker tries to make the forwarder act for a party (see Forgery). Each must fail.
    function forgeForwarded(uint256 kindSeed, uint256 pickSeed, uint256 fieldSeed) external {
        _performForgery(_pickForgery(kindSeed, fieldSeed), pickSeed, fieldSeed);
    }

    /// @notice A principal who lost its power over a record (a former owner or replaced executor, not re-appointed)
    /// tries to use it: reserve, cancel, attest, seal, appoint, offer, cancel an offer. Each must fail.
    function formerPrincipalStrikes(uint256 recordSeed, uint256 whoSeed, uint256 kindSeed) external {
        (bool found, FormerPrincipalStep memory s) = _pickFormerPrincipal(recordSeed, whoSeed, kindSeed);
        if (found) _performFormerPrincipal(s, kindSeed >> 8);
    }

    /// @notice The attacker (no authority, no reservation, no grant) tries everything: reserve, cancel, attest,
    /// seal, offer itself the executor role or accept one offered to another, offer, accept, claim with a party's
    /// grant, take a party's token, request a payment, mark paid or cancel someone's payment. Each must fail.
    function attackerStrikes(uint256 kindSeed, uint256 recordSeed, uint256 argSeed) external {
        _performAttacker(_pickAttacker(kindSeed, recordSeed, argSeed), argSeed);
    }

    /// @notice The fake tokenizer at work (see FakeMove): registering a record bound to it is allowed (outside any
    /// workflow, anyone may register); a payment signal on such a record, reserveParties on a real record, reserving
    /// or sealing a fake record on a real tokenizer, claiming on a real tokenizer with the fake record's attestation,
    /// and a payment request by the fake on a real record must all fail.
    function fakeTokenizerPlays(uint256 kindSeed, uint256 recordSeed, uint256 argSeed) external {
        _performFakeTokenizer(_pickFakeTokenizer(kindSeed, recordSeed, argSeed), argSeed);
    }

    /// @notice A clerk names a stranger as executor, who never consents: a record registered naming the attacker or
    /// a party (alice, bob, carol) as executor; the owner offering the role to one of them; the named stranger trying
    /// to act (reserve, seal, attest); the owner, another principal or an outsider trying to accept the role for it.
    /// Every attempt of the last two must fail.
    function nameStrangerExecutor(uint256 kindSeed, uint256 recordSeed, uint256 argSeed) external {
        (bool go, StrangerExecutorStep memory s) = _pickStrangerExecutor(kindSeed, recordSeed, argSeed);
        if (go) _performStrangerExecutor(s, argSeed);
    }

    /// @notice Strangers at someone else's workflow: the attacker registers a copy of a victim record's document (its
    /// content hash) under the victim's workflow, with or without parties; a principal that may or may not be a member
    /// does the same (allowed only while a member); the attacker opens a workflow with the victim's workflow id (its
    /// own workflow: another processHash) and registers the copy there; the attacker admits itself to the victim's
    /// workflow or removes one of its members. The attacker's copy, admission and removal must fail.
    function squatWorkflow(uint256 kindSeed, uint256 victimSeed, uint256 argSeed) external {
        _performSquat(_pickSquat(kindSeed, victimSeed, argSeed), argSeed);
    }

    /// @notice The front-run attack on a sale: the owner offers the record (unless an offer is pending), the buyer
    /// sees its version, then the seller's side changes it (see SellerChange) before the buyer's accept, which names
    /// the version seen at the offer. It must fail whenever the record changed, and succeed when it did not.
    function frontRunAccept(uint256 recordSeed, uint256 changeSeed, uint256 buyerSeed) external {
        _performFrontRun(_pickFrontRun(recordSeed, changeSeed, buyerSeed), changeSeed);
    }

    /// @notice A party floods another with payment signals: the same request, over and over (up to six times in a
    /// row), on one record; beyond MAX_PENDING_PER_PAIR pending (expired ones included) each must fail. One call in
    /// four sends a ciphertext over MAX_CIPHERTEXT_BYTES, which must fail too.
    function floodPayments(uint256 holdingSeed, uint256 payerSeed, uint256 countSeed) external {
        (bool found, FloodStep memory s) = _pickFlood(holdingSeed, payerSeed, countSeed);
        if (found) _performFlood(s);
    }

    // ================================================================== performing a step

    /// @dev `pickSeed` picks the executed request replayed, or the grant the forgery is built around; `valueSeed`
    /// how far a tampered gas or deadline moves.
    function _performForgery(ForgeryStep memory s, uint256 pickSeed, uint256 valueSeed) internal {
        ERC2771Forwarder.ForwardRequestData memory request;
        if (s.forgery == Forgery.Replay) {
            if (_executed.length == 0) return;
            request = _executed[pickSeed % _executed.length];
        } else {
            bool found;
            (found, request) = _forgery(s, pickSeed, valueSeed);
            if (!found) return;
        }
        _begin();
        vm.prank(attacker);
        try forwarder.execute(request) {
            _violation(V_FORGERY, "a forged, tampered, expired or replayed forward request executed");
            _commit();
        } catch {
            successes["forgeForwarded"]++;
        }
    }

    /// @dev Forgery `s` around a seeded grant to a party with a key.
    function _forgery(ForgeryStep memory s, uint256 pickSeed, uint256 valueSeed)
        internal
        view
        returns (bool found, ERC2771Forwarder.ForwardRequestData memory request)
    {
        uint256 n = _grants.length;
        uint256 index;
        for (uint256 i; i < n && !found; ++i) {
            index = (pickSeed % n + i) % n;
            found = _keyOf[_grants[index].recipient] != 0 && _grants[index].recipient != attacker;
        }
        if (!found) return (false, request);
        Grant memory g = _grants[index];
        ClaimStep memory c = _claimStepFor(g, 0);
        bytes memory data = abi.encodeCall(
            IntegraTokenizerBase.claimToken, (g.integraHash, c.tokenId, g.uid, _rec[g.integraHash].processHash)
        );
        if (s.forgery == Forgery.AttackersOwnRequest) {
            return (true, _forwardRequest(forwarder, ATTACKER_KEY, c.tokenizer, data));
        }
        uint256 key = _keyOf[g.recipient];
        request = _forwardRequest(forwarder, key, c.tokenizer, data);
        if (s.forgery == Forgery.SignedByAttacker) {
            _sign(forwarder, ATTACKER_KEY, request); // still from the recipient
        } else if (s.forgery == Forgery.Expired) {
            request.deadline = uint48(block.timestamp - 1);
            _sign(forwarder, key, request);
        } else if (s.field == ForgedField.To) {
            request.to = c.tokenizer == address(ownership) ? address(multiParty) : address(ownership);
        } else if (s.field == ForgedField.Gas) {
            request.gas = valueSeed % FORWARD_GAS;
        } else if (s.field == ForgedField.Deadline) {
            request.deadline += uint48(1 + valueSeed % 365 days);
        } else if (s.field == ForgedField.Data) {
            request.data = abi.encodePacked(data, hex"00");
        } else {
            request.from = attacker;
        }
    }

    /// @dev `details` picks the token a reserve, cancel or attestation names.
    function _performFormerPrincipal(FormerPrincipalStep memory s, uint256 details) internal {
        bytes32 ih = s.record;
        address who = s.former;
        RecordGhost storage r = _rec[ih];
        bool ok;
        if (s.move == FormerMove.Reserve) {
            ok = _tryReserve(
                ReserveStep({
                    record: ih,
                    caller: who,
                    tokenId: _someTokenId(ih, details),
                    recipient: alice,
                    amount: 1,
                    processHash: r.processHash,
                    role: ""
                }),
                r.tokenizer
            );
        } else if (s.move == FormerMove.Cancel) {
            ok = _tryCancel(ih, who, r.tokenizer, _reservedTokenId(ih, details));
        } else if (s.move == FormerMove.Attest) {
            AttestStep memory a;
            a.record = ih;
            a.attester = who;
            a.tokenId = _reservedTokenId(ih, details);
            (, a.recipient) = _reservation(ih, a.tokenId);
            if (a.recipient == address(0)) a.recipient = alice;
            a.attestedTokenId = a.tokenId;
            a.caps = Capabilities.CLAIM;
            a.processHash = r.processHash;
            (ok,) = _tryAttest(a);
        } else if (s.move == FormerMove.Seal) {
            ok = _trySeal(ih, who, r.tokenizer);
        } else if (s.move == FormerMove.OfferItselfExecutor) {
            ok = _tryOfferExecutor(ih, who, who);
        } else if (s.move == FormerMove.OfferRecord) {
            ok = _tryOffer(ih, who, who == clerkB ? clerkA : clerkB);
        } else {
            ok = _tryCancelOffer(ih, who);
        }
        if (!ok) successes["formerPrincipalRefused"]++;
    }

    /// @dev `details` picks the token a move on the record names, the party's grant, token or payment it goes after,
    /// and (odd) whether a claim or a theft is relayed.
    function _performAttacker(AttackerStep memory s, uint256 details) internal {
        bytes32 ih = s.record;
        RecordGhost storage r = _rec[ih];
        bool ok;
        if (s.move == AttackerMove.Reserve) {
            ok = _tryReserve(
                ReserveStep({
                    record: ih,
                    caller: attacker,
                    tokenId: _someTokenId(ih, details),
                    recipient: attacker,
                    amount: 1,
                    processHash: r.processHash,
                    role: ""
                }),
                r.tokenizer
            );
        } else if (s.move == AttackerMove.Cancel) {
            ok = _tryCancel(ih, attacker, r.tokenizer, _reservedTokenId(ih, details));
        } else if (s.move == AttackerMove.Attest) {
            AttestStep memory a;
            a.record = ih;
            a.attester = attacker;
            a.recipient = attacker;
            a.tokenId = _reservedTokenId(ih, details);
            a.caps = Capabilities.CLAIM;
            a.processHash = r.processHash;
            (ok,) = _tryAttest(a);
        } else if (s.move == AttackerMove.Seal) {
            ok = _trySeal(ih, attacker, r.tokenizer);
        } else if (s.move == AttackerMove.OfferItselfExecutor) {
            ok = _tryOfferExecutor(ih, attacker, attacker);
        } else if (s.move == AttackerMove.AcceptExecutorRole) {
            ok = _tryAcceptExecutor(ih, attacker);
        } else if (s.move == AttackerMove.OfferRecord) {
            ok = _tryOffer(ih, attacker, attacker);
        } else if (s.move == AttackerMove.AcceptRecord) {
            ok = _tryAccept(ih, attacker, r.version);
        } else {
            bool tried;
            (tried, ok) = _attackAParty(s.move, details);
            if (!tried) return;
        }
        if (!ok) successes["attackerRefused"]++;
    }

    /// @dev The attacker's moves on a party's grant, token or payment; `tried` is false when there is none.
    function _attackAParty(AttackerMove move, uint256 details) internal returns (bool tried, bool ok) {
        Via via = details % 2 == 0 ? Via.Direct : _via(details >> 1);
        ReentryPlan memory none;
        if (move == AttackerMove.ClaimWithAPartysGrant) {
            if (_grants.length == 0) return (false, false);
            Grant memory g = _grants[_pickGrant(details, false)];
            ClaimStep memory c = _claimStepFor(g, 0);
            c.caller = attacker;
            c.processHash = _rec[g.integraHash].processHash;
            c.via = via;
            return (true, _tryClaim(c, none));
        }
        if (move == AttackerMove.TakeAPartysToken) {
            (bool found, bytes32 hih, uint256 tokenId, address holder) = _someHolding(details, false);
            if (!found) return (false, false);
            TransferStep memory t = TransferStep({
                record: hih,
                tokenId: tokenId,
                caller: attacker,
                from: holder,
                to: attacker,
                amount: 1,
                via: via,
                reentry: Reentry.None
            });
            return (true, _tryTransfer(t, none));
        }
        if (move == AttackerMove.RequestPayment) {
            (bool found, bytes32 hih, uint256 tokenId, address holder) = _someHolding(details, true);
            if (!found) return (false, false);
            return (true, _tryRequestPayment(_requestOfHolder(attacker, hih, tokenId, holder)));
        }
        if (_payments.length == 0) return (false, false);
        uint256 id = _payments[details % _payments.length].id;
        return (
            true,
            move == AttackerMove.MarkPaid
                ? _tryMarkPaid(id, attacker, Via.Direct)
                : _tryCancelPayment(id, attacker, Via.Direct)
        );
    }

    /// @dev A request by `requestor`, as the party of `holder`'s token, to `holder`, due in a day.
    function _requestOfHolder(address requestor, bytes32 ih, uint256 tokenId, address holder)
        internal
        view
        returns (PaymentRequestStep memory)
    {
        return PaymentRequestStep({
            record: ih,
            requestor: requestor,
            requestorTokenId: tokenId,
            payer: holder,
            payerTokenId: tokenId,
            deadline: uint64(block.timestamp + 1 days),
            amount: hex"e4c0",
            via: Via.Direct
        });
    }

    /// @dev `details` picks who registers the fake's record (the attacker or the fake itself), the real tokenizer
    /// tried, who signals on a fake record (the fake or alice), and the real holding the fake asks to pay.
    function _performFakeTokenizer(FakeTokenizerStep memory s, uint256 details) internal {
        bool ok;
        if (s.move == FakeMove.RegisterRecord) {
            if (fakeRecords >= MAX_FAKE_RECORDS) return;
            Registration memory a;
            a.registrant = details % 2 == 0 ? attacker : address(fake);
            a.tokenizer = address(fake);
            a.contentHash = CONTENT_A;
            a.withParties = true;
            a.recipients = new address[](2);
            (a.recipients[0], a.recipients[1]) = (alice, bob);
            a.amounts = new uint256[](2);
            (a.amounts[0], a.amounts[1]) = (1, 1);
            (bool registered,) = _tryRegister(a);
            if (registered) successes["fakeRegistered"]++;
            return;
        } else if (s.move == FakeMove.ReservePartiesOnARealRecord) {
            ok = _fakeReservesParties(s.record);
        } else if (s.move == FakeMove.RequestPaymentOnARealRecord) {
            (bool found, bytes32 hih, uint256 tokenId, address holder) = _someHolding(details, true);
            if (!found) return;
            ok = _tryRequestPayment(_requestOfHolder(address(fake), hih, tokenId, holder));
        } else {
            bool tried;
            (tried, ok) = _fakeRecordPlays(s, details);
            if (!tried) return;
        }
        if (!ok) successes["fakeRefused"]++;
    }

    /// @dev The fake tokenizer calls a real tokenizer's reserveParties for a real record.
    function _fakeReservesParties(bytes32 ih) internal returns (bool ok) {
        address[] memory recipients = new address[](1);
        recipients[0] = attacker;
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = 1;
        bytes memory data =
            abi.encodeCall(IntegraTokenizerBase.reserveParties, (ih, _partyList(recipients, amounts, ""), attacker));
        _begin();
        (ok,) = _exec(address(fake), _rec[ih].tokenizer, data, Via.Direct);
        if (ok) {
            _violation(V_FAKE, "a real tokenizer took reserveParties from the fake tokenizer");
            _commit();
        }
    }

    /// @dev The moves on a fake record; `tried` is false when the fake record's attestation itself failed.
    function _fakeRecordPlays(FakeTokenizerStep memory s, uint256 details) internal returns (bool tried, bool ok) {
        bytes32 fih = s.record;
        address fakeOwner = _rec[fih].owner;
        address realTokenizer = details % 2 == 0 ? address(multiParty) : address(ownership);
        bytes32 process = _rec[fih].processHash;
        if (s.move == FakeMove.SignalOnAFakeRecord) {
            PaymentRequestStep memory p = _requestOfHolder(details % 3 == 0 ? address(fake) : alice, fih, 1, bob);
            p.payerTokenId = 2;
            return (true, _tryRequestPayment(p));
        }
        if (s.move == FakeMove.ReserveOnARealTokenizer) {
            ReserveStep memory r = ReserveStep({
                record: fih, caller: fakeOwner, tokenId: 1, recipient: alice, amount: 1, processHash: process, role: ""
            });
            return (true, _tryReserve(r, realTokenizer));
        }
        if (s.move == FakeMove.SealOnARealTokenizer) return (true, _trySeal(fih, fakeOwner, realTokenizer));
        AttestStep memory a = AttestStep({
            record: fih,
            attester: fakeOwner,
            recipient: alice,
            attestedTokenId: 1,
            tokenId: 1,
            caps: Capabilities.CLAIM,
            expirationTime: 0,
            processHash: process
        });
        (bool attested, bytes32 uid) = _tryAttest(a);
        if (!attested) return (false, false);
        successes["fakeAttested"]++;
        ClaimStep memory c = ClaimStep({
            record: fih,
            caller: alice,
            tokenizer: realTokenizer,
            tokenId: 1,
            uid: uid,
            processHash: process,
            via: Via.Direct,
            reentry: Reentry.None
        });
        ReentryPlan memory none;
        return (true, _tryClaim(c, none));
    }

    /// @dev `details` picks who registers the record naming the stranger (a clerk), with which tokenizer, and the
    /// token the stranger's reserve or attestation names.
    function _performStrangerExecutor(StrangerExecutorStep memory s, uint256 details) internal {
        if (s.move == StrangerMove.RegisterNamingAStranger) {
            Registration memory a;
            a.registrant = details % 8 < 4 ? clerkA : clerkB;
            a.tokenizer = (details >> 8) % 2 == 0 ? address(multiParty) : address(ownership);
            a.contentHash = CONTENT_A;
            a.processHash = a.registrant == clerkA ? PROCESS_A : PROCESS_B;
            a.executor = s.named;
            (bool registered,) = _tryRegister(a);
            if (registered) successes["strangerNamed"]++;
            return;
        }
        if (s.move == StrangerMove.OfferToAStranger) {
            if (_tryOfferExecutor(s.record, _rec[s.record].owner, s.named)) successes["strangerNamed"]++;
            return;
        }
        bytes32 ih = s.record;
        address named = s.named;
        RecordGhost storage r = _rec[ih];
        bool ok;
        if (s.move == StrangerMove.StrangerReserves) {
            ok = _tryReserve(
                ReserveStep({
                    record: ih,
                    caller: named,
                    tokenId: _someTokenId(ih, details >> 16),
                    recipient: named,
                    amount: 1,
                    processHash: r.processHash,
                    role: ""
                }),
                r.tokenizer
            );
        } else if (s.move == StrangerMove.StrangerSeals) {
            ok = _trySeal(ih, named, r.tokenizer);
        } else if (s.move == StrangerMove.StrangerAttests) {
            AttestStep memory a;
            a.record = ih;
            a.attester = named;
            a.recipient = named == attacker ? alice : named;
            a.tokenId = _reservedTokenId(ih, details >> 16);
            a.attestedTokenId = a.tokenId;
            a.caps = Capabilities.CLAIM;
            a.processHash = r.processHash;
            (ok,) = _tryAttest(a);
        } else {
            // Anyone but the named stranger itself (whose acceptance would be its consent).
            address other = s.move == StrangerMove.OwnerAcceptsForIt
                ? r.owner
                : s.move == StrangerMove.OtherClerkAcceptsForIt
                    ? (r.registrant == clerkA ? clerkB : clerkA)
                    : (named == attacker ? carol : attacker);
            ok = _tryAcceptExecutor(ih, other);
        }
        if (!ok) successes["strangerExecutorRefused"]++;
    }

    /// @dev `details` picks the copy's tokenizer, whether it comes with parties, and a principal's party.
    function _performSquat(SquatStep memory s, uint256 details) internal {
        bytes32 processHash = _rec[s.victim].processHash;
        if (processHash == bytes32(0)) processHash = PROCESS_A;
        if (s.move == SquatMove.OpenOwnWorkflowOfTheSameId) {
            _squatOwnWorkflow(s, processHash);
            return;
        }
        bool ok;
        if (s.move == SquatMove.AdmitItself) {
            ok = _tryAdmitMember(processHash, s.squatter, s.squatter);
        } else if (s.move == SquatMove.RemoveAMember) {
            address member = _members[processHash].length == 0 ? registrant2 : _members[processHash][0];
            ok = _tryRemoveMember(processHash, s.squatter, member);
        } else {
            bool byPrincipal = s.squatter != attacker;
            if (byPrincipal && officialRecords >= MAX_OFFICIAL_RECORDS) return;
            Registration memory a;
            a.registrant = s.squatter;
            a.tokenizer = (details >> 8) % 2 == 0 ? address(multiParty) : address(ownership);
            a.contentHash = _rec[s.victim].contentHash;
            a.processHash = processHash;
            a.withParties = (details >> 16) % 2 == 0;
            a.recipients = new address[](1);
            a.recipients[0] = byPrincipal ? _parties[(details >> 24) % _parties.length] : alice;
            a.amounts = new uint256[](1);
            a.amounts[0] = 1;
            (ok,) = _tryRegister(a);
            if (ok && byPrincipal) successes["memberRegistered"]++;
        }
        if (!ok) successes["squatRefused"]++;
    }

    /// @dev The squatter opens its own workflow with the victim's workflow id (another processHash) and registers the
    /// victim's document there.
    function _squatOwnWorkflow(SquatStep memory s, bytes32 processHash) internal {
        bytes32 id = _workflowId[processHash];
        bytes32 own = keccak256(abi.encode(s.squatter, id));
        if (_workflowOwner[own] == address(0)) {
            if (!_tryOpenWorkflow(s.squatter, id)) return;
            if (own == processHash) _violation(V_MEMBERSHIP, "a workflow id gave another owner the same processHash");
            successes["squatOwnWorkflow"]++;
        }
        if (squatRecords >= MAX_SQUAT_RECORDS) return;
        Registration memory mine;
        mine.registrant = s.squatter;
        mine.contentHash = _rec[s.victim].contentHash;
        mine.processHash = own;
        (bool registered,) = _tryRegister(mine);
        if (registered) successes["squatOwnRecord"]++;
    }

    /// @dev `details` picks the seller (the owner or its executor) and what its change names.
    function _performFrontRun(FrontRunStep memory s, uint256 details) internal {
        RecordGhost storage r = _rec[s.record];
        if (r.pending == address(0) && !_tryOffer(s.record, r.owner, s.buyer)) return;
        uint256 seen = r.version;
        _sellerChanges(s.record, s.change, details);
        bool changed = r.version != seen;
        bool accepted = _tryAccept(s.record, r.pending, seen);
        if (changed && !accepted) successes["frontRunRefused"]++;
        if (accepted && changed) _violation(V_VERSION, "an accept went through after the record changed");
    }

    /// @dev The seller's side (the owner or its executor) makes `change`. Any of them may fail (then nothing changed).
    function _sellerChanges(bytes32 ih, SellerChange change, uint256 details) internal {
        RecordGhost storage r = _rec[ih];
        address seller = _authority(ih, details >> 8);
        if (change == SellerChange.Reserve) {
            _tryReserve(
                ReserveStep({
                    record: ih,
                    caller: seller,
                    tokenId: _someTokenId(ih, details >> 16),
                    recipient: _parties[(details >> 24) % 3],
                    amount: 1,
                    processHash: r.processHash,
                    role: ""
                }),
                r.tokenizer
            );
        } else if (change == SellerChange.Cancel) {
            _tryCancel(ih, seller, r.tokenizer, _reservedTokenId(ih, details >> 16));
        } else if (change == SellerChange.Seal) {
            _trySeal(ih, seller, r.tokenizer);
        } else if (change == SellerChange.AttestAndClaim) {
            _sellerAttestsAndAPartyClaims(ih, seller, details);
        } else if (change == SellerChange.AppointExecutor) {
            address candidate = _principals[(details >> 16) % _principals.length];
            if (_tryOfferExecutor(ih, r.owner, candidate)) _tryAcceptExecutor(ih, candidate);
        } else if (change == SellerChange.RemoveExecutor) {
            _tryRemoveExecutor(ih, r.owner);
        }
    }

    /// @dev The seller attests CLAIM for a reserved token of a sealed set without a vacant place, and its party claims.
    function _sellerAttestsAndAPartyClaims(bytes32 ih, address seller, uint256 details) internal {
        RecordGhost storage r = _rec[ih];
        (bool found, uint256 tokenId) = _reservedOn(ih, details >> 16);
        if (!found || !r.isSealed || vacancy(ih)) return;
        (, address recipient) = _reservation(ih, tokenId);
        AttestStep memory a = AttestStep({
            record: ih,
            attester: seller,
            recipient: recipient,
            attestedTokenId: tokenId,
            tokenId: tokenId,
            caps: Capabilities.CLAIM,
            expirationTime: 0,
            processHash: r.processHash
        });
        (bool attested, bytes32 uid) = _tryAttest(a);
        if (!attested) return;
        ClaimStep memory c = ClaimStep({
            record: ih,
            caller: recipient,
            tokenizer: r.tokenizer,
            tokenId: tokenId,
            uid: uid,
            processHash: r.processHash,
            via: Via.Direct,
            reentry: Reentry.None
        });
        ReentryPlan memory none;
        _tryClaim(c, none);
    }

    function _performFlood(FloodStep memory s) internal {
        PaymentRequestStep memory p = PaymentRequestStep({
            record: s.record,
            requestor: s.requestor,
            requestorTokenId: s.requestorTokenId,
            payer: s.payer,
            payerTokenId: s.payerTokenId,
            deadline: s.deadline,
            amount: s.overlongCiphertext ? new bytes(MAX_CIPHERTEXT_BYTES + 1) : bytes(hex"e4c0"),
            via: Via.Direct
        });
        for (uint256 i; i < s.times; ++i) {
            bool full = pendingCountOf(s.record, s.requestor, s.payer) >= MAX_PENDING_PER_PAIR;
            bool ok = _tryRequestPayment(p);
            if (!ok && (full || s.overlongCiphertext)) successes["floodRefused"]++;
            if (!ok) return;
        }
    }
}
