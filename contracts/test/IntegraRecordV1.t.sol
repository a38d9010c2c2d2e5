// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraFixture} from "./utils/IntegraFixture.sol";
import {Vm} from "./utils/Vm.sol";
import {IntegraRecordV1} from "../src/IntegraRecordV1.sol";
import {IIntegraResolver} from "../src/interfaces/IIntegraResolver.sol";
import {IntegraTokenizerBase} from "../src/tokenizers/IntegraTokenizerBase.sol";
import {MultiPartyTokenizerV1} from "../src/tokenizers/MultiPartyTokenizerV1.sol";

/// @dev A resolver that remembers every hook call, so tests can check the registry calls it with the right args.
contract RecordingResolver is IIntegraResolver {
    bytes32 public lastHash;
    address public lastOwner;
    bytes32 public lastContent;
    address public lastFrom;
    address public lastTo;
    uint256 public registeredCalls;
    uint256 public transferCalls;

    function onRegistered(bytes32 integraHash, address owner, bytes32 contentHash) external {
        registeredCalls++;
        (lastHash, lastOwner, lastContent) = (integraHash, owner, contentHash);
    }

    function onOwnershipTransfer(bytes32 integraHash, address from, address to) external {
        transferCalls++;
        (lastHash, lastFrom, lastTo) = (integraHash, from, to);
    }
}

/// @dev A resolver that refuses every transfer until told otherwise.
contract VetoingResolver is IIntegraResolver {
    bool public veto = true;

    error Vetoed(address to);

    function setVeto(bool value) external {
        veto = value;
    }

    function onRegistered(bytes32, address, bytes32) external {}

    function onOwnershipTransfer(bytes32, address, address to) external view {
        if (veto) revert Vetoed(to);
    }
}

/// @dev A resolver that refuses every registration it is attached to.
contract RefusingResolver is IIntegraResolver {
    error RegistrationRefused(bytes32 integraHash);

    function onRegistered(bytes32 integraHash, address, bytes32) external pure {
        revert RegistrationRefused(integraHash);
    }

    function onOwnershipTransfer(bytes32, address, address) external {}
}

/// @dev A resolver that reads the record's party set in onRegistered: registerWithParties runs hooks after reserving.
contract PartySetReadingResolver is IIntegraResolver {
    bool public sawSealed;
    uint256 public sawParties;

    function onRegistered(bytes32 integraHash, address, bytes32) external {
        (,, address tokenizer,,) = IntegraRecordV1(msg.sender).authorityOf(integraHash);
        (sawSealed, sawParties) = MultiPartyTokenizerV1(tokenizer).partySetOf(integraHash);
    }

    function onOwnershipTransfer(bytes32, address, address) external {}
}

