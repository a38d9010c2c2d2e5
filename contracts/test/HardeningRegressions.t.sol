// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraFixture} from "./utils/IntegraFixture.sol";
import {Vm} from "./utils/Vm.sol";
import {IntegraRecordV1} from "../src/IntegraRecordV1.sol";
import {IntegraCapabilityResolverV1} from "../src/IntegraCapabilityResolverV1.sol";
import {IntegraSignalV1} from "../src/IntegraSignalV1.sol";
import {IntegraTokenizerBase} from "../src/tokenizers/IntegraTokenizerBase.sol";
import {IIntegraRecord} from "../src/interfaces/IIntegraRecord.sol";
import {IIntegraResolver} from "../src/interfaces/IIntegraResolver.sol";
import {IIntegraTokenizer} from "../src/interfaces/IIntegraTokenizer.sol";
import {Capabilities} from "../src/Capabilities.sol";

/// @dev A tokenizer anyone can deploy and bind a record to: it calls everyone a holder and a party.
contract YesManTokenizer is IIntegraTokenizer {
    function isHolder(bytes32, uint256, address) external pure returns (bool) {
        return true;
    }

    function isParty(bytes32, uint256, address) external pure returns (bool) {
        return true;
    }

    function reserveParties(bytes32, IIntegraTokenizer.Party[] calldata, address) external {}
}

/// @dev A resolver that reads the registry from inside onOwnershipTransfer: what a hook sees of the new authority.
contract AuthorityReadingResolver is IIntegraResolver {
    IIntegraRecord public immutable registry;
    address public seenOwner;
    address public seenExecutor;
    uint64 public seenEpoch;
    address public seenPending;
    address public seenTo;
    uint256 public calls;

    constructor(IIntegraRecord registry_) {
        registry = registry_;
    }

    function onRegistered(bytes32, address, bytes32) external {}

    function onOwnershipTransfer(bytes32 integraHash, address, address to) external {
        calls++;
        seenTo = to;
        (seenOwner, seenExecutor,,, seenEpoch) = registry.authorityOf(integraHash);
        seenPending = IntegraRecordV1(address(registry)).pendingOwnerOf(integraHash);
    }
}

