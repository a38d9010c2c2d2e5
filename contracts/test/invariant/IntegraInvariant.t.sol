// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";
import {IntegraFixture} from "../utils/IntegraFixture.sol";
import {ForwardRequestSigner} from "../utils/ForwardRequestSigner.sol";
import {Vm} from "../utils/Vm.sol";
import {IntegraHandler} from "./IntegraHandler.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {IntegraRecordV1} from "../../src/IntegraRecordV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {IntegraCapabilityResolverV1} from "../../src/IntegraCapabilityResolverV1.sol";
import {Capabilities} from "../../src/Capabilities.sol";

/// @notice The trust rules of the state machine (../shared/DESIGN.md, "Trust rules") as invariants over random
/// sequences of IntegraHandler actions. Each `check*` compares the chain with ghost state the handler wrote only
/// after successful calls (and with the logs those calls emitted), and returns false with a reason; `invariant_*`
/// asserts it. The `test_Check*` tests show each check does fail on a crafted state.
contract IntegraInvariantTest is IntegraFixture, ForwardRequestSigner {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    IntegraHandler internal handler;
    uint256 internal constant MAX = type(uint256).max;
    /// @dev deal A, deed A, deal B, registrant2's copy of deal A, the fake tokenizer's record (see openingMoves).
    bytes32[5] internal opening;

    function setUp() public override {
        super.setUp();
        handler = new IntegraHandler(
            registry, eas, capabilitySchema, capabilityResolver, ownership, multiParty, signal, forwarder
        );
        opening = handler.openingMoves();
    }

    /// @notice forge reads these: only the handler's actions are called during invariant runs (never its views or
    /// its test-only entry points).
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](29);
        selectors[0] = IntegraHandler.registerRecord.selector;
        selectors[1] = IntegraHandler.reserve.selector;
        selectors[2] = IntegraHandler.cancel.selector;
        selectors[3] = IntegraHandler.sealParties.selector;
        selectors[4] = IntegraHandler.attest.selector;
        selectors[5] = IntegraHandler.revoke.selector;
        selectors[6] = IntegraHandler.claim.selector;
        selectors[7] = IntegraHandler.forwardedClaim.selector;
        selectors[8] = IntegraHandler.forgeForwarded.selector;
        selectors[9] = IntegraHandler.transferToken.selector;
        selectors[10] = IntegraHandler.offerOwnership.selector;
        selectors[11] = IntegraHandler.cancelOwnershipOffer.selector;
        selectors[12] = IntegraHandler.acceptOwnership.selector;
        selectors[13] = IntegraHandler.offerExecutor.selector;
        selectors[14] = IntegraHandler.formerPrincipalStrikes.selector;
        selectors[15] = IntegraHandler.attackerStrikes.selector;
        selectors[16] = IntegraHandler.fakeTokenizerPlays.selector;
        selectors[17] = IntegraHandler.requestPayment.selector;
        selectors[18] = IntegraHandler.markPaid.selector;
        selectors[19] = IntegraHandler.cancelPayment.selector;
        selectors[20] = IntegraHandler.warp.selector;
        selectors[21] = IntegraHandler.claimFlow.selector;
        selectors[22] = IntegraHandler.acceptExecutorRole.selector;
        selectors[23] = IntegraHandler.removeExecutor.selector;
        selectors[24] = IntegraHandler.nameStrangerExecutor.selector;
        selectors[25] = IntegraHandler.manageMembers.selector;
        selectors[26] = IntegraHandler.squatWorkflow.selector;
        selectors[27] = IntegraHandler.frontRunAccept.selector;
        selectors[28] = IntegraHandler.floodPayments.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), selectors);
    }

    // ================================================================== invariants

    /// @dev Every token held was claimed by its holder, or moved by its holder afterwards, and every claim used an
    /// attestation for that claimant, record and token, with CLAIM, live, unrevoked, and issued in the record's
    /// authority epoch current at claim time.
    function invariant_TokensHeldOnlyByClaimOrHolderMove() public view {
        (bool ok, string memory why) = checkHolders();
        assertTrue(ok, why);
    }

    /// @dev After a transfer or an executor change no earlier principal can reserve, cancel, seal, attest, appoint
    /// or offer; the registry's authority matches the transfers and appointments that succeeded; attestations
    /// carry the epoch they were issued in, and only those of the current epoch are alive.
    function invariant_EarlierPrincipalsHaveNoPower() public view {
        (bool ok, string memory why) = checkAuthority();
        assertTrue(ok, why);
    }

    /// @dev Every event the Integra contracts emitted for a record has topic1 = integraHash and topic2 = that
    /// record's processHash, and a tokenizer only emits for records bound to it. A workflow's own events (opened,
    /// member admitted or removed) have topic1 zero and topic2 a workflow that was opened.
    function invariant_EventsCarryTheirRecordsProcessHash() public view {
        (bool ok, string memory why) = checkEvents();
        assertTrue(ok, why);
    }

    /// @dev No agreement is complete unless its party set is sealed and every seat of it (the live reservations
    /// when sealed) is claimed; it is complete as soon as that holds, with one DocumentComplete. The party-set rules
    /// the handler records as V_RULES violations are asserted here too: no claim before the seal or while a place is
    /// vacant, no new token id after the seal, no change to the set after its first claim.
    function invariant_CompleteOnlyWhenSealedAndAllClaimed() public view {
        (bool ok, string memory why) = checkCompletion();
        assertTrue(ok, why);
    }

    /// @dev Every PaymentRequested names a requestor and a payer who are consenting parties (claimed their token
    /// themselves and held it at request time) of a record of an official tokenizer; statuses follow the calls.
    function invariant_PaymentsOnlyBetweenConsentingParties() public view {
        (bool ok, string memory why) = checkPayments();
        assertTrue(ok, why);
    }

    /// @dev No token is ever held by the forwarder, a relayer, the attacker or the fake tokenizer.
    function invariant_NoTokenHeldByOutsiders() public view {
        (bool ok, string memory why) = checkOutsiders();
        assertTrue(ok, why);
    }

    /// @dev Forwarder nonces count executed requests only; no forged, tampered, expired or replayed one executed.
    function invariant_ForwarderNoncesCountExecutedRequestsOnly() public view {
        (bool ok, string memory why) = checkNonces();
        assertTrue(ok, why);
    }

    /// @dev Nothing the attacker, the fake tokenizer, a stranger or a re-entering receiver must not do succeeded.
    function invariant_AdversariesGetNothing() public view {
        (bool ok, string memory why) = checkAdversaries();
        assertTrue(ok, why);
    }

    /// @dev Every tracked account's paged views (reservationsOf on each official tokenizer, recordsOwnedBy, offersTo,
    /// grantsTo) read in full equal the ghost: the tokens reserved for or claimed by it (status, amount, workflow,
    /// role), the records it owns, the offers pending to it, the attestations issued to it (revocation and current
    /// authority included); and pages of one, deduplicated, add up to the full read. One invariant for the three
    /// checks, to keep the campaign count (and the suite's run time) down; and fewer runs than the default, as the
    /// checks read every tracked account's lists page by page after every call.
    /// forge-config: default.invariant.runs = 16
    function invariant_AccountViewsMatchTheLedger() public view {
        (bool ok, string memory why) = checkAccountReservations();
        assertTrue(ok, why);
        (ok, why) = checkAccountRecords();
        assertTrue(ok, why);
        (ok, why) = checkAccountGrants();
        assertTrue(ok, why);
    }

    /// @dev A workflow belongs to its owner: every TokenClaimed and DocumentComplete whose processHash P is not zero
    /// comes from a record registered by P's owner or a then-member of P (the handler tracks who registered each
    /// record and the membership at the time); only the owner admits and removes members; the chain's workflows
    /// (owner, members) are the ones the handler saw opened, admitted and removed; a workflow id opened by another
    /// owner is another workflow.
    function invariant_WorkflowsTakeRecordsOnlyFromTheirMembers() public view {
        (bool ok, string memory why) = checkWorkflows();
        assertTrue(ok, why);
    }

    /// @dev No address ever has executor authority on a record without having called acceptExecutorRole for it: a
    /// stranger named executor (at registration or by an offer) has none, nobody accepts for it, and the pending
    /// offers on chain are the ones the handler made.
    function invariant_ExecutorsHaveConsented() public view {
        (bool ok, string memory why) = checkExecutorConsent();
        assertTrue(ok, why);
    }

    /// @dev An accept never succeeds when the record's version differs from the one it names (in particular when the
    /// seller changed the record between the offer and the accept), and recordVersionOf counts exactly the registry's
    /// and the tokenizer's changes that succeeded.
    function invariant_AcceptsNameTheCurrentVersion() public view {
        (bool ok, string memory why) = checkVersions();
        assertTrue(ok, why);
    }

    /// @dev Pending requests per (requestor, payer, record) never exceed MAX_PENDING_PER_PAIR, expired ones counted
    /// until cancelled; the chain's count is the ghost's; no over-long ciphertext was taken.
    function invariant_PendingRequestsPerPairBounded() public view {
        (bool ok, string memory why) = checkPaymentBounds();
        assertTrue(ok, why);
    }

    // ================================================================== the handler, scripted

    /// @dev A scripted run reaches every action's success path (and every attack's refusal), every re-entry of the
    /// receiver, authority changes in the middle of flows, and leaves every check passing: the invariants are not
    /// checked against a handler whose calls all revert.
    function test_Handler_ReachesEveryAction() public {
        (bytes32 dealA, bytes32 deedA, bytes32 dealB, bytes32 copyA,) =
            (opening[0], opening[1], opening[2], opening[3], opening[4]);
        address receiver = address(handler.receiver());
        (,, bool complete) = multiParty.progressOf(dealA);
        assertTrue(!complete && multiParty.isHolder(dealA, 1, alice) && multiParty.isHolder(dealA, 2, bob), "opening");

        // The receiver claims role 3 of deal A and re-enters claimToken with the same grant (refused): deal A completes.
        handler.claim(2, 0, 0, 1);
        (,, complete) = multiParty.progressOf(dealA);
        assertTrue(complete && multiParty.isHolder(dealA, 3, receiver), "deal A complete");
        _expect("reentry1", 1);

        // Role 3 of deal B for the receiver, attested by deal B's executor; then tokens handed to the receiver, each
        // receipt making it re-enter in another way (claim deal B's role 3, reserve, cancel, seal, request a payment,
        // pass the token on, poke the registry).
        handler.reserve(2, 0, 2, 3, 0);
        handler.sealParties(2, 0); // deal B's party set: alice, carol, the receiver (claims need the seal)
        handler.attest(2, 0, 2, 0, 0);
        for (uint8 kind = 2; kind < 9; ++kind) {
            bytes32 key = bytes32(abi.encodePacked("reentry", bytes1(uint8(48) + kind)));
            uint256 before = handler.successes(key);
            for (uint256 s; s < 8 && handler.successes(key) == before; ++s) {
                handler.transferToken(s, 3, kind % 2 == 0 ? 0 : 1 << 128, kind);
            }
            assertTrue(handler.successes(key) > before, string(abi.encodePacked(key)));
            if (kind == 2) {
                assertTrue(multiParty.isHolder(dealB, 3, receiver), "the receiver claimed deal B's role 3 on receipt");
            }
        }
        assertEq(handler.successes("paymentLogged"), 1, "the receiver's re-entered payment request");

        // Whole flows: alice's role 1 of deal B directly, carol's role 2 through the forwarder: deal B completes.
        handler.claimFlow(2, 0, 0);
        assertTrue(multiParty.isHolder(dealB, 1, alice), "alice claimed deal B's role 1");
        (,, complete) = multiParty.progressOf(dealB);
        assertTrue(!complete, "deal B waits for carol");
        handler.claimFlow(2, 0, 4);
        assertTrue(multiParty.isHolder(dealB, 2, carol), "carol claimed deal B's role 2");
        (,, complete) = multiParty.progressOf(dealB);
        assertTrue(complete, "deal B complete");

        // Deed A: carol claims through the forwarder, a relayer pays.
        handler.forwardedClaim(3 * 4 + 3, 1, 0); // grant 3: carol's, for deed A
        assertEq(ownership.ownerOf(uint256(deedA)), carol, "carol holds deed A");
        assertEq(forwarder.nonces(carol), 2, "carol's nonce: deal B's role 2 and deed A");

        // An executor change in the middle of a flow (execA offered the role and accepting): carol's grant on
        // registrant2's copy dies with it.
        handler.offerExecutor(3, 2, 256);
        uint256 claims = handler.successes("claim");
        handler.claim(4 * 4 + 3, 0, 0, 0); // grant 4: carol's, for the copy's role 1, from the earlier epoch
        assertEq(handler.successes("claim"), claims, "a claim with a grant from an earlier authority");
        handler.claimFlow(3, 0, 0);
        assertTrue(multiParty.isHolder(copyA, 1, carol), "carol claims the copy with a new grant");

        // Payments between parties of deal A: one paid, one cancelled, one left to expire.
        for (uint256 s; handler.successes("paymentLogged") < 4 && s < 40; ++s) {
            handler.requestPayment(s, s, s == 9 ? 0 : s);
        }
        assertEq(handler.successes("paymentLogged"), 4, "three more requests");
        for (uint256 s; handler.successes("markPaid") == 0 && s < 8; ++s) {
            handler.markPaid(s, 0);
        }
        for (uint256 s; handler.successes("cancelPayment") == 0 && s < 8; ++s) {
            handler.cancelPayment(s, 0);
        }
        assertTrue(handler.successes("markPaid") > 0 && handler.successes("cancelPayment") > 0, "paid and cancelled");
        handler.warp(3 days);
        // An expired request still holds its place in the pair's count until its requestor cancels it.
        for (uint256 s; handler.successes("cancelExpired") == 0 && s < 8; ++s) {
            handler.cancelPayment(s, 0);
        }
        // A flood: alice asks again and again; past MAX_PENDING_PER_PAIR pending, and with an over-long ciphertext,
        // refused.
        for (uint256 s; handler.successes("floodRefused") < 2 && s < 8; ++s) {
            handler.floodPayments(s, s, s % 2 == 0 ? 5 << 8 : 3);
        }

        // Deed A changes hands: the offer to clerkB is cancelled, made again and accepted.
        handler.cancelOwnershipOffer(1, 0);
        handler.offerOwnership(1, 1, 0);
        handler.acceptOwnership(1, 256);
        (address deedOwner,,,, uint64 epoch) = registry.authorityOf(deedA);
        assertTrue(deedOwner == handler.clerkB() && epoch == 1, "clerkB owns deed A");
        // clerkA, the former owner, tries its old powers.
        for (uint256 kind; kind < 7; ++kind) {
            handler.formerPrincipalStrikes(1, 0, kind);
        }
        assertEq(handler.successes("formerPrincipalRefused"), 7, "every former-principal attempt refused");
        // Executors A -> B -> A, then clerkA, the former owner, re-appointed as executor (each offered, accepting).
        handler.offerExecutor(1, 2, 256);
        handler.offerExecutor(1, 3, 256);
        handler.offerExecutor(1, 2, 256);
        handler.offerExecutor(1, 5, 256);
        (, address deedExecutor,,, uint64 later) = registry.authorityOf(deedA);
        assertTrue(deedExecutor == handler.clerkA() && later == 5, "clerkA is deed A's executor, epoch 5");
        assertEq(handler.successes("reappointed"), 2, "execA and clerkA re-appointed");

        // New records: a clerk's agreement with its parties, a copy by registrant2 under deal A's workflow, a refused
        // malformed party list, and an unsealed one to reserve, cancel, reserve again and seal.
        handler.registerRecord(0, 3, 0);
        handler.registerRecord(2, 3, 0);
        uint256 registered = handler.successes("registerRecord");
        handler.registerRecord(0, 3, uint256(7) << 64);
        assertEq(handler.successes("registerRecord"), registered, "a malformed party list refused");
        handler.registerRecord(0, 1, 0);
        uint256 last = handler.records().length - 1;
        handler.reserve(last, 0, 0, 0, 0);
        handler.cancel(last, 0, 0);
        handler.reserve(last, 0, 0, 1, 0);
        handler.sealParties(last, 0);
        (bool isSealed, uint256 partyCount) = multiParty.partySetOf(handler.records()[last]);
        assertTrue(isSealed && partyCount == 1, "reserved, cancelled, reserved again, sealed");

        // A revoked grant does not claim.
        handler.attest(last, 0, 0, 0, 0);
        uint256 grant = handler.grantCount() - 1;
        handler.revoke(grant);
        claims = handler.successes("claim");
        handler.claim(grant * 4 + 3, 0, 0, 0);
        assertEq(handler.successes("claim"), claims, "a claim with a revoked grant");

        _scriptFrontRun(last);
        _scriptStrangerExecutors(dealB);
        _scriptWorkflows();

        // The attacker, the fake tokenizer and forged forward requests.
        for (uint256 kind; kind < 11; ++kind) {
            handler.attackerStrikes(kind, 0, 0);
        }
        assertEq(handler.successes("attackerRefused"), 11, "every attack refused");
        for (uint256 kind; kind < 6; ++kind) {
            handler.fakeTokenizerPlays(kind, 0, 0);
        }
        assertEq(handler.successes("fakeRegistered"), 1, "a second record bound to the fake tokenizer");
        assertEq(handler.successes("fakeRefused"), 5, "every fake-tokenizer attempt refused");
        for (uint256 kind; kind < 5; ++kind) {
            handler.forgeForwarded(kind, 1, kind);
        }
        assertEq(handler.successes("forgeForwarded"), 5, "every forgery refused");

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
        assertTrue(
            signal.statusOf(1) != IntegraSignalV1.PaymentStatus.Pending
                && _hasStatus(IntegraSignalV1.PaymentStatus.Paid) && _hasStatus(IntegraSignalV1.PaymentStatus.Cancelled)
                && _hasStatus(IntegraSignalV1.PaymentStatus.Expired),
            "paid, cancelled and expired payments"
        );
        _assertAllChecksPass();
    }

    /// @dev A sale front-run on record `index`: the seller's side cancels a party's reservation between the offer and
    /// the accept naming the version seen at the offer (refused), then a sale with nothing in between (accepted).
    function _scriptFrontRun(uint256 index) internal {
        handler.frontRunAccept(index, 1, 1);
        assertEq(handler.successes("frontRunRefused"), 1, "the front-run accept refused");
        uint256 accepted = handler.successes("acceptOwnership");
        handler.frontRunAccept(index, 6, 1);
        assertEq(handler.successes("acceptOwnership"), accepted + 1, "an accept with nothing in between");
    }

    /// @dev Executors consent: deal B's executor removed; the attacker named executor of deal B, refused its every
    /// move and nobody accepting for it; someone else accepting an offer refused; a record registered naming a
    /// stranger, who has no authority.
    function _scriptStrangerExecutors(bytes32 dealB) internal {
        handler.removeExecutor(2, 256);
        (, address dealBExecutor,,,) = registry.authorityOf(dealB);
        assertEq(dealBExecutor, address(0), "deal B's executor removed");
        handler.nameStrangerExecutor(1, 2, 0);
        assertEq(registry.pendingExecutorOf(dealB), handler.attacker(), "the attacker named");
        for (uint256 k; k < 3; ++k) {
            handler.nameStrangerExecutor(2, 2, k << 8);
            handler.nameStrangerExecutor(3, 2, k << 8);
        }
        assertEq(handler.successes("strangerExecutorRefused"), 6, "the named stranger has no authority");
        handler.acceptExecutorRole(2, 5);
        assertEq(handler.successes("acceptExecutorRefused"), 1, "nobody accepts for the candidate");
        handler.nameStrangerExecutor(0, 0, 1);
        bytes32 named = handler.records()[handler.records().length - 1];
        assertEq(registry.pendingExecutorOf(named), alice, "alice named at registration");
        assertTrue(!registry.isOwnerOrExecutor(named, alice), "without authority");
    }

    /// @dev Workflows: clerkA admits clerkB and removes registrant2; clerkA cannot manage clerkB's workflow; the
    /// attacker's and the removed member's registrations into clerkA's workflow are refused, and the attacker cannot
    /// admit itself; the new member registers into it; the attacker's own workflow of the same id is another one.
    function _scriptWorkflows() internal {
        handler.manageMembers(0, 1, 0);
        handler.manageMembers(0, 4, 0);
        handler.manageMembers(1, 4, 5);
        assertEq(handler.successes("membershipRefused"), 1, "only the owner manages members");
        assertTrue(registry.canRegisterInto(handler.PROCESS_A(), handler.clerkB()), "clerkB admitted");
        assertTrue(!registry.canRegisterInto(handler.PROCESS_A(), handler.registrant2()), "registrant2 removed");
        handler.squatWorkflow(0, 0, 0);
        handler.squatWorkflow(1, 0, 4);
        handler.squatWorkflow(3, 0, 0);
        assertEq(handler.successes("squatRefused"), 3, "strangers kept out of clerkA's workflow");
        handler.squatWorkflow(1, 0, 1);
        assertEq(handler.successes("memberRegistered"), 1, "the new member registers into it");
        handler.squatWorkflow(2, 0, 0);
        assertTrue(handler.successes("squatOwnRecord") == 1, "the attacker's copy in its own workflow");
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

    // ================================================================== each check can fail

    /// @dev A holder moves a token outside the handler: a balance no longer matches the claims and moves it saw.
    function test_CheckHolders_FailsOnATokenMovedOutsideTheLedger() public {
        _assertAllChecksPass();
        uint256 role1 = multiParty.erc1155IdOf(opening[0], 1);
        vm.prank(alice);
        multiParty.safeTransferFrom(alice, bob, role1, 1, "");
        _assertFails(checkHolders, "a role token balance differs from the claims and holder moves that succeeded");
    }

    /// @dev A grant's recorded epoch is wrong: the claim made with it looks like one under another authority.
    function test_CheckHolders_FailsOnAClaimUnderAnotherEpoch() public {
        handler.tamperGrantEpoch(0, 7); // grant 0: alice's, used for deal A's role 1 in epoch 0
        _assertFails(checkHolders, "a token was claimed with an attestation from another authority epoch");
    }

    /// @dev The registry's authority moves without the handler: the ghost of transfers and appointments disagrees.
    /// And a former principal's success, once possible, is recorded as a violation.
    function test_CheckAuthority_FailsOnAFormerPrincipalsSuccess() public {
        _assertAllChecksPass();
        // Behind the handler's back, clerkB re-appoints execB (whom the ghost knows as deal B's former executor).
        (address clerkB, address execB) = (handler.clerkB(), handler.execB());
        vm.prank(clerkB);
        registry.offerExecutor(opening[2], execB);
        vm.prank(execB);
        registry.acceptExecutorRole(opening[2]);
        _assertFails(checkAuthority, "the owner or executor differs from the transfers and appointments that succeeded");
        handler.formerPrincipalStrikes(2, 0, 3); // execB seals deal B: allowed on chain, a violation to the ghost
        assertEq(handler.violations(handler.V_FORMER()), 1, "the former principal's success is recorded");
        assertEq(handler.firstViolation(), "sealed without authority", "its reason");
    }

    /// @dev A logged event for deal A (PROCESS_A) that carries PROCESS_B as topic2.
    function test_CheckEvents_FailsOnAForeignProcessHash() public {
        _assertAllChecksPass();
        Vm.Log[] memory logs = new Vm.Log[](1);
        bytes32[] memory topics = new bytes32[](4);
        (topics[0], topics[1], topics[2], topics[3]) =
        (
            IntegraCapabilityResolverV1.CapabilityGranted.selector,
            opening[0],
            handler.PROCESS_B(),
            bytes32(uint256(uint160(alice)))
        );
        logs[0] = Vm.Log(topics, "", address(capabilityResolver));
        handler.scanForTest(logs);
        _assertFails(checkEvents, "an event whose topic2 is not its record's processHash");
    }

    /// @dev Deal B's party set sealed behind the handler's back: the chain's seal is one no successful call made.
    function test_CheckCompletion_FailsOnASealOutsideTheLedger() public {
        _assertAllChecksPass();
        vm.prank(handler.clerkB());
        multiParty.sealParties(opening[2]);
        _assertFails(checkCompletion, "the party set differs from the seals that succeeded");
    }

    /// @dev A payment request made behind the handler's back, then a logged request naming the attacker.
    function test_CheckPayments_FailsOnARequestOutsideTheLedgerOrFromANonParty() public {
        _assertAllChecksPass();
        vm.prank(alice);
        signal.requestPayment(opening[0], 1, bob, 2, hex"e4c0", uint64(block.timestamp + 1 days));
        _assertFails(checkPayments, "payment requests exist that no successful call logged");

        Vm.Log[] memory logs = new Vm.Log[](1);
        bytes32[] memory topics = new bytes32[](4);
        (topics[0], topics[1], topics[2], topics[3]) =
        (IntegraSignalV1.PaymentRequested.selector, opening[0], handler.PROCESS_A(), bytes32(uint256(uint160(bob))));
        logs[0] = Vm.Log(
            topics,
            abi.encode(
                uint256(1),
                handler.attacker(),
                uint256(1),
                uint256(2),
                hex"e4c0",
                uint64(block.timestamp + 1 days),
                block.timestamp
            ),
            address(signal)
        );
        handler.scanForTest(logs);
        _assertFails(checkPayments, "a PaymentRequested whose requestor is not a consenting party");
    }

    /// @dev A holder hands a token to a relayer.
    function test_CheckOutsiders_FailsWhenARelayerHolds() public {
        _assertAllChecksPass();
        (uint256 role1, address relayer) = (multiParty.erc1155IdOf(opening[0], 1), handler.relayer0());
        vm.prank(alice);
        multiParty.safeTransferFrom(alice, relayer, role1, 1, "");
        _assertFails(checkOutsiders, "an outsider holds a role token");
    }

    /// @dev A forward request signed by alice and executed outside the handler uses a nonce the handler never saw.
    function test_CheckNonces_FailsOnARequestExecutedOutsideTheHandler() public {
        _assertAllChecksPass();
        ERC2771Forwarder.ForwardRequestData memory request = _forwardRequest(
            forwarder, 0xA, address(multiParty), abi.encodeCall(multiParty.setApprovalForAll, (bob, false))
        );
        forwarder.execute(request);
        _assertFails(checkNonces, "a forwarder nonce differs from the requests executed");
    }

    /// @dev Deal B's role 3 reserved for bob behind the handler's back: bob's reservationsOf lists a token the
    /// ghost does not have.
    function test_CheckAccountReservations_FailsOnAReservationOutsideTheLedger() public {
        _assertAllChecksPass();
        (address clerkB, bytes32 processB) = (handler.clerkB(), handler.PROCESS_B());
        vm.prank(clerkB);
        multiParty.reserveToken(opening[2], 3, bob, 1, processB, "");
        _assertFails(
            checkAccountReservations, "reservationsOf differs from the tokens reserved for or claimed by the account"
        );
    }

    /// @dev Alice's reservation on deal B cancelled and made again, same amount, in a role: only the role differs
    /// from the ghost.
    function test_CheckAccountReservations_FailsOnARoleOutsideTheLedger() public {
        _assertAllChecksPass();
        (address clerkB, bytes32 processB) = (handler.clerkB(), handler.PROCESS_B());
        vm.startPrank(clerkB);
        multiParty.cancelReservation(opening[2], 1);
        multiParty.reserveToken(opening[2], 1, alice, 7, processB, "Agent");
        vm.stopPrank();
        (bool ok,) = checkHolders();
        assertTrue(ok, "status, recipient and amount are the ghost's");
        _assertFails(checkAccountReservations, "a role differs from the role of the reservation that succeeded");
    }

    /// @dev clerkB accepts deed A (offered to it in the opening) behind the handler's back.
    function test_CheckAccountRecords_FailsOnAnAcceptanceOutsideTheLedger() public {
        _assertAllChecksPass();
        uint256 version = registry.recordVersionOf(opening[1]);
        vm.prank(handler.clerkB());
        registry.acceptRecordOwnership(opening[1], version);
        _assertFails(
            checkAccountRecords, "recordsOwnedBy differs from the registrations and acceptances that succeeded"
        );
    }

    /// @dev clerkB offers deal B to registrant2 behind the handler's back.
    function test_CheckAccountRecords_FailsOnAnOfferOutsideTheLedger() public {
        _assertAllChecksPass();
        (address clerkB, address registrant2) = (handler.clerkB(), handler.registrant2());
        vm.prank(clerkB);
        registry.offerRecordOwnership(opening[2], registrant2, "sale");
        _assertFails(checkAccountRecords, "offersTo differs from the offers still pending");
    }

    /// @dev An attestation to alice the handler never saw.
    function test_CheckAccountGrants_FailsOnAGrantOutsideTheLedger() public {
        _assertAllChecksPass();
        _attest(owner, alice, opening[0], 3, Capabilities.CLAIM, 0); // owner: clerkA, deal A's owner
        _assertFails(checkAccountGrants, "grantsTo differs from the attestations that succeeded");
    }

    /// @dev Alice's grant on deal A (the handler's grant 0) revoked behind the handler's back.
    function test_CheckAccountGrants_FailsOnARevocationOutsideTheLedger() public {
        _assertAllChecksPass();
        _revoke(owner, handler.grantAt(0).uid);
        _assertFails(checkAccountGrants, "a revocation in grantsTo differs from the revocations that succeeded");
    }

    /// @dev A grant's ghost epoch made wrong: the chain's currentAuthority no longer matches the ghost's.
    function test_CheckAccountGrants_FailsOnAWrongGrantEpoch() public {
        _assertAllChecksPass();
        handler.tamperGrantEpoch(0, 7);
        _assertFails(checkAccountGrants, "currentAuthority in grantsTo differs from the grant's epoch");
    }

    /// @dev clerkB admits bob to its workflow behind the handler's back.
    function test_CheckWorkflows_FailsOnAMemberAdmittedOutsideTheLedger() public {
        _assertAllChecksPass();
        (address clerkB, bytes32 processB) = (handler.clerkB(), handler.PROCESS_B());
        vm.prank(clerkB);
        registry.admitMember(processB, bob);
        _assertFails(checkWorkflows, "a workflow's members differ from the admissions and removals that succeeded");
    }

    /// @dev clerkA admits the attacker behind the handler's back: the attacker's registration into clerkA's
    /// workflow then goes through on chain, by someone the ledger never saw admitted; and a claim on that record
    /// would be a workflow outcome from a stranger's record.
    function test_CheckWorkflows_FailsOnARegistrationByANonMember() public {
        _assertAllChecksPass();
        (address clerkA, address attacker, bytes32 processA) = (handler.clerkA(), handler.attacker(), handler.PROCESS_A());
        vm.prank(clerkA);
        registry.admitMember(processA, attacker);
        uint256 registered = handler.records().length;
        handler.squatWorkflow(0, 0, 0);
        assertEq(handler.records().length, registered + 1, "the attacker registered");
        _assertFails(checkWorkflows, "a record registered into a workflow by a non-member");

        bytes32 squatted = handler.records()[registered];
        Vm.Log[] memory logs = new Vm.Log[](1);
        bytes32[] memory topics = new bytes32[](4);
        (topics[0], topics[1], topics[2], topics[3]) =
            (IntegraTokenizerBase.TokenClaimed.selector, squatted, processA, bytes32(uint256(uint160(alice))));
        logs[0] = Vm.Log(topics, "", address(multiParty));
        handler.scanForTest(logs);
        assertEq(handler.workflowOutcomesFromStrangers(), 1, "the claim on the stranger's record is caught");
    }

    /// @dev The ledger forgets that execA accepted deal A's executor role: execA's authority has no consent behind it.
    function test_CheckExecutorConsent_FailsOnAnExecutorWithoutConsent() public {
        _assertAllChecksPass();
        handler.tamperConsent(opening[0], handler.execA());
        _assertFails(checkExecutorConsent, "an address has executor authority without having accepted the role");
    }

    /// @dev clerkA offers deal A's executor role to bob behind the handler's back.
    function test_CheckExecutorConsent_FailsOnAnOfferOutsideTheLedger() public {
        _assertAllChecksPass();
        vm.prank(handler.clerkA());
        registry.offerExecutor(opening[0], bob);
        _assertFails(checkExecutorConsent, "the pending executor differs from the executor offers");
    }

    /// @dev clerkB attaches a resolver to deal B behind the handler's back: the version moved without the ledger.
    function test_CheckVersions_FailsOnAChangeOutsideTheLedger() public {
        _assertAllChecksPass();
        vm.prank(handler.clerkB());
        registry.addResolver(opening[2], address(allowlist));
        _assertFails(checkVersions, "the record's version differs from the changes that succeeded");
    }

    /// @dev The ledger thinks deed A changed since the offer to clerkB; an accept naming the chain's version (stale
    /// to the ledger) succeeds, and is recorded as an accept of another version.
    function test_CheckVersions_FailsOnAnAcceptNamingAnotherVersion() public {
        _assertAllChecksPass();
        uint256 version = registry.recordVersionOf(opening[1]);
        handler.tamperVersion(opening[1], version + 1);
        assertTrue(handler.acceptNaming(opening[1], version), "the chain took it");
        _assertFails(checkVersions, "an accept succeeded naming a version the record no longer had");
    }

    /// @dev A request made behind the handler's back on a pair the ledger counts: the chain's count differs.
    function test_CheckPaymentBounds_FailsOnARequestOutsideTheLedger() public {
        _assertAllChecksPass();
        for (uint256 s; handler.successes("paymentLogged") == 0 && s < 40; ++s) {
            handler.requestPayment(s, s, s == 9 ? 0 : s);
        }
        IntegraHandler.PaymentGhost memory p = handler.payments()[0];
        vm.prank(p.requestor);
        signal.requestPayment(
            p.integraHash, p.requestorTokenId, p.payer, p.payerTokenId, hex"e4c0", uint64(block.timestamp + 1 days)
        );
        _assertFails(checkPaymentBounds, "pending requests of a pair differ from the requests that succeeded");
    }

    // ================================================================== checks

    function checkHolders() public view returns (bool, string memory) {
        bytes32[] memory records = handler.records();
        address[] memory accounts = handler.tracked();
        for (uint256 r; r < records.length; ++r) {
            IntegraHandler.RecordGhost memory g = handler.recordGhost(records[r]);
            if (!handler.isOfficial(g.tokenizer)) continue;
            IntegraTokenizerBase tokenizer = IntegraTokenizerBase(g.tokenizer);
            uint256[] memory ids = handler.idsOf(records[r]);
            if (keccak256(abi.encode(tokenizer.tokenIdsOf(records[r]))) != keccak256(abi.encode(ids))) {
                return (false, "the token ids on chain differ from the reservations that succeeded");
            }
            uint256 live;
            uint256 claimed;
            for (uint256 i; i < ids.length; ++i) {
                (bool ok, string memory why, IntegraTokenizerBase.TokenStatus status) =
                    _checkToken(records[r], g, ids[i], accounts);
                if (!ok) return (false, why);
                if (status == IntegraTokenizerBase.TokenStatus.Reserved) live++;
                if (status == IntegraTokenizerBase.TokenStatus.Claimed) claimed++;
            }
            (uint256 reservedOnChain, uint256 claimedOnChain,) = tokenizer.progressOf(records[r]);
            if (reservedOnChain != live + claimed || claimedOnChain != claimed) {
                return (false, "progressOf differs from the token statuses");
            }
        }
        return (true, "");
    }

    function checkAuthority() public view returns (bool, string memory) {
        if (handler.violations(handler.V_FORMER()) != 0) return (false, handler.firstViolation());
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            IntegraHandler.RecordGhost memory g = handler.recordGhost(records[r]);
            (address owner_, address executor_, address tokenizer, bytes32 processHash, uint64 epoch) =
                registry.authorityOf(records[r]);
            if (owner_ != g.owner || executor_ != g.executor) {
                return (false, "the owner or executor differs from the transfers and appointments that succeeded");
            }
            if (tokenizer != g.tokenizer || processHash != g.processHash) {
                return (false, "a record's tokenizer or workflow changed");
            }
            if (epoch != g.epoch) {
                return (false, "the authority epoch differs from the authority changes that succeeded");
            }
            if (registry.pendingOwnerOf(records[r]) != g.pending) {
                return (false, "the pending owner differs from the offers");
            }
            address[] memory formers = handler.formerPrincipalsOf(records[r]);
            for (uint256 f; f < formers.length; ++f) {
                if (registry.isOwnerOrExecutor(records[r], formers[f])) {
                    return (false, "an earlier principal still has authority");
                }
            }
        }
        uint256 grants = handler.grantCount();
        for (uint256 i; i < grants; ++i) {
            IntegraHandler.Grant memory grant = handler.grantAt(i);
            if (!capabilityResolver.issuedUnderEpoch(grant.uid, grant.epoch)) {
                return (false, "an attestation is not recorded under the epoch it was issued in");
            }
            uint64 current = handler.recordGhost(grant.integraHash).epoch;
            if (capabilityResolver.issuedUnderEpoch(grant.uid, current) != (grant.epoch == current)) {
                return (false, "an attestation of an earlier authority counts as current");
            }
        }
        return (true, "");
    }

    function checkEvents() public view returns (bool, string memory) {
        if (handler.violations(handler.V_WORKFLOW()) != 0) return (false, handler.firstViolation());
        if (handler.logsChecked() == 0) return (false, "no Integra log was checked");
        IntegraHandler.EventKey[] memory keys = handler.eventKeys();
        for (uint256 i; i < keys.length; ++i) {
            IntegraHandler.EventKey memory k = keys[i];
            if (k.topicCount < 3) return (false, "an Integra event without integraHash and processHash topics");
            if (k.integraHash == bytes32(0)) {
                // Workflow events: no record (topic1 zero), the workflow's processHash as topic2.
                if (k.emitter != address(registry) || !_isWorkflowEvent(k.topic0)) {
                    return (false, "an Integra event without a record that is no workflow event");
                }
                (address workflowOwner,,) = handler.workflowGhost(k.topic2);
                if (workflowOwner == address(0)) return (false, "a workflow event of a workflow never opened");
                continue;
            }
            IntegraHandler.RecordGhost memory g = handler.recordGhost(k.integraHash);
            if (g.registrant == address(0)) return (false, "an Integra event whose topic1 is no registered record");
            if (k.topic2 != g.processHash) return (false, "an event whose topic2 is not its record's processHash");
            (,,, bytes32 processHash,) = registry.authorityOf(k.integraHash);
            if (k.topic2 != processHash) {
                return (false, "an event whose topic2 differs from the registry's processHash");
            }
            bool fromTokenizer = k.emitter == address(ownership) || k.emitter == address(multiParty);
            if (fromTokenizer && k.emitter != g.tokenizer) {
                return (false, "a tokenizer emitted for a record bound elsewhere");
            }
            if (k.emitter == address(signal) && !handler.isOfficial(g.tokenizer)) {
                return (false, "the signal contract emitted for a record of an unofficial tokenizer");
            }
        }
        return (true, "");
    }

    function _isWorkflowEvent(bytes32 topic0) internal pure returns (bool) {
        return topic0 == IntegraRecordV1.WorkflowOpened.selector || topic0 == IntegraRecordV1.WorkflowMemberAdmitted.selector
            || topic0 == IntegraRecordV1.WorkflowMemberRemoved.selector;
    }

    function checkWorkflows() public view returns (bool, string memory) {
        if (handler.violations(handler.V_MEMBERSHIP()) != 0) return (false, handler.firstViolation());
        if (handler.workflowOutcomesFromStrangers() != 0) {
            return (false, "a claim or completion in a workflow from a record no member registered");
        }
        bytes32[] memory workflows = handler.workflows();
        for (uint256 w; w < workflows.length; ++w) {
            (address workflowOwner, bytes32 id, address[] memory members) = handler.workflowGhost(workflows[w]);
            (address ownerOnChain, address[] memory membersOnChain) = registry.workflowOf(workflows[w]);
            if (ownerOnChain != workflowOwner) return (false, "a workflow's owner differs from the workflows opened");
            if (registry.workflowHashOf(workflowOwner, id) != workflows[w]) {
                return (false, "a workflow's processHash is not its owner and id hashed");
            }
            if (!_sameAddresses(membersOnChain, members)) {
                return (false, "a workflow's members differ from the admissions and removals that succeeded");
            }
        }
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            IntegraHandler.RecordGhost memory g = handler.recordGhost(records[r]);
            if (g.processHash == bytes32(0)) continue;
            if (!g.byMember) return (false, "a record registered into a workflow by a non-member");
            (address ownerOnChain,) = registry.workflowOf(g.processHash);
            if (ownerOnChain == address(0)) return (false, "a record in a workflow never opened");
        }
        return (true, "");
    }

    function checkExecutorConsent() public view returns (bool, string memory) {
        if (handler.violations(handler.V_CONSENT()) != 0) return (false, handler.firstViolation());
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            (, address executor_,,,) = registry.authorityOf(records[r]);
            if (executor_ != address(0) && !handler.consented(records[r], executor_)) {
                return (false, "an address has executor authority without having accepted the role");
            }
            if (registry.pendingExecutorOf(records[r]) != handler.recordGhost(records[r]).pendingExecutor) {
                return (false, "the pending executor differs from the executor offers");
            }
        }
        return (true, "");
    }

    function checkVersions() public view returns (bool, string memory) {
        if (handler.violations(handler.V_VERSION()) != 0) return (false, handler.firstViolation());
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            if (registry.recordVersionOf(records[r]) != handler.recordGhost(records[r]).version) {
                return (false, "the record's version differs from the changes that succeeded");
            }
        }
        return (true, "");
    }

    function checkPaymentBounds() public view returns (bool, string memory) {
        if (handler.violations(handler.V_FLOOD()) != 0) return (false, handler.firstViolation());
        IntegraHandler.PaymentGhost[] memory ps = handler.payments();
        uint256 max = signal.MAX_PENDING_PER_PAIR();
        for (uint256 i; i < ps.length; ++i) {
            uint256 pending = signal.pendingRequestsOf(ps[i].integraHash, ps[i].requestor, ps[i].payer);
            if (pending != handler.pendingCountOf(ps[i].integraHash, ps[i].requestor, ps[i].payer)) {
                return (false, "pending requests of a pair differ from the requests that succeeded");
            }
            if (pending > max) return (false, "a pair has more pending requests than MAX_PENDING_PER_PAIR");
        }
        return (true, "");
    }

    function checkCompletion() public view returns (bool, string memory) {
        if (handler.violations(handler.V_RULES()) != 0) return (false, handler.firstViolation());
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            IntegraHandler.RecordGhost memory g = handler.recordGhost(records[r]);
            if (!handler.isOfficial(g.tokenizer)) continue;
            IntegraTokenizerBase tokenizer = IntegraTokenizerBase(g.tokenizer);
            (bool isSealed, uint256 partyCount) = tokenizer.partySetOf(records[r]);
            if (isSealed != g.isSealed || partyCount != (g.isSealed ? g.partyCount : 0)) {
                return (false, "the party set differs from the seals that succeeded");
            }
            // Every seat of the sealed set claimed (live reservations never outnumber the seats: see V_RULES).
            bool allClaimed =
                g.isSealed && handler.countOf(records[r], IntegraTokenizerBase.TokenStatus.Claimed) == g.partyCount;
            (,, bool complete) = tokenizer.progressOf(records[r]);
            if (complete && !g.isSealed) {
                return (false, "an agreement is complete though its party set was never sealed");
            }
            if (complete && !allClaimed) {
                return (false, "an agreement is complete with a seat of its party set unclaimed");
            }
            if (!complete && g.isSealed && allClaimed) {
                return (false, "a sealed, fully claimed agreement is not complete");
            }
            if (g.completeEvents != (complete ? 1 : 0)) {
                return (false, "DocumentComplete count differs from completion");
            }
        }
        return (true, "");
    }

    function checkPayments() public view returns (bool, string memory) {
        IntegraHandler.PaymentGhost[] memory ps = handler.payments();
        if (signal.paymentCount() != ps.length) {
            return (false, "payment requests exist that no successful call logged");
        }
        for (uint256 i; i < ps.length; ++i) {
            IntegraHandler.PaymentGhost memory p = ps[i];
            if (!p.official) return (false, "a PaymentRequested on a record of an unofficial tokenizer");
            if (!p.requestorIsParty) return (false, "a PaymentRequested whose requestor is not a consenting party");
            if (!p.payerIsParty) return (false, "a PaymentRequested whose payer is not a consenting party");
            IntegraSignalV1.Payment memory onChain = signal.getPayment(p.id);
            if (onChain.requestor != p.requestor || onChain.payer != p.payer || onChain.integraHash != p.integraHash) {
                return (false, "a payment differs from its PaymentRequested");
            }
            IntegraSignalV1.PaymentStatus expected = p.status;
            if (expected == IntegraSignalV1.PaymentStatus.Pending && block.timestamp > p.deadline) {
                expected = IntegraSignalV1.PaymentStatus.Expired;
            }
            if (signal.statusOf(p.id) != expected) {
                return (false, "a payment's status differs from its logged changes");
            }
        }
        return (true, "");
    }

    /// @dev From the chain alone: the outsiders' balances of every token of every record.
    function checkOutsiders() public view returns (bool, string memory) {
        address[] memory outsiders = handler.outsiders();
        for (uint256 o; o < outsiders.length; ++o) {
            if (ownership.balanceOf(outsiders[o]) != 0) return (false, "an outsider holds an ownership token");
        }
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            uint256[] memory ids = multiParty.tokenIdsOf(records[r]);
            for (uint256 i; i < ids.length; ++i) {
                uint256[] memory erc1155Ids = new uint256[](outsiders.length);
                for (uint256 o; o < outsiders.length; ++o) {
                    erc1155Ids[o] = multiParty.erc1155IdOf(records[r], ids[i]);
                }
                uint256[] memory balances = multiParty.balanceOfBatch(outsiders, erc1155Ids);
                for (uint256 o; o < outsiders.length; ++o) {
                    if (balances[o] != 0) return (false, "an outsider holds a role token");
                }
            }
        }
        return (true, "");
    }

    function checkNonces() public view returns (bool, string memory) {
        if (handler.violations(handler.V_FORGERY()) != 0) return (false, handler.firstViolation());
        address[] memory accounts = handler.tracked();
        uint256 total;
        for (uint256 i; i < accounts.length; ++i) {
            uint256 nonce = forwarder.nonces(accounts[i]);
            if (nonce != handler.forwardedBy(accounts[i])) {
                return (false, "a forwarder nonce differs from the requests executed");
            }
            total += nonce;
        }
        if (total != handler.executedCount()) return (false, "executed requests differ from the nonces used");
        return (true, "");
    }

    function checkAdversaries() public view returns (bool, string memory) {
        if (
            handler.violations(handler.V_ATTACKER()) + handler.violations(handler.V_UNAUTHORIZED())
                    + handler.violations(handler.V_FAKE()) + handler.violations(handler.V_REENTRY()) != 0
        ) return (false, handler.firstViolation());
        return (true, "");
    }

    /// @dev For every tracked account and official tokenizer: reservationsOf(account, 0, max) is the ghost's set of
    /// tokens reserved for or claimed by the account, each once, with the ghost's status, amount, workflow and role
    /// (and roleOf agrees); pages of one add up to it.
    function checkAccountReservations() public view returns (bool, string memory) {
        address[] memory accounts = handler.tracked();
        IntegraTokenizerBase[2] memory tokenizers = [IntegraTokenizerBase(ownership), IntegraTokenizerBase(multiParty)];
        for (uint256 t; t < tokenizers.length; ++t) {
            for (uint256 a; a < accounts.length; ++a) {
                (IntegraTokenizerBase.Reservation[] memory rows, uint256 total,) =
                    tokenizers[t].reservationsOf(accounts[a], 0, MAX);
                IntegraTokenizerBase.Reservation[] memory ghost =
                    handler.ghostReservationsOf(address(tokenizers[t]), accounts[a]);
                (bool ok, string memory why) = _sameReservations(tokenizers[t], rows, ghost);
                if (!ok) return (false, why);
                if (!_reservationPagesAddUp(tokenizers[t], accounts[a], rows, total)) {
                    return (false, "reservationsOf pages of one, deduplicated, differ from the full read");
                }
            }
        }
        return (true, "");
    }

    /// @dev For every tracked account: recordsOwnedBy(account, 0, max) is the set of records the ghost has it owning,
    /// and offersTo(account, 0, max) the set of records the ghost has offered to it and pending, naming the owner;
    /// each once, and pages of one add up to them. Every record is owned by a tracked account.
    function checkAccountRecords() public view returns (bool, string memory) {
        address[] memory accounts = handler.tracked();
        uint256 owned;
        for (uint256 a; a < accounts.length; ++a) {
            (bytes32[] memory hashes, IntegraRecordV1.RecordInfo[] memory infos, uint256 total) =
                registry.recordsOwnedBy(accounts[a], 0, MAX);
            if (!_sameSet(hashes, handler.ghostOwnedBy(accounts[a])) || infos.length != hashes.length) {
                return (false, "recordsOwnedBy differs from the registrations and acceptances that succeeded");
            }
            for (uint256 i; i < infos.length; ++i) {
                if (infos[i].owner != accounts[a]) return (false, "recordsOwnedBy returns a record's info wrong");
            }
            if (!_ownedPagesAddUp(accounts[a], hashes, total)) {
                return (false, "recordsOwnedBy pages of one, deduplicated, differ from the full read");
            }
            owned += hashes.length;

            address[] memory owners;
            (hashes, owners, total) = registry.offersTo(accounts[a], 0, MAX);
            if (!_sameSet(hashes, handler.ghostOffersTo(accounts[a])) || owners.length != hashes.length) {
                return (false, "offersTo differs from the offers still pending");
            }
            for (uint256 i; i < owners.length; ++i) {
                if (owners[i] != handler.recordGhost(hashes[i]).owner) {
                    return (false, "offersTo names someone other than the record's owner");
                }
            }
            if (!_offerPagesAddUp(accounts[a], hashes, owners, total)) {
                return (false, "offersTo pages of one, deduplicated, differ from the full read");
            }
        }
        if (owned != handler.records().length) return (false, "a record is owned by an untracked account");
        return (true, "");
    }

    /// @dev For every tracked account: grantsTo(account, 0, max) is, in order, the attestations the handler saw
    /// issued to it, with EAS's revocation matching the revocations that succeeded and currentAuthority true exactly
    /// when the grant's epoch is its record's ghost epoch; pages of one add up to it. Every grant went to a tracked
    /// account.
    function checkAccountGrants() public view returns (bool, string memory) {
        address[] memory accounts = handler.tracked();
        uint256 granted;
        for (uint256 a; a < accounts.length; ++a) {
            (IntegraCapabilityResolverV1.Grant[] memory grants, uint256 total) =
                capabilityResolver.grantsTo(accounts[a], 0, MAX);
            (bytes32[] memory uids, bool[] memory current, bool[] memory revoked) = handler.ghostGrantsTo(accounts[a]);
            if (grants.length != uids.length || total != uids.length) {
                return (false, "grantsTo differs from the attestations that succeeded");
            }
            for (uint256 i; i < grants.length; ++i) {
                if (grants[i].attestation.uid != uids[i] || grants[i].attestation.recipient != accounts[a]) {
                    return (false, "grantsTo differs from the attestations that succeeded");
                }
                if ((grants[i].attestation.revocationTime != 0) != revoked[i]) {
                    return (false, "a revocation in grantsTo differs from the revocations that succeeded");
                }
                if (grants[i].currentAuthority != current[i]) {
                    return (false, "currentAuthority in grantsTo differs from the grant's epoch");
                }
            }
            for (uint256 offset; offset < total; ++offset) {
                (IntegraCapabilityResolverV1.Grant[] memory page,) =
                    capabilityResolver.grantsTo(accounts[a], offset, 1);
                if (page.length != 1 || keccak256(abi.encode(page[0])) != keccak256(abi.encode(grants[offset]))) {
                    return (false, "grantsTo pages of one differ from the full read");
                }
            }
            granted += total;
        }
        if (granted != handler.grantCount()) return (false, "an attestation went to an untracked account");
        return (true, "");
    }

    /// @dev `rows` (the chain's) and `ghost` hold the same tokens, each once, with equal fields; roleOf agrees.
    function _sameReservations(
        IntegraTokenizerBase tokenizer,
        IntegraTokenizerBase.Reservation[] memory rows,
        IntegraTokenizerBase.Reservation[] memory ghost
    ) internal view returns (bool, string memory) {
        string memory differs = "reservationsOf differs from the tokens reserved for or claimed by the account";
        if (rows.length != ghost.length) return (false, differs);
        for (uint256 i; i < rows.length; ++i) {
            for (uint256 j; j < i; ++j) {
                if (rows[j].integraHash == rows[i].integraHash && rows[j].tokenId == rows[i].tokenId) {
                    return (false, "reservationsOf lists a token twice");
                }
            }
            uint256 k;
            while (
                k < ghost.length
                    && (ghost[k].integraHash != rows[i].integraHash || ghost[k].tokenId != rows[i].tokenId)
            ) k++;
            if (k == ghost.length) return (false, differs);
            if (
                rows[i].status != ghost[k].status || rows[i].amount != ghost[k].amount
                    || rows[i].processHash != ghost[k].processHash
            ) return (false, differs);
            if (keccak256(bytes(rows[i].role)) != keccak256(bytes(ghost[k].role))) {
                return (false, "a role differs from the role of the reservation that succeeded");
            }
            string memory role = tokenizer.roleOf(rows[i].integraHash, rows[i].tokenId);
            if (keccak256(bytes(role)) != keccak256(bytes(rows[i].role))) {
                return (false, "roleOf differs from the role reservationsOf returns");
            }
        }
        return (true, "");
    }

    /// @dev Each page of one (one list entry: one record's tokens) holds rows of the full read only, and together
    /// they cover it; past the end, nothing.
    function _reservationPagesAddUp(
        IntegraTokenizerBase tokenizer,
        address account,
        IntegraTokenizerBase.Reservation[] memory full,
        uint256 total
    ) internal view returns (bool) {
        bytes32[] memory fullRows = new bytes32[](full.length);
        for (uint256 k; k < full.length; ++k) {
            fullRows[k] = keccak256(abi.encode(full[k]));
        }
        bool[] memory seen = new bool[](full.length);
        for (uint256 offset; offset < total; ++offset) {
            (IntegraTokenizerBase.Reservation[] memory page,,) = tokenizer.reservationsOf(account, offset, 1);
            for (uint256 p; p < page.length; ++p) {
                uint256 k = _indexOf(fullRows, keccak256(abi.encode(page[p])));
                if (k == full.length) return false;
                seen[k] = true;
            }
        }
        if (!_allSeen(seen)) return false;
        (IntegraTokenizerBase.Reservation[] memory past, uint256 length,) =
            tokenizer.reservationsOf(account, total, MAX);
        return past.length == 0 && length == total;
    }

    function _ownedPagesAddUp(address account, bytes32[] memory full, uint256 total) internal view returns (bool) {
        bool[] memory seen = new bool[](full.length);
        for (uint256 offset; offset < total; ++offset) {
            (bytes32[] memory page,,) = registry.recordsOwnedBy(account, offset, 1);
            if (page.length > 1) return false;
            if (page.length == 1) {
                uint256 k = _indexOf(full, page[0]);
                if (k == full.length) return false;
                seen[k] = true;
            }
        }
        return _allSeen(seen);
    }

    function _offerPagesAddUp(address account, bytes32[] memory full, address[] memory owners, uint256 total)
        internal
        view
        returns (bool)
    {
        bool[] memory seen = new bool[](full.length);
        for (uint256 offset; offset < total; ++offset) {
            (bytes32[] memory page, address[] memory pageOwners,) = registry.offersTo(account, offset, 1);
            if (page.length > 1 || pageOwners.length != page.length) return false;
            if (page.length == 1) {
                uint256 k = _indexOf(full, page[0]);
                if (k == full.length || owners[k] != pageOwners[0]) return false;
                seen[k] = true;
            }
        }
        return _allSeen(seen);
    }

    /// @dev `a` and `b` hold the same addresses, each once.
    function _sameAddresses(address[] memory a, address[] memory b) internal pure returns (bool) {
        if (a.length != b.length) return false;
        for (uint256 i; i < a.length; ++i) {
            bool found;
            for (uint256 j; j < b.length && !found; ++j) {
                found = a[i] == b[j];
            }
            if (!found) return false;
            for (uint256 j; j < i; ++j) {
                if (a[j] == a[i]) return false;
            }
        }
        return true;
    }

    /// @dev `a` and `b` hold the same ids, `a` none twice (`b`, a ghost list, never does).
    function _sameSet(bytes32[] memory a, bytes32[] memory b) internal pure returns (bool) {
        if (a.length != b.length) return false;
        for (uint256 i; i < a.length; ++i) {
            if (_indexOf(b, a[i]) == b.length) return false;
            for (uint256 j; j < i; ++j) {
                if (a[j] == a[i]) return false;
            }
        }
        return true;
    }

    function _indexOf(bytes32[] memory list, bytes32 id) internal pure returns (uint256 k) {
        while (k < list.length && list[k] != id) k++;
    }

    function _allSeen(bool[] memory seen) internal pure returns (bool) {
        for (uint256 k; k < seen.length; ++k) {
            if (!seen[k]) return false;
        }
        return true;
    }

    function _checkToken(bytes32 ih, IntegraHandler.RecordGhost memory g, uint256 tokenId, address[] memory accounts)
        internal
        view
        returns (bool, string memory, IntegraTokenizerBase.TokenStatus)
    {
        IntegraHandler.TokenGhost memory t = handler.tokenGhost(ih, tokenId);
        (IntegraTokenizerBase.TokenStatus status, address reservedFor, uint256 amount, bytes32 processHash) =
            IntegraTokenizerBase(g.tokenizer).tokenStatus(ih, tokenId);
        if (status != t.status || reservedFor != t.reservedFor || amount != t.amount || processHash != g.processHash) {
            return (false, "a token's status differs from the reservations, cancels and claims that succeeded", status);
        }
        (bool ok, string memory why) = _checkBalances(
            ih, g.tokenizer, tokenId, accounts, status == IntegraTokenizerBase.TokenStatus.Claimed ? amount : 0
        );
        if (!ok) return (false, why, status);
        if (status == IntegraTokenizerBase.TokenStatus.Claimed) {
            (ok, why) = _checkProvenance(ih, tokenId, t);
            if (!ok) return (false, why, status);
        }
        return (true, "", status);
    }

    /// @dev Each tracked account holds exactly its ghost balance (claims and moves by holders); together they hold
    /// all of the token (`supply`, the claimed amount), so nobody else does.
    function _checkBalances(bytes32 ih, address tokenizer, uint256 tokenId, address[] memory accounts, uint256 supply)
        internal
        view
        returns (bool, string memory)
    {
        uint256 sum;
        uint256[] memory expected = handler.ghostBalances(ih, tokenId, accounts);
        if (tokenizer == address(ownership)) {
            address holder;
            try ownership.ownerOf(uint256(ih)) returns (address o) {
                holder = o;
            } catch {}
            for (uint256 a; a < accounts.length; ++a) {
                uint256 actual = holder == accounts[a] ? 1 : 0;
                if (actual != expected[a]) {
                    return
                        (
                            false,
                            "an ownership token is held by someone who neither claimed it nor got it from its holder"
                        );
                }
                sum += actual;
            }
            if (holder != address(0) && sum == 0) return (false, "an ownership token is held by an untracked address");
        } else {
            uint256[] memory erc1155Ids = new uint256[](accounts.length);
            uint256 erc1155Id = multiParty.erc1155IdOf(ih, tokenId);
            for (uint256 a; a < accounts.length; ++a) {
                erc1155Ids[a] = erc1155Id;
            }
            uint256[] memory balances = multiParty.balanceOfBatch(accounts, erc1155Ids);
            for (uint256 a; a < accounts.length; ++a) {
                if (balances[a] != expected[a]) {
                    return (false, "a role token balance differs from the claims and holder moves that succeeded");
                }
                sum += balances[a];
            }
        }
        if (sum != supply) return (false, "the tracked balances of a token differ from its claimed amount");
        return (true, "");
    }

    function _checkProvenance(bytes32 ih, uint256 tokenId, IntegraHandler.TokenGhost memory t)
        internal
        view
        returns (bool, string memory)
    {
        (bool known, IntegraHandler.Grant memory grant) = handler.grantOf(t.uid);
        if (!known) return (false, "a token was claimed with an attestation no successful attest issued");
        if (t.claimant != t.reservedFor) return (false, "a token was claimed by someone it was not reserved for");
        if (grant.recipient != t.claimant) return (false, "a token was claimed with someone else's attestation");
        if (grant.integraHash != ih) return (false, "a token was claimed with another record's attestation");
        if (grant.attestedTokenId != 0 && grant.attestedTokenId != tokenId) {
            return (false, "a token was claimed with another token's attestation");
        }
        if (grant.caps & Capabilities.CLAIM == 0) return (false, "a token was claimed without the CLAIM capability");
        if (grant.epoch != t.claimEpoch) {
            return (false, "a token was claimed with an attestation from another authority epoch");
        }
        if (grant.expirationTime != 0 && grant.expirationTime <= t.claimedAt) {
            return (false, "a token was claimed with an expired attestation");
        }
        if (grant.revokedStep != 0 && grant.revokedStep < t.claimStep) {
            return (false, "a token was claimed with a revoked attestation");
        }
        return (true, "");
    }

    // ================================================================== helpers

    function _assertAllChecksPass() internal view {
        function() view returns (bool, string memory)[15] memory checks = [
            checkWorkflows,
            checkExecutorConsent,
            checkVersions,
            checkPaymentBounds,
            checkHolders,
            checkAuthority,
            checkEvents,
            checkCompletion,
            checkPayments,
            checkOutsiders,
            checkNonces,
            checkAdversaries,
            checkAccountReservations,
            checkAccountRecords,
            checkAccountGrants
        ];
        for (uint256 i; i < checks.length; ++i) {
            (bool ok, string memory why) = checks[i]();
            assertTrue(ok, why);
        }
    }

    function _assertFails(function() view returns (bool, string memory) check, string memory reason) internal view {
        (bool ok, string memory why) = check();
        assertTrue(!ok, string.concat("the check passed; expected: ", reason));
        assertEq(why, reason, "the check failed for another reason");
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