contract IntegraRecordV1Test is IntegraFixture {
    bytes32 internal constant OTHER_CONTENT = keccak256("another document");
    bytes32 internal constant UNKNOWN = keccak256("no such record");
    bytes internal constant REF = hex"c1f3";

    function _expectedHash(address registrant, bytes32 contentHash, uint256 nonce) internal view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(registry), registrant, contentHash, nonce));
    }

    function _resolvers(uint256 count) internal returns (address[] memory list) {
        list = new address[](count);
        for (uint256 i; i < count; ++i) {
            list[i] = address(new RecordingResolver());
        }
    }

    function _registerWith(address[] memory resolvers) internal returns (bytes32) {
        vm.prank(owner);
        return registry.register(CONTENT, REF, address(multiParty), executor, PROCESS, resolvers);
    }

    // ---------------------------------------------------------------- register

    function test_Register_DerivesIntegraHashFromChainRegistrySenderContentAndNonce() public {
        bytes32 expected = _expectedHash(owner, CONTENT, 0);
        bytes32 integraHash = _register(address(ownership));
        assertEq(integraHash, expected, "integraHash derivation");
    }

    function test_Register_IncrementsTheRegistrantsNonce() public {
        assertEq(registry.nonces(owner), 0, "nonce before");
        _register(address(ownership));
        assertEq(registry.nonces(owner), 1, "nonce after one");
        bytes32 expected = _expectedHash(owner, CONTENT, 1);
        bytes32 second = _register(address(ownership));
        assertEq(registry.nonces(owner), 2, "nonce after two");
        assertEq(second, expected, "second hash uses nonce 1");
        assertEq(registry.nonces(alice), 0, "other registrants untouched");
    }

    function test_Register_SameContentTwiceGivesDifferentHashes() public {
        bytes32 first = _register(address(ownership));
        bytes32 second = _register(address(ownership));
        assertNotEq(first, second, "same content, same registrant");
        assertTrue(registry.exists(first) && registry.exists(second), "both exist");
        assertEq(registry.getRecord(first).contentHash, registry.getRecord(second).contentHash, "same content");
    }

    function test_Register_SameContentByOtherRegistrantGivesDifferentHash() public {
        bytes32 first = _register(address(ownership));
        vm.prank(alice);
        bytes32 other = registry.register(CONTENT, REF, address(ownership), address(0), PROCESS, new address[](0));
        assertNotEq(first, other, "different registrants");
        assertEq(other, _expectedHash(alice, CONTENT, 0), "alice's derivation");
        assertEq(registry.getRecord(other).owner, alice, "alice owns hers");
    }

    function test_Register_EmitsRegisteredOwnershipAndExecutorEvents() public {
        bytes32 integraHash = _expectedHash(owner, CONTENT, 0);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.RecordRegistered(integraHash, PROCESS, CONTENT, owner, address(ownership), executor, REF, block.timestamp);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.OwnershipTransferred(integraHash, PROCESS, owner, address(0), "registered", block.timestamp);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ExecutorChanged(integraHash, PROCESS, executor, address(0), block.timestamp);
        bytes32 got = _register(address(ownership));
        assertEq(got, integraHash, "hash");
    }

    function test_Register_EventTopicsAreIntegraHashProcessHashAndDeclaredField() public {
        vm.recordLogs();
        bytes32 integraHash = _register(address(ownership));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 3, "three events");
        assertEq(logs[0].topics[0], IntegraRecordV1.RecordRegistered.selector, "RecordRegistered first");
        assertEq(logs[1].topics[0], IntegraRecordV1.OwnershipTransferred.selector, "OwnershipTransferred second");
        assertEq(logs[2].topics[0], IntegraRecordV1.ExecutorChanged.selector, "ExecutorChanged third");
        for (uint256 i; i < logs.length; ++i) {
            assertEq(logs[i].topics.length, 4, "three indexed fields");
            assertEq(logs[i].topics[1], integraHash, "topic1 integraHash");
            assertEq(logs[i].topics[2], PROCESS, "topic2 processHash");
        }
        assertEq(logs[0].topics[3], CONTENT, "topic3 contentHash");
        assertEq(logs[1].topics[3], bytes32(uint256(uint160(owner))), "topic3 newOwner");
        assertEq(logs[2].topics[3], bytes32(uint256(uint160(executor))), "topic3 newExecutor");
    }

    function test_Register_WithoutExecutorEmitsNoExecutorChanged() public {
        vm.recordLogs();
        vm.prank(owner);
        registry.register(CONTENT, REF, address(ownership), address(0), PROCESS, new address[](0));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 2, "registered + ownership only");
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != IntegraRecordV1.ExecutorChanged.selector, "no ExecutorChanged");
        }
    }

    function test_Register_AttachesResolversAndCallsOnRegistered() public {
        address[] memory resolvers = _resolvers(2);
        bytes32 integraHash = _expectedHash(owner, CONTENT, 0);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ResolverAdded(integraHash, PROCESS, resolvers[0], block.timestamp);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ResolverAdded(integraHash, PROCESS, resolvers[1], block.timestamp);
        _registerWith(resolvers);

        for (uint256 i; i < 2; ++i) {
            RecordingResolver r = RecordingResolver(resolvers[i]);
            assertEq(r.registeredCalls(), 1, "onRegistered once");
            assertEq(r.lastHash(), integraHash, "hook integraHash");
            assertEq(r.lastOwner(), owner, "hook owner");
            assertEq(r.lastContent(), CONTENT, "hook contentHash");
        }
        address[] memory stored = registry.getRecord(integraHash).resolvers;
        assertEq(stored.length, 2, "two resolvers");
        assertEq(stored[0], resolvers[0], "resolver 0");
        assertEq(stored[1], resolvers[1], "resolver 1");
    }

    function test_Register_AcceptsMaxResolvers() public {
        bytes32 integraHash = _registerWith(_resolvers(registry.MAX_RESOLVERS()));
        assertEq(registry.getRecord(integraHash).resolvers.length, 4, "four resolvers");
    }

    function test_Register_CallsAllowlistOnRegistered() public {
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(allowlist);
        bytes32 integraHash = _expectedHash(owner, CONTENT, 0);
        vm.expectCall(address(allowlist), abi.encodeCall(allowlist.onRegistered, (integraHash, owner, CONTENT)));
        _registerWith(resolvers);
        assertEq(registry.getRecord(integraHash).resolvers[0], address(allowlist), "allowlist attached");
    }

    function test_RevertWhen_RegisterZeroContentHash() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.ZeroContentHash.selector));
        vm.prank(owner);
        registry.register(bytes32(0), REF, address(ownership), executor, PROCESS, new address[](0));
    }

    function test_RevertWhen_RegisterWithTooManyResolvers() public {
        address[] memory resolvers = _resolvers(5);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.TooManyResolvers.selector, 4));
        _registerWith(resolvers);
    }

    function test_RevertWhen_RegisterWithEoaResolver() public {
        address[] memory resolvers = new address[](1);
        resolvers[0] = stranger;
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.InvalidResolver.selector, stranger));
        _registerWith(resolvers);
    }

    function test_RevertWhen_RegisterWithZeroResolver() public {
        address[] memory resolvers = new address[](1);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.InvalidResolver.selector, address(0)));
        _registerWith(resolvers);
    }

    function test_RevertWhen_RegisterWithDuplicateResolver() public {
        address[] memory resolvers = _resolvers(2);
        resolvers[1] = resolvers[0];
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.ResolverAlreadyAdded.selector, resolvers[0]));
        _registerWith(resolvers);
    }

    function test_RevertWhen_ResolverRefusesRegistration() public {
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(new RefusingResolver());
        bytes32 integraHash = _expectedHash(owner, CONTENT, 0);
        vm.expectRevert(abi.encodeWithSelector(RefusingResolver.RegistrationRefused.selector, integraHash));
        _registerWith(resolvers);
    }

    // ---------------------------------------------------------------- views

    function test_GetRecord_ReturnsEveryField() public {
        vm.roll(4242);
        vm.warp(1_780_000_123);
        address[] memory resolvers = _resolvers(1);
        bytes32 integraHash = _registerWith(resolvers);
        IntegraRecordV1.RecordInfo memory info = registry.getRecord(integraHash);
        assertEq(info.owner, owner, "owner");
        assertEq(info.registeredAt, 1_780_000_123, "registeredAt");
        assertEq(info.tokenizer, address(multiParty), "tokenizer");
        assertEq(info.registeredBlock, 4242, "registeredBlock");
        assertEq(info.executor, executor, "executor");
        assertEq(info.contentHash, CONTENT, "contentHash");
        assertEq(info.processHash, PROCESS, "processHash");
        assertEq(info.resolvers.length, 1, "resolvers length");
        assertEq(info.resolvers[0], resolvers[0], "resolver");
    }

    function test_AuthorityOf_ReturnsOwnerExecutorTokenizerProcessAndEpoch() public {
        bytes32 integraHash = _register(address(ownership));
        (address o, address e, address t, bytes32 p, uint64 epoch) = registry.authorityOf(integraHash);
        assertEq(o, owner, "owner");
        assertEq(e, executor, "executor");
        assertEq(t, address(ownership), "tokenizer");
        assertEq(p, PROCESS, "processHash");
        assertEq(epoch, 0, "a new record starts at epoch 0");
        assertEq(registry.pendingOwnerOf(integraHash), address(0), "no offer");
    }

    function test_AuthorityEpochOf_FollowsAuthorityOfAndIsZeroForUnknown() public {
        bytes32 integraHash = _register(address(ownership));
        assertEq(registry.authorityEpochOf(integraHash), 0, "new record");
        vm.prank(owner);
        registry.setExecutor(integraHash, carol);
        _sell(integraHash, bob);
        assertEq(registry.authorityEpochOf(integraHash), 2, "two changes");
        assertEq(registry.authorityEpochOf(integraHash), _epoch(integraHash), "same as authorityOf");
        assertEq(registry.authorityEpochOf(UNKNOWN), 0, "unknown record reads zero, no revert");
    }

    function test_IsOwnerOrExecutor() public {
        bytes32 integraHash = _register(address(ownership));
        assertTrue(registry.isOwnerOrExecutor(integraHash, owner), "owner");
        assertTrue(registry.isOwnerOrExecutor(integraHash, executor), "executor");
        assertTrue(!registry.isOwnerOrExecutor(integraHash, stranger), "stranger");
        assertTrue(!registry.isOwnerOrExecutor(integraHash, address(0)), "zero");
        assertTrue(!registry.isOwnerOrExecutor(UNKNOWN, owner), "unknown record");
    }

    function test_IsOwnerOrExecutor_ZeroIsNeverExecutorOfRecordWithoutOne() public {
        vm.prank(owner);
        bytes32 integraHash = registry.register(CONTENT, REF, address(ownership), address(0), PROCESS, new address[](0));
        assertTrue(!registry.isOwnerOrExecutor(integraHash, address(0)), "zero account");
        assertTrue(!registry.isOwnerOrExecutor(UNKNOWN, address(0)), "zero account, unknown record");
    }

    function test_Exists() public {
        assertTrue(!registry.exists(UNKNOWN), "unknown");
        bytes32 integraHash = _register(address(ownership));
        assertTrue(registry.exists(integraHash), "registered");
    }

    function test_RevertWhen_GetRecordOfUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        registry.getRecord(UNKNOWN);
    }

    function test_RevertWhen_AuthorityOfUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        registry.authorityOf(UNKNOWN);
    }

    // ---------------------------------------------------------------- ownership offers

    function test_OfferRecordOwnership_RecordsPendingOwnerAndEmitsReason() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.OwnershipOffered(integraHash, PROCESS, bob, owner, "sale to bob", block.timestamp);
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale to bob");
        assertEq(registry.pendingOwnerOf(integraHash), bob, "pending owner");
        (address o, address e,,, uint64 epoch) = registry.authorityOf(integraHash);
        assertEq(o, owner, "nothing moves before acceptance");
        assertEq(e, executor, "executor kept while pending");
        assertEq(epoch, 0, "epoch kept while pending");
    }

    function test_OfferRecordOwnership_NewOfferReplacesPendingOne() public {
        bytes32 integraHash = _register(address(ownership));
        vm.startPrank(owner);
        registry.offerRecordOwnership(integraHash, bob, "first buyer");
        registry.offerRecordOwnership(integraHash, carol, "better offer");
        vm.stopPrank();
        assertEq(registry.pendingOwnerOf(integraHash), carol, "carol is pending");
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingOwner.selector, integraHash, bob));
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash);
    }

    function test_OfferRecordOwnership_ToTheExecutor() public {
        bytes32 integraHash = _register(address(ownership));
        _sell(integraHash, executor);
        (address o, address e,,,) = registry.authorityOf(integraHash);
        assertEq(o, executor, "the executor owns the record");
        assertEq(e, address(0), "and is no longer its executor");
    }

    function test_AcceptRecordOwnership_MovesOwnerRemovesExecutorAndBumpsEpoch() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale to bob");

        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.OwnershipTransferred(integraHash, PROCESS, bob, owner, "offer accepted", block.timestamp);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ExecutorChanged(integraHash, PROCESS, address(0), executor, block.timestamp);
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash);

        (address o, address e,,, uint64 epoch) = registry.authorityOf(integraHash);
        assertEq(o, bob, "new owner");
        assertEq(e, address(0), "executor removed");
        assertEq(epoch, 1, "epoch moved on");
        assertEq(registry.pendingOwnerOf(integraHash), address(0), "offer consumed");
        assertEq(registry.getRecord(integraHash).owner, bob, "getRecord owner");
        assertTrue(!registry.isOwnerOrExecutor(integraHash, owner), "old owner lost authority");
        assertTrue(!registry.isOwnerOrExecutor(integraHash, executor), "old executor lost authority");
        assertTrue(registry.isOwnerOrExecutor(integraHash, bob), "bob has it");
    }

    function test_AcceptRecordOwnership_EventTopicsAndOrder() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        vm.recordLogs();
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 2, "transfer + executor removal");
        assertEq(logs[0].topics[0], IntegraRecordV1.OwnershipTransferred.selector, "OwnershipTransferred first");
        assertEq(logs[1].topics[0], IntegraRecordV1.ExecutorChanged.selector, "ExecutorChanged second");
        for (uint256 i; i < logs.length; ++i) {
            assertEq(logs[i].topics[1], integraHash, "topic1 integraHash");
            assertEq(logs[i].topics[2], PROCESS, "topic2 processHash");
        }
        assertEq(logs[0].topics[3], bytes32(uint256(uint160(bob))), "topic3 newOwner");
        assertEq(logs[1].topics[3], bytes32(0), "topic3 newExecutor is none");
    }

    function test_AcceptRecordOwnership_WithoutExecutorEmitsNoExecutorChanged() public {
        vm.prank(owner);
        bytes32 integraHash = registry.register(CONTENT, REF, address(ownership), address(0), PROCESS, new address[](0));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        vm.recordLogs();
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1, "only OwnershipTransferred");
        assertEq(logs[0].topics[0], IntegraRecordV1.OwnershipTransferred.selector, "OwnershipTransferred");
        assertEq(_epoch(integraHash), 1, "epoch still moves");
    }

    function test_AcceptRecordOwnership_CallsResolverHook() public {
        address[] memory resolvers = _resolvers(1);
        bytes32 integraHash = _registerWith(resolvers);
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, carol, "estate");
        RecordingResolver r = RecordingResolver(resolvers[0]);
        assertEq(r.transferCalls(), 0, "no hook on the offer");
        vm.prank(carol);
        registry.acceptRecordOwnership(integraHash);
        assertEq(r.transferCalls(), 1, "hook called once");
        assertEq(r.lastHash(), integraHash, "hook integraHash");
        assertEq(r.lastFrom(), owner, "hook from");
        assertEq(r.lastTo(), carol, "hook to");
    }

    function test_AcceptRecordOwnership_NewOwnerAdministers() public {
        bytes32 integraHash = _register(address(ownership));
        _sell(integraHash, bob);
        vm.prank(bob);
        registry.setExecutor(integraHash, carol);
        assertEq(registry.getRecord(integraHash).executor, carol, "bob appointed carol");
        vm.prank(bob);
        registry.offerRecordOwnership(integraHash, owner, "sold back");
        assertEq(registry.pendingOwnerOf(integraHash), owner, "bob offers");
    }

    function test_CancelOwnershipOffer_ClearsAndEmits() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.OwnershipOfferCancelled(integraHash, PROCESS, bob, block.timestamp);
        vm.prank(owner);
        registry.cancelOwnershipOffer(integraHash);
        assertEq(registry.pendingOwnerOf(integraHash), address(0), "no offer");
        (address o,,,, uint64 epoch) = registry.authorityOf(integraHash);
        assertEq(o, owner, "owner kept");
        assertEq(epoch, 0, "a cancelled offer moves nothing");
    }

    function test_RevertWhen_OfferOfUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(owner);
        registry.offerRecordOwnership(UNKNOWN, bob, "x");
    }

    function test_RevertWhen_StrangerOffers() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, stranger));
        vm.prank(stranger);
        registry.offerRecordOwnership(integraHash, stranger, "mine");
    }

    function test_RevertWhen_ExecutorOffers() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, executor));
        vm.prank(executor);
        registry.offerRecordOwnership(integraHash, executor, "mine");
    }

    function test_RevertWhen_PendingOwnerOffersBeforeAccepting() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, bob));
        vm.prank(bob);
        registry.offerRecordOwnership(integraHash, carol, "resale before owning");
    }

    function test_RevertWhen_OfferToZeroAddress() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.ZeroAddress.selector));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, address(0), "burn");
    }

    function test_RevertWhen_OfferToSelf() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.SameOwner.selector, owner));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, owner, "again");
    }

    function test_RevertWhen_AcceptWithoutOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingOffer.selector, integraHash));
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash);
    }

    function test_RevertWhen_AcceptOnUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingOffer.selector, UNKNOWN));
        vm.prank(bob);
        registry.acceptRecordOwnership(UNKNOWN);
    }

    function test_RevertWhen_StrangerAcceptsOfferToAnother() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingOwner.selector, integraHash, stranger));
        vm.prank(stranger);
        registry.acceptRecordOwnership(integraHash);
    }

    function test_RevertWhen_OwnerAcceptsOwnOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingOwner.selector, integraHash, owner));
        vm.prank(owner);
        registry.acceptRecordOwnership(integraHash);
    }

    function test_RevertWhen_AcceptTwice() public {
        bytes32 integraHash = _register(address(ownership));
        _sell(integraHash, bob);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingOffer.selector, integraHash));
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash);
    }

    function test_RevertWhen_AcceptCancelledOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.startPrank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        registry.cancelOwnershipOffer(integraHash);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingOffer.selector, integraHash));
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash);
    }

    function test_RevertWhen_CancelWithoutOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingOffer.selector, integraHash));
        vm.prank(owner);
        registry.cancelOwnershipOffer(integraHash);
    }

    function test_RevertWhen_CancelOfferOfUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(owner);
        registry.cancelOwnershipOffer(UNKNOWN);
    }

    function test_RevertWhen_PendingOwnerCancelsOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, bob));
        vm.prank(bob);
        registry.cancelOwnershipOffer(integraHash);
    }

    function test_RevertWhen_ExecutorCancelsOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, executor));
        vm.prank(executor);
        registry.cancelOwnershipOffer(integraHash);
    }

    function test_RevertWhen_FormerOwnerAdministersAfterSale() public {
        bytes32 integraHash = _register(address(ownership));
        _sell(integraHash, bob);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, owner));
        vm.prank(owner);
        registry.setExecutor(integraHash, owner);
    }

    /// @dev A resolver's veto in onOwnershipTransfer reverts the acceptance; the offer then still stands and goes
    /// through once the resolver allows it.
    function test_RevertWhen_ResolverVetoesAcceptance() public {
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(new VetoingResolver());
        bytes32 integraHash = _registerWith(resolvers);
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        vm.expectRevert(abi.encodeWithSelector(VetoingResolver.Vetoed.selector, bob));
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash);

        VetoingResolver(resolvers[0]).setVeto(false);
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash);
        assertEq(registry.getRecord(integraHash).owner, bob, "accepted once allowed");
    }

    // ---------------------------------------------------------------- setExecutor

    function test_SetExecutor_ReplacesExecutorAndEmits() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ExecutorChanged(integraHash, PROCESS, carol, executor, block.timestamp);
        vm.prank(owner);
        registry.setExecutor(integraHash, carol);
        assertEq(registry.getRecord(integraHash).executor, carol, "new executor");
        assertTrue(registry.isOwnerOrExecutor(integraHash, carol), "carol authorized");
        assertTrue(!registry.isOwnerOrExecutor(integraHash, executor), "old executor revoked");
        assertEq(_epoch(integraHash), 1, "epoch moved on");
    }

    function test_SetExecutor_EveryChangeBumpsTheEpoch() public {
        bytes32 integraHash = _register(address(ownership));
        vm.startPrank(owner);
        registry.setExecutor(integraHash, address(0));
        registry.setExecutor(integraHash, executor);
        registry.setExecutor(integraHash, executor); // re-appointing the same executor still moves the epoch
        vm.stopPrank();
        assertEq(_epoch(integraHash), 3, "three changes, three epochs");
        _sell(integraHash, bob);
        assertEq(_epoch(integraHash), 4, "and the sale one more");
    }

    function test_SetExecutor_ZeroRemovesExecutor() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ExecutorChanged(integraHash, PROCESS, address(0), executor, block.timestamp);
        vm.prank(owner);
        registry.setExecutor(integraHash, address(0));
        assertEq(registry.getRecord(integraHash).executor, address(0), "no executor");
        assertTrue(!registry.isOwnerOrExecutor(integraHash, executor), "old executor revoked");
    }

    function test_RevertWhen_SetExecutorOnUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(owner);
        registry.setExecutor(UNKNOWN, carol);
    }

    function test_RevertWhen_ExecutorSetsExecutor() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, executor));
        vm.prank(executor);
        registry.setExecutor(integraHash, carol);
    }

    // ---------------------------------------------------------------- resolvers

    function test_AddResolver_AttachesAndEmits() public {
        bytes32 integraHash = _register(address(ownership));
        address resolver = _resolvers(1)[0];
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ResolverAdded(integraHash, PROCESS, resolver, block.timestamp);
        vm.prank(owner);
        registry.addResolver(integraHash, resolver);
        address[] memory stored = registry.getRecord(integraHash).resolvers;
        assertEq(stored.length, 1, "one resolver");
        assertEq(stored[0], resolver, "resolver");
    }

    function test_RemoveResolver_DetachesSwapsLastAndEmits() public {
        address[] memory resolvers = _resolvers(3);
        bytes32 integraHash = _registerWith(resolvers);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ResolverRemoved(integraHash, PROCESS, resolvers[0], block.timestamp);
        vm.prank(owner);
        registry.removeResolver(integraHash, resolvers[0]);
        address[] memory stored = registry.getRecord(integraHash).resolvers;
        assertEq(stored.length, 2, "two left");
        assertEq(stored[0], resolvers[2], "last moved into the gap");
        assertEq(stored[1], resolvers[1], "middle kept");
    }

    function test_RemoveResolver_StopsItsHooks() public {
        address[] memory resolvers = _resolvers(1);
        bytes32 integraHash = _registerWith(resolvers);
        vm.startPrank(owner);
        registry.removeResolver(integraHash, resolvers[0]);
        registry.offerRecordOwnership(integraHash, bob, "after removal");
        vm.stopPrank();
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash);
        assertEq(RecordingResolver(resolvers[0]).transferCalls(), 0, "detached hook not called");
    }

    function test_RemoveResolver_FreesASlot() public {
        address[] memory resolvers = _resolvers(4);
        bytes32 integraHash = _registerWith(resolvers);
        address fifth = _resolvers(1)[0];
        vm.startPrank(owner);
        registry.removeResolver(integraHash, resolvers[1]);
        registry.addResolver(integraHash, fifth);
        vm.stopPrank();
        assertEq(registry.getRecord(integraHash).resolvers.length, 4, "full again");
    }

    function test_RevertWhen_AddFifthResolver() public {
        bytes32 integraHash = _registerWith(_resolvers(4));
        address fifth = _resolvers(1)[0];
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.TooManyResolvers.selector, 4));
        vm.prank(owner);
        registry.addResolver(integraHash, fifth);
    }

    function test_RevertWhen_AddResolverTwice() public {
        address[] memory resolvers = _resolvers(1);
        bytes32 integraHash = _registerWith(resolvers);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.ResolverAlreadyAdded.selector, resolvers[0]));
        vm.prank(owner);
        registry.addResolver(integraHash, resolvers[0]);
    }

    function test_RevertWhen_AddEoaResolver() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.InvalidResolver.selector, alice));
        vm.prank(owner);
        registry.addResolver(integraHash, alice);
    }

    function test_RevertWhen_AddZeroResolver() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.InvalidResolver.selector, address(0)));
        vm.prank(owner);
        registry.addResolver(integraHash, address(0));
    }

    function test_RevertWhen_RemoveUnattachedResolver() public {
        address[] memory resolvers = _resolvers(2);
        address[] memory one = new address[](1);
        one[0] = resolvers[0];
        bytes32 integraHash = _registerWith(one);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.ResolverNotFound.selector, resolvers[1]));
        vm.prank(owner);
        registry.removeResolver(integraHash, resolvers[1]);
    }

    function test_RevertWhen_AddResolverOnUnknownRecord() public {
        address resolver = _resolvers(1)[0];
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(owner);
        registry.addResolver(UNKNOWN, resolver);
    }

    function test_RevertWhen_RemoveResolverOnUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(owner);
        registry.removeResolver(UNKNOWN, address(allowlist));
    }

    function test_RevertWhen_StrangerAddsResolver() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, stranger));
        vm.prank(stranger);
        registry.addResolver(integraHash, address(allowlist));
    }

    function test_RevertWhen_ExecutorRemovesResolver() public {
        address[] memory resolvers = _resolvers(1);
        bytes32 integraHash = _registerWith(resolvers);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, executor));
        vm.prank(executor);
        registry.removeResolver(integraHash, resolvers[0]);
    }

    // ---------------------------------------------------------------- registerWithParties

    function _parties(uint256 n) internal view returns (address[] memory recipients, uint256[] memory amounts) {
        recipients = new address[](n);
        amounts = new uint256[](n);
        address[3] memory who = [alice, bob, carol];
        for (uint256 i; i < n; ++i) {
            recipients[i] = who[i % 3];
            amounts[i] = 1;
        }
    }

    function test_RegisterWithParties_EmitsRecordEventsThenReservationsThenSeal() public {
        (address[] memory recipients, uint256[] memory amounts) = _parties(2);
        bytes32 integraHash = _expectedHash(owner, CONTENT, 0);
        vm.recordLogs();
        vm.prank(owner);
        bytes32 got = registry.registerWithParties(
            CONTENT, REF, address(multiParty), executor, PROCESS, new address[](0), _parties(recipients, amounts));
        assertEq(got, integraHash, "same derivation as register");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 6, "registered, ownership, executor, two reservations, seal");
        assertEq(logs[0].topics[0], IntegraRecordV1.RecordRegistered.selector, "RecordRegistered");
        assertEq(logs[1].topics[0], IntegraRecordV1.OwnershipTransferred.selector, "OwnershipTransferred");
        assertEq(logs[2].topics[0], IntegraRecordV1.ExecutorChanged.selector, "ExecutorChanged");
        assertEq(logs[3].topics[0], IntegraTokenizerBase.TokenReserved.selector, "TokenReserved 1");
        assertEq(logs[4].topics[0], IntegraTokenizerBase.TokenReserved.selector, "TokenReserved 2");
        assertEq(logs[5].topics[0], IntegraTokenizerBase.PartiesSealed.selector, "PartiesSealed");
        for (uint256 i; i < logs.length; ++i) {
            assertEq(logs[i].topics[1], integraHash, "topic1 integraHash");
            assertEq(logs[i].topics[2], PROCESS, "topic2 processHash");
        }
        IntegraRecordV1.RecordInfo memory info = registry.getRecord(integraHash);
        assertEq(info.owner, owner, "owner");
        assertEq(info.tokenizer, address(multiParty), "tokenizer");
        assertEq(info.executor, executor, "executor");
        assertEq(registry.nonces(owner), 1, "nonce");
    }

    function test_RegisterWithParties_RunsResolverHooksAfterTheSeal() public {
        PartySetReadingResolver reader = new PartySetReadingResolver();
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(reader);
        (address[] memory recipients, uint256[] memory amounts) = _parties(3);
        vm.prank(owner);
        registry.registerWithParties(CONTENT, REF, address(multiParty), executor, PROCESS, resolvers, _parties(recipients, amounts));
        assertTrue(reader.sawSealed(), "hook saw the sealed set");
        assertEq(reader.sawParties(), 3, "of three");
    }

    function test_RevertWhen_RegisterWithPartiesWithoutTokenizer() public {
        (address[] memory recipients, uint256[] memory amounts) = _parties(1);
        bytes32 integraHash = _expectedHash(owner, CONTENT, 0);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoTokenizer.selector, integraHash));
        vm.prank(owner);
        registry.registerWithParties(CONTENT, REF, address(0), executor, PROCESS, new address[](0), _parties(recipients, amounts));
    }

    function test_RevertWhen_RegisterWithPartiesZeroContentHash() public {
        (address[] memory recipients, uint256[] memory amounts) = _parties(1);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.ZeroContentHash.selector));
        vm.prank(owner);
        registry.registerWithParties(
            bytes32(0), REF, address(multiParty), executor, PROCESS, new address[](0), _parties(recipients, amounts));
    }

    function test_RevertWhen_RegisterWithPartiesTooManyResolvers() public {
        (address[] memory recipients, uint256[] memory amounts) = _parties(1);
        address[] memory resolvers = _resolvers(5);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.TooManyResolvers.selector, 4));
        vm.prank(owner);
        registry.registerWithParties(CONTENT, REF, address(multiParty), executor, PROCESS, resolvers, _parties(recipients, amounts));
    }

    function test_RevertWhen_RegisterWithPartiesEoaResolver() public {
        (address[] memory recipients, uint256[] memory amounts) = _parties(1);
        address[] memory resolvers = new address[](1);
        resolvers[0] = stranger;
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.InvalidResolver.selector, stranger));
        vm.prank(owner);
        registry.registerWithParties(CONTENT, REF, address(multiParty), executor, PROCESS, resolvers, _parties(recipients, amounts));
    }

    function test_RevertWhen_RegisterWithPartiesDuplicateResolver() public {
        (address[] memory recipients, uint256[] memory amounts) = _parties(1);
        address[] memory resolvers = _resolvers(2);
        resolvers[1] = resolvers[0];
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.ResolverAlreadyAdded.selector, resolvers[0]));
        vm.prank(owner);
        registry.registerWithParties(CONTENT, REF, address(multiParty), executor, PROCESS, resolvers, _parties(recipients, amounts));
    }

    function test_RevertWhen_ResolverRefusesRegisterWithParties() public {
        (address[] memory recipients, uint256[] memory amounts) = _parties(2);
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(new RefusingResolver());
        bytes32 integraHash = _expectedHash(owner, CONTENT, 0);
        vm.expectRevert(abi.encodeWithSelector(RefusingResolver.RegistrationRefused.selector, integraHash));
        vm.prank(owner);
        registry.registerWithParties(CONTENT, REF, address(multiParty), executor, PROCESS, resolvers, _parties(recipients, amounts));
    }

    /// @dev A tokenizer address without code cannot take the parties: the call reverts (no reason).
    function test_RevertWhen_RegisterWithPartiesOnEoaTokenizer() public {
        (address[] memory recipients, uint256[] memory amounts) = _parties(1);
        vm.expectRevert();
        vm.prank(owner);
        registry.registerWithParties(CONTENT, REF, stranger, executor, PROCESS, new address[](0), _parties(recipients, amounts));
    }

    function test_RegisterWithParties_CallsAllowlistOnRegistered() public {
        (address[] memory recipients, uint256[] memory amounts) = _parties(1);
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(allowlist);
        bytes32 integraHash = _expectedHash(owner, CONTENT, 0);
        vm.expectCall(address(allowlist), abi.encodeCall(allowlist.onRegistered, (integraHash, owner, CONTENT)));
        vm.prank(owner);
        registry.registerWithParties(CONTENT, REF, address(multiParty), executor, PROCESS, resolvers, _parties(recipients, amounts));
        assertEq(registry.getRecord(integraHash).resolvers[0], address(allowlist), "allowlist attached");
    }
}