/// @notice One test (or a few) per rule of the hardening. Each one fails on the code before it: the comment on each
/// says what the old code did. (The old code also had a different API, e.g. `transferRecordOwnership`; the
/// comments describe the same steps in that API.)
contract HardeningRegressionTest is IntegraFixture {
    bytes32 internal constant FOREIGN_PROCESS = keccak256("someone else's workflow");

    function _reserve(bytes32 h, uint256 id, address recipient) internal {
        vm.prank(owner);
        multiParty.reserveToken(h, id, recipient, 1, PROCESS, "");
    }

    function _seal(bytes32 h) internal {
        vm.prank(owner);
        multiParty.sealParties(h);
    }

    function _claimCountingCompletes(address party, bytes32 h, uint256 id) internal returns (uint256 completes) {
        bytes32 uid = _attestClaim(party, h, id);
        vm.recordLogs();
        vm.prank(party);
        multiParty.claimToken(h, id, uid, PROCESS);
        return _countCompletes(vm.getRecordedLogs());
    }

    function _countCompletes(Vm.Log[] memory logs) internal view returns (uint256 completes) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(multiParty)) continue;
            if (logs[i].topics[0] == IntegraTokenizerBase.DocumentComplete.selector) completes++;
        }
    }

    function _assertProgress(bytes32 h, uint256 reserved, uint256 claimed, bool complete) internal view {
        (uint256 r, uint256 c, bool done) = multiParty.progressOf(h);
        assertEq(r, reserved, "reserved");
        assertEq(c, claimed, "claimed");
        assertEq(done, complete, "complete");
    }

    // ---------------------------------------------------------------- (1) the party set

    /// @dev Original code: claimed == reserved (1 == 1) emitted DocumentComplete at alice's claim, and reserving
    /// token 2 afterwards reverted DocumentAlreadyComplete. The previous commit let alice claim into the unsealed set
    /// and completed the record at the seal. Now no claim is accepted before the seal (PartiesNotSealed), and the
    /// record completes only once it is sealed and every party of it has claimed.
    function test_Regression_ClaimBetweenTwoReservationsDoesNotComplete() public {
        bytes32 h = _register(address(multiParty));
        _reserve(h, 1, alice);
        bytes32 aliceUid = _attestClaim(alice, h, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesNotSealed.selector, h));
        vm.prank(alice);
        multiParty.claimToken(h, 1, aliceUid, PROCESS);

        _reserve(h, 2, bob); // the original code refused this: DocumentAlreadyComplete
        _assertProgress(h, 2, 0, false);

        vm.recordLogs();
        vm.prank(owner);
        multiParty.sealParties(h);
        assertEq(_countCompletes(vm.getRecordedLogs()), 0, "the seal completes nothing");
        _assertProgress(h, 2, 0, false);

        vm.recordLogs();
        vm.prank(alice);
        multiParty.claimToken(h, 1, aliceUid, PROCESS);
        assertEq(_countCompletes(vm.getRecordedLogs()), 0, "no DocumentComplete after party 1 alone");
        _assertProgress(h, 2, 1, false);

        bytes32 bobUid = _attestClaim(bob, h, 2);
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.DocumentComplete(h, PROCESS, 2, block.timestamp);
        vm.recordLogs();
        vm.prank(bob);
        multiParty.claimToken(h, 2, bobUid, PROCESS);
        assertEq(_countCompletes(vm.getRecordedLogs()), 1, "complete once, on the last party's claim");
        _assertProgress(h, 2, 2, true);
    }

    /// @dev Old code: cancelling the last unclaimed reservation completed the agreement with the parties left
    /// (DocumentComplete on the cancel), and a fourth token could still be added. Now a record registered with its
    /// parties takes no new token and completes only when each of the three has claimed; cancelling carol once
    /// alice and bob have claimed is refused (the two audit-finding tests below).
    function test_Regression_RegisterWithPartiesCompletesOnlyAfterAllClaim() public {
        bytes32 h = _threePartyRecord();
        assertEq(_claimCountingCompletes(alice, h, 1), 0, "not after alice");
        assertEq(_claimCountingCompletes(bob, h, 2), 0, "not after bob");
        _assertProgress(h, 3, 2, false);

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesAlreadySealed.selector, h));
        _reserve(h, 4, stranger);

        assertEq(_claimCountingCompletes(carol, h, 3), 1, "complete on the last party's claim");
        _assertProgress(h, 3, 3, true);
    }

    /// @dev Audit finding. After registerWithParties(alice, bob, carol), alice and bob claim; the owner then
    /// cancels carol's token 3 and reserves it for mallory, who claims and completes the record: alice and bob
    /// end up bound to a counterparty they never agreed to. This test fails on the previous commit (045a658):
    /// there the cancel succeeds. Now the set is locked from the first claim: the cancel reverts PartySetLocked,
    /// token 3 stays carol's (reserving it for mallory reverts AlreadyReserved), carol can still claim, and the
    /// record completes with the original three.
    function test_Regression_OwnerCannotSwapAPartyAfterOthersClaimed() public {
        _assertNoSwapAfterClaims(owner);
    }

    /// @dev The same audit finding with the record's executor as the one trying the swap.
    function test_Regression_ExecutorCannotSwapAPartyAfterOthersClaimed() public {
        _assertNoSwapAfterClaims(executor);
    }

    function _assertNoSwapAfterClaims(address principal) internal {
        address mallory = vm.addr(0x3A11);
        bytes32 h = _threePartyRecord();
        _claimCountingCompletes(alice, h, 1);
        _claimCountingCompletes(bob, h, 2);

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartySetLocked.selector, h));
        vm.prank(principal);
        multiParty.cancelReservation(h, 3);

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AlreadyReserved.selector, h, 3));
        vm.prank(principal);
        multiParty.reserveToken(h, 3, mallory, 1, PROCESS, "");

        assertEq(_claimCountingCompletes(carol, h, 3), 1, "carol's claim completes the record");
        _assertProgress(h, 3, 3, true);
        (IntegraTokenizerBase.TokenStatus status, address reservedFor,,) = multiParty.tokenStatus(h, 3);
        assertEq(uint256(status), uint256(IntegraTokenizerBase.TokenStatus.Claimed), "token 3 claimed");
        assertEq(reservedFor, carol, "by carol");
        assertTrue(multiParty.isParty(h, 1, alice), "alice is a party");
        assertTrue(multiParty.isParty(h, 2, bob), "bob is a party");
        assertTrue(multiParty.isParty(h, 3, carol), "carol is a party");
        assertTrue(!multiParty.isHolder(h, 3, mallory), "mallory holds nothing");
        assertEq(multiParty.tokenIdsOf(h).length, 3, "still three tokens");
    }

    // ---------------------------------------------------------------- (2) a sale ends the former principals' power

    /// @dev Old code: transferRecordOwnership left the executor in place, so the seller's executor kept reserving,
    /// cancelling and attesting on the sold record.
    function test_Regression_AfterSaleFormerExecutorCannotReserve() public {
        bytes32 h = _register(address(multiParty));
        _sell(h, bob);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, h, executor));
        vm.prank(executor);
        multiParty.reserveToken(h, 1, alice, 1, PROCESS, "");
    }

    /// @dev Old code: the executor survived the transfer and could cancel the buyer's reservations.
    function test_Regression_AfterSaleFormerExecutorCannotCancel() public {
        bytes32 h = _register(address(multiParty));
        _reserve(h, 1, alice);
        _sell(h, bob);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, h, executor));
        vm.prank(executor);
        multiParty.cancelReservation(h, 1);
    }

    /// @dev Old code: the resolver accepted the surviving executor's attestations on the sold record.
    function test_Regression_AfterSaleFormerExecutorCannotAttest() public {
        bytes32 h = _register(address(multiParty));
        _sell(h, bob);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, h, executor)
        );
        _attest(executor, alice, h, 1, Capabilities.CLAIM, 0);
    }

    /// @dev Old code: the executor's attestation made before the sale still authorized the claim (its attester was
    /// still the executor). The owner's failed with AttesterNotAuthorized. Both are now AttestationFromEarlierAuthority.
    function test_Regression_AfterSaleOldOwnersAndExecutorsAttestationsCannotClaim() public {
        bytes32 h = _register(address(multiParty));
        _reserve(h, 1, alice);
        _reserve(h, 2, carol);
        _seal(h);
        bytes32 byOwner = _attestClaim(alice, h, 1);
        bytes32 byExecutor = _attest(executor, carol, h, 2, Capabilities.CLAIM, 0);
        _sell(h, bob);

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationFromEarlierAuthority.selector, byOwner));
        vm.prank(alice);
        multiParty.claimToken(h, 1, byOwner, PROCESS);

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationFromEarlierAuthority.selector, byExecutor));
        vm.prank(carol);
        multiParty.claimToken(h, 2, byExecutor, PROCESS);

        // The buyer's own attestation works.
        bytes32 byBuyer = _attest(bob, carol, h, 2, Capabilities.CLAIM, 0);
        vm.prank(carol);
        multiParty.claimToken(h, 2, byBuyer, PROCESS);
        assertTrue(multiParty.isParty(h, 2, carol), "claimed with the buyer's attestation");
    }

    /// @dev Old code: a transfer took effect at once and could not be taken back. Now an offer can be withdrawn, and
    /// the withdrawn offer cannot be accepted.
    function test_Regression_OfferCanBeCancelled() public {
        bytes32 h = _register(address(multiParty));
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale to bob");
        vm.prank(owner);
        registry.cancelOwnershipOffer(h);
        assertEq(registry.pendingOwnerOf(h), address(0), "offer withdrawn");
        assertEq(registry.getRecord(h).owner, owner, "owner kept");

        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingOffer.selector, h));
        vm.prank(bob);
        registry.acceptRecordOwnership(h);
    }

    /// @dev Old code: transferRecordOwnership(h, bob) made bob the owner without bob doing anything (a typo sent a
    /// record away for good). Now bob has no power until he accepts.
    function test_Regression_NobodyBecomesOwnerWithoutAccepting() public {
        bytes32 h = _register(address(multiParty));
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale to bob");
        (address o, address e,,, uint64 epoch) = registry.authorityOf(h);
        assertEq(o, owner, "owner until acceptance");
        assertEq(e, executor, "executor until acceptance");
        assertEq(epoch, 0, "epoch until acceptance");
        assertTrue(!registry.isOwnerOrExecutor(h, bob), "bob has no authority yet");

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, h, bob));
        vm.prank(bob);
        multiParty.reserveToken(h, 1, alice, 1, PROCESS, "");

        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, h, bob));
        vm.prank(bob);
        registry.setExecutor(h, bob);

        // The seller still administers while the offer is pending.
        _reserve(h, 1, alice);
        vm.prank(bob);
        registry.acceptRecordOwnership(h);
        assertEq(registry.getRecord(h).owner, bob, "owner once accepted");
    }

    // ---------------------------------------------------------------- (3) processHash authenticated

    /// @dev Old code: reserveToken stored and emitted whatever processHash it was given, so a record's events
    /// could carry a workflow id that is not the record's.
    function test_Regression_ReserveWithForeignProcessHashReverts() public {
        bytes32 h = _register(address(multiParty));
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.ProcessHashMismatch.selector, PROCESS, FOREIGN_PROCESS)
        );
        vm.prank(owner);
        multiParty.reserveToken(h, 1, alice, 1, FOREIGN_PROCESS, "");
    }

    /// @dev Old code: the capability resolver emitted CapabilityGranted under whatever processHash the attestation
    /// data named.
    function test_Regression_AttestWithForeignProcessHashReverts() public {
        bytes32 h = _register(address(multiParty));
        vm.expectRevert(
            abi.encodeWithSelector(IntegraCapabilityResolverV1.ProcessHashMismatch.selector, PROCESS, FOREIGN_PROCESS)
        );
        _attestUnder(FOREIGN_PROCESS, owner, alice, h, 1, Capabilities.CLAIM, 0);
    }

    // ---------------------------------------------------------------- (4) payments

    /// @dev Old code: requestPayment asked the record's tokenizer, whatever it was; a tokenizer that says yes to
    /// everyone let anyone emit PaymentRequested naming anyone as payer.
    function test_Regression_FakeTokenizerCannotSignalPayments() public {
        YesManTokenizer fake = new YesManTokenizer();
        vm.prank(stranger);
        bytes32 h = registry.register(CONTENT, hex"", address(fake), address(0), PROCESS, new address[](0));
        assertTrue(fake.isHolder(h, 1, stranger) && fake.isParty(h, 2, alice), "the fake says yes");

        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.UnofficialTokenizer.selector, address(fake)));
        vm.prank(stranger);
        signal.requestPayment(h, 1, alice, 2, hex"01", uint64(block.timestamp + 1 days));
    }

    /// @dev A record registered with its parties through a fake tokenizer fares no better.
    function test_Regression_FakeTokenizerWithRegisteredPartiesCannotSignalPayments() public {
        YesManTokenizer fake = new YesManTokenizer();
        (address[] memory recipients, uint256[] memory amounts) = _threeParties();
        bytes32 h = _registerWithParties(address(fake), recipients, amounts);
        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.UnofficialTokenizer.selector, address(fake)));
        vm.prank(alice);
        signal.requestPayment(h, 1, bob, 2, hex"01", uint64(block.timestamp + 1 days));
    }

    /// @dev Old code: isHolder was enough, so a token pushed to someone (who never claimed, never consented) made
    /// them a payer that a request could name.
    function test_Regression_TransfereeWithoutClaimCannotBeNamedPayer() public {
        bytes32 h = _threePartyRecord();
        _claim(multiParty, alice, h, 1);
        _claim(multiParty, bob, h, 2);
        uint256 role2 = multiParty.erc1155IdOf(h, 2);
        vm.prank(bob);
        multiParty.safeTransferFrom(bob, stranger, role2, 1, "");
        assertTrue(multiParty.isHolder(h, 2, stranger), "stranger holds role 2");

        vm.expectRevert(abi.encodeWithSelector(IntegraSignalV1.NotParty.selector, stranger, 2));
        vm.prank(alice);
        signal.requestPayment(h, 1, stranger, 2, hex"01", uint64(block.timestamp + 1 days));
    }

    // ---------------------------------------------------------------- (5) authority epochs

    /// @dev Old code: the claim checked only that the attester was owner or executor now; after A -> B -> A the
    /// owner's attestation from before the first sale authorized claims again.
    function test_Regression_AttestationDiesAcrossSaleAndBuyBack() public {
        bytes32 h = _register(address(multiParty));
        _reserve(h, 1, alice);
        _seal(h);
        bytes32 old = _attestClaim(alice, h, 1);
        _sell(h, bob);
        _sell(h, owner);
        (address o,,,, uint64 epoch) = registry.authorityOf(h);
        assertEq(o, owner, "A owns it again");
        assertEq(epoch, 2, "two epochs later");

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationFromEarlierAuthority.selector, old));
        vm.prank(alice);
        multiParty.claimToken(h, 1, old, PROCESS);

        vm.warp(block.timestamp + 1);
        bytes32 fresh = _attestClaim(alice, h, 1);
        vm.prank(alice);
        multiParty.claimToken(h, 1, fresh, PROCESS);
        assertTrue(multiParty.isParty(h, 1, alice), "a new attestation works");
    }

    /// @dev Old code: an executor removed and appointed again was authorized again, and so were its old
    /// attestations, including ones the owner meant to end by removing it.
    function test_Regression_AttestationDiesWhenExecutorRemovedAndReappointed() public {
        bytes32 h = _register(address(multiParty));
        _reserve(h, 1, alice);
        _seal(h);
        bytes32 old = _attest(executor, alice, h, 1, Capabilities.CLAIM, 0);
        vm.startPrank(owner);
        registry.setExecutor(h, address(0));
        registry.setExecutor(h, executor);
        vm.stopPrank();
        assertTrue(registry.isOwnerOrExecutor(h, executor), "executor again");

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationFromEarlierAuthority.selector, old));
        vm.prank(alice);
        multiParty.claimToken(h, 1, old, PROCESS);

        vm.warp(block.timestamp + 1);
        bytes32 fresh = _attest(executor, alice, h, 1, Capabilities.CLAIM, 0);
        vm.prank(alice);
        multiParty.claimToken(h, 1, fresh, PROCESS);
        assertTrue(multiParty.isParty(h, 1, alice), "the re-appointed executor's new attestation works");
    }

    // ---------------------------------------------------------------- (6) the transfer hook

    /// @dev The hook runs after the registry wrote the new authority: it reads the new owner, no executor, the new
    /// epoch and no pending offer. Old code: the owner was written before the hook as well, but the executor was
    /// never removed and there was no epoch, so a hook reading authorityOf saw the seller's executor still in power
    /// (seenExecutor == executor): this test fails there.
    function test_Regression_TransferHookSeesNewAuthorityAlreadyWritten() public {
        AuthorityReadingResolver reader = new AuthorityReadingResolver(registry);
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(reader);
        vm.prank(owner);
        bytes32 h = registry.register(CONTENT, hex"", address(multiParty), executor, PROCESS, resolvers);
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale");
        vm.prank(bob);
        registry.acceptRecordOwnership(h);

        assertEq(reader.calls(), 1, "hook ran once");
        assertEq(reader.seenTo(), bob, "to");
        assertEq(reader.seenOwner(), bob, "new owner already written");
        assertEq(reader.seenExecutor(), address(0), "executor already removed");
        assertEq(reader.seenEpoch(), 1, "epoch already moved");
        assertEq(reader.seenPending(), address(0), "offer already consumed");
    }
}
