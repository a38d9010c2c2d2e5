// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantChecks} from "./InvariantChecks.sol";
import {ReferenceModel} from "./ReferenceModel.sol";
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
    Registration,
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
    WarpStep,
    ForgeryStep,
    FormerPrincipalStep,
    AttackerStep,
    FakeTokenizerStep,
    StrangerExecutorStep,
    SquatStep,
    FrontRunStep,
    FloodStep
} from "./handlers/Steps.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {Capabilities} from "../../src/Capabilities.sol";

/// @notice The handler, scripted. The invariants are only as good as the calls that reach the chain: a handler whose
/// calls all revert would check nothing. A scripted run, written as typed steps (each performed exactly as the fuzzed
/// action that picks it), reaches every action's success path, every attack's refusal and every re-entry of the
/// receiver, with authority changing in the middle of flows, and leaves every check passing.
contract ScriptedRunsTest is InvariantChecks {
    /// @dev The opening's records (see IntegraHandler.openingMoves).
    bytes32 internal dealA;
    bytes32 internal deedA;
    bytes32 internal dealB;
    bytes32 internal copyA;
    bytes32 internal fakeRecord;

    address internal clerkA;
    address internal execA;
    address internal clerkB;
    address internal execB;
    address internal registrant2;
    address internal attacker;
    address internal receiver;
    bytes32 internal processA;
    bytes32 internal processB;

    function setUp() public override {
        super.setUp();
        (dealA, deedA, dealB, copyA, fakeRecord) = (opening[0], opening[1], opening[2], opening[3], opening[4]);
        (clerkA, execA, clerkB, execB) = (handler.clerkA(), handler.execA(), handler.clerkB(), handler.execB());
        (registrant2, attacker, receiver) = (handler.registrant2(), handler.attacker(), address(handler.receiver()));
        (processA, processB) = (handler.PROCESS_A(), handler.PROCESS_B());
    }

    function test_Handler_ReachesEveryAction() public {
        (,, bool complete) = multiParty.progressOf(dealA);
        assertTrue(!complete && multiParty.isHolder(dealA, 1, alice) && multiParty.isHolder(dealA, 2, bob), "opening");

        _receiverReentersOnEveryReceipt();
        _flowsCompleteWhileAuthorityMoves();
        _paymentsArePaidCancelledExpiredAndFlooded();
        _deedAChangesHandsAndExecutorsRotate();
        bytes32 lastDeal = _newRecordsAndARevokedGrant();
        _sellerFrontRunsASale(lastDeal);
        _strangersNamedExecutorHaveNoPower();
        _workflowsKeepStrangersOut();
        _adversariesAreRefused();

        _assertEveryActionReached();
        assertTrue(
            signal.statusOf(1) != IntegraSignalV1.PaymentStatus.Pending
                && _hasStatus(IntegraSignalV1.PaymentStatus.Paid) && _hasStatus(IntegraSignalV1.PaymentStatus.Cancelled)
                && _hasStatus(IntegraSignalV1.PaymentStatus.Expired),
            "paid, cancelled and expired payments"
        );
        _assertAllChecksPass();
    }

    /// @dev The invariant runs ignore a handler action that reverts (fail_on_revert is off), so an action broken by an
    /// edge seed would silently test nothing: every action takes the extreme seeds without reverting.
    function test_Handler_ActionsTakeExtremeSeeds() public {
        uint256[2] memory seeds = [uint256(0), type(uint256).max];
        for (uint256 i; i < 2; ++i) {
            uint256 x = seeds[i];
            handler.registerRecord(x, x, x);
            handler.reserve(x, x, x, x, x);
            handler.cancel(x, x, x);
            handler.sealParties(x, x);
            handler.attest(x, x, x, x, x);
            handler.revoke(x);
            handler.claim(x, x, x, x);
            handler.forwardedClaim(x, x, x);
            handler.claimFlow(x, x, x);
            handler.forgeForwarded(x, x, x);
            handler.transferToken(x, x, x, x);
            handler.offerOwnership(x, x, x);
            handler.cancelOwnershipOffer(x, x);
            handler.acceptOwnership(x, x);
            handler.frontRunAccept(x, x, x);
            handler.offerExecutor(x, x, x);
            handler.acceptExecutorRole(x, x);
            handler.removeExecutor(x, x);
            handler.nameStrangerExecutor(x, x, x);
            handler.manageMembers(x, x, x);
            handler.squatWorkflow(x, x, x);
            handler.formerPrincipalStrikes(x, x, x);
            handler.attackerStrikes(x, x, x);
            handler.fakeTokenizerPlays(x, x, x);
            handler.requestPayment(x, x, x);
            handler.floodPayments(x, x, x);
            handler.markPaid(x, x);
            handler.cancelPayment(x, x);
            handler.warp(x);
        }
        for (uint256 kind; kind < 4; ++kind) {
            handler.squatWorkflow(kind, type(uint256).max, type(uint256).max);
            handler.nameStrangerExecutor(kind, type(uint256).max, type(uint256).max);
        }
        _assertAllChecksPass();
    }

    // ================================================================== the scenario, phase by phase

    /// @dev The receiver claims role 3 of deal A and re-enters claimToken with the same grant (refused): deal A
    /// completes. Then role 3 of deal B is reserved for it and attested by deal B's executor, and alice hands it one
    /// unit of deal A's role 1 at a time (relayed every other time), each receipt making it re-enter another way:
    /// claim deal B's role 3, reserve, cancel, seal, request a payment, pass the token on, poke the registry.
    function _receiverReentersOnEveryReceipt() internal {
        handler.runClaim(_claim(dealA, 3, receiver, Via.Direct, Reentry.Reclaim));
        (,, bool complete) = multiParty.progressOf(dealA);
        assertTrue(complete && multiParty.isHolder(dealA, 3, receiver), "deal A complete");
        _expect(_reentryKey(Reentry.Reclaim), 1);

        handler.runReserve(
            ReserveStep({
                record: dealB,
                caller: execA,
                tokenId: 3,
                recipient: receiver,
                amount: 1,
                processHash: processB,
                role: ""
            })
        );
        handler.runSeal(SealStep({record: dealB, caller: execA})); // alice, carol, the receiver: claims need the seal
        handler.runAttest(_claimGrant(dealB, execA, receiver, 3));
        for (uint256 r = uint256(Reentry.ClaimOther); r <= uint256(type(Reentry).max); ++r) {
            handler.runTransfer(
                TransferStep({
                    record: dealA,
                    tokenId: 1,
                    caller: alice,
                    from: alice,
                    to: receiver,
                    amount: 1,
                    via: r % 2 == 0 ? Via.Relayer0 : Via.Direct,
                    reentry: Reentry(r)
                })
            );
            _expect(_reentryKey(Reentry(r)), 1);
        }
        assertTrue(multiParty.isHolder(dealB, 3, receiver), "the receiver claimed deal B's role 3 on receipt");
        _expect("paymentLogged", 1); // the receiver's re-entered payment request
    }

    /// @dev Whole flows: alice's role 1 of deal B directly, carol's role 2 through the forwarder: deal B completes.
    /// Carol claims deed A through the forwarder, a relayer paying. An executor change in the middle of a flow (execA
    /// offered the copy's executor role and accepting) kills carol's grant on registrant2's copy; a new one works.
    function _flowsCompleteWhileAuthorityMoves() internal {
        handler.runClaimFlow(_claimFlow(dealB, 1, execA, Via.Direct));
        assertTrue(multiParty.isHolder(dealB, 1, alice), "alice claimed deal B's role 1");
        (,, bool complete) = multiParty.progressOf(dealB);
        assertTrue(!complete, "deal B waits for carol");
        handler.runClaimFlow(_claimFlow(dealB, 2, execA, Via.Relayer0));
        assertTrue(multiParty.isHolder(dealB, 2, carol), "carol claimed deal B's role 2");
        (,, complete) = multiParty.progressOf(dealB);
        assertTrue(complete, "deal B complete");

        handler.runClaim(_claim(deedA, 1, carol, Via.Relayer1, Reentry.None));
        assertEq(ownership.ownerOf(uint256(deedA)), carol, "carol holds deed A");
        assertEq(forwarder.nonces(carol), 2, "carol's nonce: deal B's role 2 and deed A");

        handler.runOfferExecutor(
            OfferExecutorStep({record: copyA, caller: registrant2, candidate: execA, candidateAccepts: true})
        );
        uint256 claims = handler.successes("claim");
        handler.runClaim(_claim(copyA, 1, carol, Via.Direct, Reentry.None)); // with the grant of the earlier authority
        assertEq(handler.successes("claim"), claims, "a claim with a grant from an earlier authority");
        handler.runClaimFlow(_claimFlow(copyA, 1, execA, Via.Direct));
        assertTrue(multiParty.isHolder(copyA, 1, carol), "carol claims the copy with a new grant");
    }

    /// @dev Payments, all relayed: alice asks bob (deal A) twice and the receiver (deal B) once; she marks the
    /// receiver's request to her paid and cancels one of hers. Once they have expired, she cancels another: an expired
    /// request holds its place in the pair's count until then. Then a flood: alice asks bob again and again, refused
    /// past MAX_PENDING_PER_PAIR pending (the expired one still counts); and bob's request with an over-long
    /// ciphertext, refused.
    function _paymentsArePaidCancelledExpiredAndFlooded() internal {
        uint256 receiversRequest = handler.payments()[0].id;
        uint256 toBob = _request(dealA, alice, 1, bob, 2);
        uint256 toReceiver = _request(dealB, alice, 1, receiver, 3);
        _request(dealA, alice, 1, bob, 2);
        _expect("paymentLogged", 4);

        handler.runMarkPaid(MarkPaidStep({paymentId: receiversRequest, caller: alice, via: Via.Relayer0}));
        handler.runCancelPayment(CancelPaymentStep({paymentId: toBob, caller: alice, via: Via.Relayer0}));
        _expect("markPaid", 1);
        _expect("cancelPayment", 1);

        handler.runWarp(WarpStep({by: 1 days}));
        handler.runCancelPayment(CancelPaymentStep({paymentId: toReceiver, caller: alice, via: Via.Relayer0}));
        _expect("cancelExpired", 1);

        handler.runFlood(_flood(alice, 1, bob, 2, 6, false));
        handler.runFlood(_flood(bob, 2, alice, 1, 1, true));
        _expect("floodRefused", 2);
    }

    /// @dev Deed A changes hands: the opening's offer to clerkB is cancelled, made again and accepted. clerkA, the
    /// former owner, tries each of its old powers (refused). Executors A -> B -> A, then clerkA re-appointed as
    /// executor (each offered the role and accepting).
    function _deedAChangesHandsAndExecutorsRotate() internal {
        handler.runCancelOffer(CancelOfferStep({record: deedA, caller: clerkA}));
        handler.runOffer(OfferStep({record: deedA, caller: clerkA, to: clerkB}));
        handler.runAccept(AcceptStep({record: deedA, caller: clerkB, version: registry.recordVersionOf(deedA)}));
        (address deedOwner,,,, uint64 epoch) = registry.authorityOf(deedA);
        assertTrue(deedOwner == clerkB && epoch == 1, "clerkB owns deed A");

        for (uint256 m; m <= uint256(type(FormerMove).max); ++m) {
            handler.runFormerPrincipal(FormerPrincipalStep({record: deedA, former: clerkA, move: FormerMove(m)}));
        }
        _expect("formerPrincipalRefused", uint256(type(FormerMove).max) + 1);

        address[4] memory executors = [execA, execB, execA, clerkA];
        for (uint256 i; i < executors.length; ++i) {
            handler.runOfferExecutor(
                OfferExecutorStep({record: deedA, caller: clerkB, candidate: executors[i], candidateAccepts: true})
            );
        }
        (, address deedExecutor,,, uint64 later) = registry.authorityOf(deedA);
        assertTrue(deedExecutor == clerkA && later == 5, "clerkA is deed A's executor, epoch 5");
        _expect("reappointed", 2); // execA and clerkA
    }

    /// @dev New records: a clerk's agreement with its party, a copy by registrant2 under deal A's workflow, a refused
    /// malformed party list (no party), and one without parties to reserve, cancel, reserve again and seal. Then a
    /// revoked grant does not claim. Returns the last record.
    function _newRecordsAndARevokedGrant() internal returns (bytes32 lastDeal) {
        handler.runRegister(_dealInWorkflowA(clerkA, true, _one(alice)));
        handler.runRegister(_dealInWorkflowA(registrant2, true, _one(alice)));
        uint256 registered = handler.successes("registerRecord");
        handler.runRegister(_dealInWorkflowA(clerkA, true, new address[](0)));
        assertEq(handler.successes("registerRecord"), registered, "a malformed party list refused");
        (, lastDeal) = handler.runRegister(_dealInWorkflowA(clerkA, false, new address[](0)));

        handler.runReserve(_reserve(lastDeal, 1, alice));
        handler.runCancel(CancelStep({record: lastDeal, caller: clerkA, tokenId: 1}));
        handler.runReserve(_reserve(lastDeal, 1, bob));
        handler.runSeal(SealStep({record: lastDeal, caller: clerkA}));
        (bool isSealed, uint256 partyCount) = multiParty.partySetOf(lastDeal);
        assertTrue(isSealed && partyCount == 1, "reserved, cancelled, reserved again, sealed");

        (, bytes32 uid) = handler.runAttest(_claimGrant(lastDeal, clerkA, bob, 1));
        handler.runRevoke(RevokeStep({uid: uid}));
        uint256 claims = handler.successes("claim");
        handler.runClaim(_claim(lastDeal, 1, bob, Via.Direct, Reentry.None));
        assertEq(handler.successes("claim"), claims, "a claim with a revoked grant");
    }

    /// @dev A sale front-run: the seller cancels bob's reservation between its offer to clerkB and clerkB's accept
    /// naming the version seen at the offer (refused); then a sale with nothing in between (accepted).
    function _sellerFrontRunsASale(bytes32 record) internal {
        handler.runFrontRun(FrontRunStep({record: record, buyer: clerkB, change: SellerChange.Cancel}));
        _expect("frontRunRefused", 1);
        uint256 accepted = handler.successes("acceptOwnership");
        handler.runFrontRun(FrontRunStep({record: record, buyer: clerkB, change: SellerChange.Nothing}));
        assertEq(handler.successes("acceptOwnership"), accepted + 1, "an accept with nothing in between");
    }

    /// @dev Executors consent: deal B's executor removed; the attacker offered deal B's executor role, refused its
    /// every move and nobody accepting for it; someone else accepting an offer refused; a record registered naming
    /// alice, who has no authority.
    function _strangersNamedExecutorHaveNoPower() internal {
        handler.runRemoveExecutor(RemoveExecutorStep({record: dealB, caller: clerkB}));
        (, address dealBExecutor,,,) = registry.authorityOf(dealB);
        assertEq(dealBExecutor, address(0), "deal B's executor removed");

        handler.runStrangerExecutor(
            StrangerExecutorStep({move: StrangerMove.OfferToAStranger, record: dealB, named: attacker})
        );
        assertEq(registry.pendingExecutorOf(dealB), attacker, "the attacker named");
        for (uint256 m = uint256(StrangerMove.StrangerReserves); m <= uint256(type(StrangerMove).max); ++m) {
            handler.runStrangerExecutor(StrangerExecutorStep({move: StrangerMove(m), record: dealB, named: attacker}));
        }
        _expect("strangerExecutorRefused", 6);
        handler.runAcceptExecutor(AcceptExecutorStep({record: dealB, caller: clerkA}));
        _expect("acceptExecutorRefused", 1);

        handler.runStrangerExecutor(
            StrangerExecutorStep({move: StrangerMove.RegisterNamingAStranger, record: bytes32(0), named: alice})
        );
        bytes32 named = handler.records()[handler.records().length - 1];
        assertEq(registry.pendingExecutorOf(named), alice, "alice named at registration");
        assertTrue(!registry.isOwnerOrExecutor(named, alice), "without authority");
    }

    /// @dev Workflows: clerkA admits clerkB and removes registrant2; clerkA cannot manage clerkB's workflow. The
    /// attacker's and the removed member's copies into clerkA's workflow are refused, and the attacker can neither
    /// admit itself nor remove a member; the new member registers into it; the attacker's own workflow of the same id
    /// is another one.
    function _workflowsKeepStrangersOut() internal {
        handler.runMembership(MembershipStep({workflow: processA, caller: clerkA, member: clerkB, admit: true}));
        handler.runMembership(MembershipStep({workflow: processA, caller: clerkA, member: registrant2, admit: false}));
        handler.runMembership(MembershipStep({workflow: processB, caller: clerkA, member: registrant2, admit: true}));
        _expect("membershipRefused", 1);
        assertTrue(registry.canRegisterInto(processA, clerkB), "clerkB admitted");
        assertTrue(!registry.canRegisterInto(processA, registrant2), "registrant2 removed");

        handler.runSquat(SquatStep({move: SquatMove.CopyIntoTheVictimsWorkflow, victim: dealA, squatter: attacker}));
        handler.runSquat(SquatStep({move: SquatMove.CopyIntoTheVictimsWorkflow, victim: dealA, squatter: registrant2}));
        handler.runSquat(SquatStep({move: SquatMove.AdmitItself, victim: dealA, squatter: attacker}));
        handler.runSquat(SquatStep({move: SquatMove.RemoveAMember, victim: dealA, squatter: attacker}));
        _expect("squatRefused", 4);
        handler.runSquat(SquatStep({move: SquatMove.CopyIntoTheVictimsWorkflow, victim: dealA, squatter: clerkB}));
        _expect("memberRegistered", 1);
        handler.runSquat(SquatStep({move: SquatMove.OpenOwnWorkflowOfTheSameId, victim: dealA, squatter: attacker}));
        _expect("squatOwnRecord", 1);
    }

    /// @dev Every move of the attacker on deal A, of the fake tokenizer, and every forged forward request.
    function _adversariesAreRefused() internal {
        for (uint256 m; m <= uint256(type(AttackerMove).max); ++m) {
            handler.runAttacker(AttackerStep({move: AttackerMove(m), record: dealA}));
        }
        _expect("attackerRefused", uint256(type(AttackerMove).max) + 1);

        for (uint256 m; m <= uint256(type(FakeMove).max); ++m) {
            handler.runFakeTokenizer(FakeTokenizerStep({move: FakeMove(m), record: _fakePlaysOn(FakeMove(m))}));
        }
        _expect("fakeRegistered", 1); // a second record bound to the fake tokenizer
        _expect("fakeRefused", uint256(type(FakeMove).max)); // every move but the registration

        uint256 forgeries;
        for (uint256 f; f <= uint256(type(Forgery).max); ++f) {
            uint256 fields = Forgery(f) == Forgery.TamperedField ? uint256(type(ForgedField).max) + 1 : 1;
            for (uint256 field; field < fields; ++field) {
                handler.runForgery(ForgeryStep({forgery: Forgery(f), field: ForgedField(field)}));
                forgeries++;
            }
        }
        _expect("forgeForwarded", forgeries);
    }

    // ================================================================== steps, as a scenario names them

    /// @dev `claimant` claims the record's token with the latest grant the handler saw issued to it for that token.
    function _claim(bytes32 record, uint256 tokenId, address claimant, Via via, Reentry reentry)
        internal
        view
        returns (ClaimStep memory)
    {
        ReferenceModel.RecordGhost memory r = handler.recordGhost(record);
        return ClaimStep({
            record: record,
            caller: claimant,
            tokenizer: r.tokenizer,
            tokenId: tokenId,
            uid: handler.latestGrant(record, tokenId, claimant),
            processHash: r.processHash,
            via: via,
            reentry: reentry
        });
    }

    /// @dev `attester` attests CLAIM of the record's token `tokenId` to `recipient`, under the record's workflow.
    function _claimGrant(bytes32 record, address attester, address recipient, uint256 tokenId)
        internal
        view
        returns (AttestStep memory)
    {
        return AttestStep({
            record: record,
            attester: attester,
            recipient: recipient,
            attestedTokenId: tokenId,
            tokenId: tokenId,
            caps: Capabilities.CLAIM,
            expirationTime: 0,
            processHash: handler.recordGhost(record).processHash
        });
    }

    /// @dev The attester seals if need be, attests CLAIM of token `tokenId` to its recipient, who claims at once.
    function _claimFlow(bytes32 record, uint256 tokenId, address attester, Via via)
        internal
        pure
        returns (ClaimFlowStep memory)
    {
        return ClaimFlowStep({
            record: record, tokenId: tokenId, attester: attester, attestAnyToken: false, via: via, reentry: Reentry.None
        });
    }

    /// @dev clerkA reserves one unit of the record's token `tokenId` for `recipient`.
    function _reserve(bytes32 record, uint256 tokenId, address recipient) internal view returns (ReserveStep memory) {
        return ReserveStep({
            record: record,
            caller: clerkA,
            tokenId: tokenId,
            recipient: recipient,
            amount: 1,
            processHash: processA,
            role: ""
        });
    }

    /// @dev A multi-party record of CONTENT_A in clerkA's workflow, no executor, each party one unit.
    function _dealInWorkflowA(address registrant, bool withParties, address[] memory recipients)
        internal
        view
        returns (RegisterStep memory)
    {
        uint256[] memory amounts = new uint256[](recipients.length);
        for (uint256 i; i < amounts.length; ++i) {
            amounts[i] = 1;
        }
        return RegisterStep({
            registration: Registration({
                registrant: registrant,
                tokenizer: address(multiParty),
                contentHash: handler.CONTENT_A(),
                processHash: processA,
                executor: address(0),
                withParties: withParties,
                recipients: recipients,
                amounts: amounts,
                role: ""
            }),
            executorAccepts: false
        });
    }

    /// @dev A relayed request between two parties of `record`, due in an hour; returns its payment id.
    function _request(bytes32 record, address requestor, uint256 requestorTokenId, address payer, uint256 payerTokenId)
        internal
        returns (uint256 paymentId)
    {
        handler.runPaymentRequest(
            PaymentRequestStep({
                record: record,
                requestor: requestor,
                requestorTokenId: requestorTokenId,
                payer: payer,
                payerTokenId: payerTokenId,
                deadline: uint64(block.timestamp + 1 hours),
                amount: hex"e4c0",
                via: Via.Relayer0
            })
        );
        return signal.paymentCount();
    }

    /// @dev `times` requests in a row on deal A, due in an hour.
    function _flood(
        address requestor,
        uint256 requestorTokenId,
        address payer,
        uint256 payerTokenId,
        uint256 times,
        bool overlongCiphertext
    ) internal view returns (FloodStep memory) {
        return FloodStep({
            record: dealA,
            requestor: requestor,
            requestorTokenId: requestorTokenId,
            payer: payer,
            payerTokenId: payerTokenId,
            times: times,
            overlongCiphertext: overlongCiphertext,
            deadline: uint64(block.timestamp + 1 hours)
        });
    }

    /// @dev The record a fake-tokenizer move plays on: a real one, the opening's fake record, or none (it picks).
    function _fakePlaysOn(FakeMove move) internal view returns (bytes32) {
        if (move == FakeMove.ReservePartiesOnARealRecord) return dealA;
        if (move == FakeMove.RegisterRecord || move == FakeMove.RequestPaymentOnARealRecord) return bytes32(0);
        return fakeRecord;
    }

    function _one(address party) internal pure returns (address[] memory parties) {
        parties = new address[](1);
        parties[0] = party;
    }

    // ================================================================== what was reached

    function _assertEveryActionReached() internal view {
        string[52] memory reached = [
            "registerRecord",
            "registerCopy",
            "reserve",
            "cancel",
            "sealParties",
            "attest",
            "revoke",
            "claim",
            "forwardedClaim",
            "claimFlow",
            "forgeForwarded",
            "transferToken",
            "forwardedTransfer",
            "offerOwnership",
            "cancelOwnershipOffer",
            "acceptOwnership",
            "offerExecutor",
            "acceptExecutor",
            "removeExecutor",
            "acceptExecutorRefused",
            "strangerNamed",
            "strangerExecutorRefused",
            "reappointed",
            "frontRunRefused",
            "openWorkflow",
            "admitMember",
            "removeMember",
            "membershipRefused",
            "squatRefused",
            "squatOwnWorkflow",
            "squatOwnRecord",
            "memberRegistered",
            "cancelExpired",
            "floodRefused",
            "formerPrincipalRefused",
            "attackerRefused",
            "fakeRegistered",
            "fakeAttested",
            "fakeRefused",
            "requestPayment",
            "paymentLogged",
            "markPaid",
            "cancelPayment",
            "warp",
            "reentry1",
            "reentry2",
            "reentry3",
            "reentry4",
            "reentry5",
            "reentry6",
            "reentry7",
            "reentry8"
        ];
        for (uint256 i; i < reached.length; ++i) {
            assertTrue(handler.successes(_key(reached[i])) > 0, reached[i]);
        }
    }

    /// @dev The success counter of a re-entry: "reentry" and the member's number.
    function _reentryKey(Reentry reentry) internal pure returns (string memory) {
        return string(abi.encodePacked("reentry", bytes1(uint8(48) + uint8(reentry))));
    }

    function _expect(string memory key, uint256 count) internal view {
        assertEq(handler.successes(_key(key)), count, key);
    }

    function _key(string memory key) internal pure returns (bytes32) {
        return bytes32(bytes(key));
    }

    function _hasStatus(IntegraSignalV1.PaymentStatus status) internal view returns (bool) {
        for (uint256 id = 1; id <= signal.paymentCount(); ++id) {
            if (signal.statusOf(id) == status) return true;
        }
        return false;
    }
}
