// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";
import {ForwardRequestSigner} from "../utils/ForwardRequestSigner.sol";
import {Vm} from "../utils/Vm.sol";
import {InvariantChecks} from "./InvariantChecks.sol";
import {ReferenceModel} from "./ReferenceModel.sol";
import {
    Via,
    AcceptStep,
    FormerMove,
    FormerPrincipalStep,
    PaymentRequestStep,
    SquatMove,
    SquatStep
} from "./handlers/Steps.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {IntegraCapabilityResolverV1} from "../../src/IntegraCapabilityResolverV1.sol";
import {Capabilities} from "../../src/Capabilities.sol";

/// @notice Each check of InvariantChecks does fail: a state changed behind the handler's back, a wrong value planted
/// in the reference model, or a crafted log, makes it return false with its own reason. An invariant whose check
/// cannot fail would test nothing.
contract InvariantChecksTest is InvariantChecks, ForwardRequestSigner {
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
        // execB, a former principal to the ledger, seals deal B: allowed on chain, a violation to the ledger.
        handler.runFormerPrincipal(FormerPrincipalStep({record: opening[2], former: execB, move: FormerMove.Seal}));
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
        (address clerkA, address attacker, bytes32 processA) =
            (handler.clerkA(), handler.attacker(), handler.PROCESS_A());
        vm.prank(clerkA);
        registry.admitMember(processA, attacker);
        uint256 registered = handler.records().length;
        handler.runSquat(
            SquatStep({move: SquatMove.CopyIntoTheVictimsWorkflow, victim: opening[0], squatter: attacker})
        );
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
        assertTrue(
            handler.runAccept(AcceptStep({record: opening[1], caller: handler.clerkB(), version: version})),
            "the chain took it"
        );
        _assertFails(checkVersions, "an accept succeeded naming a version the record no longer had");
    }

    /// @dev A request made behind the handler's back on a pair the ledger counts: the chain's count differs.
    function test_CheckPaymentBounds_FailsOnARequestOutsideTheLedger() public {
        _assertAllChecksPass();
        // alice (deal A's role 1) asks bob (role 2) to pay, through the handler: the ledger counts the pair.
        handler.runPaymentRequest(
            PaymentRequestStep({
                record: opening[0],
                requestor: alice,
                requestorTokenId: 1,
                payer: bob,
                payerTokenId: 2,
                deadline: uint64(block.timestamp + 1 days),
                amount: hex"e4c0",
                via: Via.Direct
            })
        );
        ReferenceModel.PaymentGhost memory p = handler.payments()[0];
        vm.prank(p.requestor);
        signal.requestPayment(
            p.integraHash, p.requestorTokenId, p.payer, p.payerTokenId, hex"e4c0", uint64(block.timestamp + 1 days)
        );
        _assertFails(checkPaymentBounds, "pending requests of a pair differ from the requests that succeeded");
    }
}
