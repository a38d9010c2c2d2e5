// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraFixture} from "./utils/IntegraFixture.sol";
import {Vm} from "./utils/Vm.sol";
import {IntegraRecordV1} from "../src/IntegraRecordV1.sol";
import {IIntegraRecord} from "../src/interfaces/IIntegraRecord.sol";
import {IIntegraResolver} from "../src/interfaces/IIntegraResolver.sol";
import {IIntegraTokenizer} from "../src/interfaces/IIntegraTokenizer.sol";
import {Capabilities} from "../src/Capabilities.sol";
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

/// @dev Tokenizers whose `changesOf` cannot be read: one that reverts, one that answers too short, one that answers
/// the largest number (the version wraps rather than reverts). None of them can make an accept unreadable.
contract RevertingChangesTokenizer {
    function changesOf(bytes32) external pure returns (uint256) {
        revert("no");
    }
}

contract ShortChangesTokenizer {
    fallback() external {
        assembly {
            mstore(0, 0x0700000000000000000000000000000000000000000000000000000000000000)
            return(0, 1)
        }
    }
}

contract HugeChangesTokenizer {
    function changesOf(bytes32) external pure returns (uint256) {
        return type(uint256).max;
    }
}

/// @dev A tokenizer whose `changesOf` burns every unit of gas it is given (a registrant may name any tokenizer).
contract GasBurnerTokenizer is IIntegraTokenizer {
    function isHolder(bytes32, uint256, address) external pure returns (bool) {
        return false;
    }

    function isParty(bytes32, uint256, address) external pure returns (bool) {
        return false;
    }

    function changesOf(bytes32) external view returns (uint256 x) {
        while (gasleft() > 0) {
            x = uint256(keccak256(abi.encode(x)));
        }
    }

    function reserveParties(bytes32, IIntegraTokenizer.Party[] calldata, address) external {}
}

/// @dev A seller's resolver that, during the buyer's accept (after the version check), tries every way it has to
/// change the record. Each attempt is caught, so the accept itself goes through; the test reads what succeeded.
contract ReentrantResolver is IIntegraResolver {
    IntegraRecordV1 internal immutable registry;
    MultiPartyTokenizerV1 internal immutable tokenizer;
    bytes32 internal immutable process;
    uint256 public successes;
    uint256 public attempts;

    constructor(IntegraRecordV1 registry_, MultiPartyTokenizerV1 tokenizer_, bytes32 process_) {
        registry = registry_;
        tokenizer = tokenizer_;
        process = process_;
    }

    function onRegistered(bytes32, address, bytes32) external {}

    function onOwnershipTransfer(bytes32 integraHash, address, address) external {
        _try(address(registry), abi.encodeCall(IntegraRecordV1.acceptExecutorRole, (integraHash)));
        _try(address(registry), abi.encodeCall(IntegraRecordV1.offerExecutor, (integraHash, address(this))));
        _try(address(registry), abi.encodeCall(IntegraRecordV1.addResolver, (integraHash, address(this))));
        bytes[] memory batch = new bytes[](1);
        batch[0] = abi.encodeCall(IntegraRecordV1.acceptExecutorRole, (integraHash));
        _try(address(registry), abi.encodeCall(registry.multicall, (batch)));
        _try(address(tokenizer), abi.encodeCall(tokenizer.reserveToken, (integraHash, 9, address(this), 1, process, "")));
        _try(address(tokenizer), abi.encodeCall(tokenizer.cancelReservation, (integraHash, 1)));
    }

    function _try(address target, bytes memory data) internal {
        attempts++;
        (bool ok,) = target.call(data);
        if (ok) successes++;
    }
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
        bytes32 other = registry.register(CONTENT, REF, address(ownership), address(0), bytes32(0), new address[](0));
        assertNotEq(first, other, "different registrants");
        assertEq(other, _expectedHash(alice, CONTENT, 0), "alice's derivation");
        assertEq(registry.getRecord(other).owner, alice, "alice owns hers");
    }

    /// @dev The executor named at registration is only offered the role: RecordRegistered names no executor, and
    /// ExecutorOffered names the candidate.
    function test_Register_EmitsRegisteredOwnershipAndExecutorOffered() public {
        bytes32 integraHash = _expectedHash(owner, CONTENT, 0);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.RecordRegistered(integraHash, PROCESS, CONTENT, owner, address(ownership), address(0), REF, block.timestamp);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.OwnershipTransferred(integraHash, PROCESS, owner, address(0), "registered", block.timestamp);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ExecutorOffered(integraHash, PROCESS, executor, block.timestamp);
        vm.prank(owner);
        bytes32 got = registry.register(CONTENT, REF, address(ownership), executor, PROCESS, new address[](0));
        assertEq(got, integraHash, "hash");
    }

    function test_Register_EventTopicsAreIntegraHashProcessHashAndDeclaredField() public {
        vm.recordLogs();
        vm.prank(owner);
        bytes32 integraHash = registry.register(CONTENT, REF, address(ownership), executor, PROCESS, new address[](0));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 3, "three events");
        assertEq(logs[0].topics[0], IntegraRecordV1.RecordRegistered.selector, "RecordRegistered first");
        assertEq(logs[1].topics[0], IntegraRecordV1.OwnershipTransferred.selector, "OwnershipTransferred second");
        assertEq(logs[2].topics[0], IntegraRecordV1.ExecutorOffered.selector, "ExecutorOffered third");
        for (uint256 i; i < logs.length; ++i) {
            assertEq(logs[i].topics.length, 4, "three indexed fields");
            assertEq(logs[i].topics[1], integraHash, "topic1 integraHash");
            assertEq(logs[i].topics[2], PROCESS, "topic2 processHash");
        }
        assertEq(logs[0].topics[3], CONTENT, "topic3 contentHash");
        assertEq(logs[1].topics[3], bytes32(uint256(uint160(owner))), "topic3 newOwner");
        assertEq(logs[2].topics[3], bytes32(uint256(uint160(executor))), "topic3 candidate");
    }

    function test_Register_WithoutExecutorOffersNone() public {
        vm.recordLogs();
        vm.prank(owner);
        registry.register(CONTENT, REF, address(ownership), address(0), PROCESS, new address[](0));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 2, "registered + ownership only");
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != IntegraRecordV1.ExecutorChanged.selector, "no ExecutorChanged");
            assertTrue(logs[i].topics[0] != IntegraRecordV1.ExecutorOffered.selector, "no ExecutorOffered");
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
        assertEq(info.executor, address(0), "the executor is only offered");
        assertEq(registry.pendingExecutorOf(integraHash), executor, "pending executor");
        assertEq(info.contentHash, CONTENT, "contentHash");
        assertEq(info.processHash, PROCESS, "processHash");
        assertEq(info.resolvers.length, 1, "resolvers length");
        assertEq(info.resolvers[0], resolvers[0], "resolver");
        _acceptExecutorRole(integraHash, executor);
        assertEq(registry.getRecord(integraHash).executor, executor, "executor once accepted");
    }

    function test_AuthorityOf_ReturnsOwnerExecutorTokenizerProcessAndEpoch() public {
        bytes32 integraHash = _register(address(ownership));
        (address o, address e, address t, bytes32 p, uint64 epoch) = registry.authorityOf(integraHash);
        assertEq(o, owner, "owner");
        assertEq(e, executor, "executor");
        assertEq(t, address(ownership), "tokenizer");
        assertEq(p, PROCESS, "processHash");
        assertEq(epoch, 1, "a new record starts at epoch 0; the executor's acceptance moved it to 1");
        assertEq(registry.pendingOwnerOf(integraHash), address(0), "no offer");
    }

    function test_AuthorityEpochOf_FollowsAuthorityOfAndIsZeroForUnknown() public {
        bytes32 integraHash = _register(address(ownership));
        assertEq(registry.authorityEpochOf(integraHash), 1, "new record, executor accepted");
        _appointExecutor(integraHash, carol);
        _sell(integraHash, bob);
        assertEq(registry.authorityEpochOf(integraHash), 3, "two changes more");
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
        assertEq(epoch, 1, "epoch kept while pending");
    }

    function test_OfferRecordOwnership_NewOfferReplacesPendingOne() public {
        bytes32 integraHash = _register(address(ownership));
        vm.startPrank(owner);
        registry.offerRecordOwnership(integraHash, bob, "first buyer");
        registry.offerRecordOwnership(integraHash, carol, "better offer");
        vm.stopPrank();
        assertEq(registry.pendingOwnerOf(integraHash), carol, "carol is pending");
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingOwner.selector, integraHash, bob));
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);
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

        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.OwnershipTransferred(integraHash, PROCESS, bob, owner, "offer accepted", block.timestamp);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ExecutorChanged(integraHash, PROCESS, address(0), executor, block.timestamp);
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);

        (address o, address e,,, uint64 epoch) = registry.authorityOf(integraHash);
        assertEq(o, bob, "new owner");
        assertEq(e, address(0), "executor removed");
        assertEq(epoch, 2, "epoch moved on");
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
        uint256 version = registry.recordVersionOf(integraHash);
        vm.recordLogs();
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);
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
        uint256 version = registry.recordVersionOf(integraHash);
        vm.recordLogs();
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1, "only OwnershipTransferred");
        assertEq(logs[0].topics[0], IntegraRecordV1.OwnershipTransferred.selector, "OwnershipTransferred");
        assertEq(_epoch(integraHash), 1, "epoch still moves (from 0: no executor ever accepted)");
    }

    function test_AcceptRecordOwnership_CallsResolverHook() public {
        address[] memory resolvers = _resolvers(1);
        bytes32 integraHash = _registerWith(resolvers);
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, carol, "estate");
        RecordingResolver r = RecordingResolver(resolvers[0]);
        assertEq(r.transferCalls(), 0, "no hook on the offer");
        uint256 version = registry.recordVersionOf(integraHash);
        vm.prank(carol);
        registry.acceptRecordOwnership(integraHash, version);
        assertEq(r.transferCalls(), 1, "hook called once");
        assertEq(r.lastHash(), integraHash, "hook integraHash");
        assertEq(r.lastFrom(), owner, "hook from");
        assertEq(r.lastTo(), carol, "hook to");
    }

    function test_AcceptRecordOwnership_NewOwnerAdministers() public {
        bytes32 integraHash = _register(address(ownership));
        _sell(integraHash, bob);
        vm.prank(bob);
        registry.offerExecutor(integraHash, carol);
        _acceptExecutorRole(integraHash, carol);
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
        assertEq(epoch, 1, "a cancelled offer moves nothing");
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
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingOffer.selector, integraHash));
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);
    }

    function test_RevertWhen_AcceptOnUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingOffer.selector, UNKNOWN));
        vm.prank(bob);
        registry.acceptRecordOwnership(UNKNOWN, 0);
    }

    function test_RevertWhen_StrangerAcceptsOfferToAnother() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingOwner.selector, integraHash, stranger));
        vm.prank(stranger);
        registry.acceptRecordOwnership(integraHash, version);
    }

    function test_RevertWhen_OwnerAcceptsOwnOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingOwner.selector, integraHash, owner));
        vm.prank(owner);
        registry.acceptRecordOwnership(integraHash, version);
    }

    function test_RevertWhen_AcceptTwice() public {
        bytes32 integraHash = _register(address(ownership));
        _sell(integraHash, bob);
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingOffer.selector, integraHash));
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);
    }

    /// @dev An offer can be withdrawn until it is accepted, and a withdrawn offer cannot be accepted.
    function test_RevertWhen_AcceptCancelledOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.startPrank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        registry.cancelOwnershipOffer(integraHash);
        vm.stopPrank();
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingOffer.selector, integraHash));
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);
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

    /// @dev A resolver's veto in onOwnershipTransfer reverts the acceptance; the offer then still stands and goes
    /// through once the resolver allows it.
    function test_RevertWhen_ResolverVetoesAcceptance() public {
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(new VetoingResolver());
        bytes32 integraHash = _registerWith(resolvers);
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectRevert(abi.encodeWithSelector(VetoingResolver.Vetoed.selector, bob));
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);

        VetoingResolver(resolvers[0]).setVeto(false);
        version = registry.recordVersionOf(integraHash);
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);
        assertEq(registry.getRecord(integraHash).owner, bob, "accepted once allowed");
    }

    // ---------------------------------------------------------------- executor: offer and accept

    /// @dev A registrant naming a stranger's address as executor gives it nothing: no authority, no ExecutorChanged,
    /// and nobody but that address can accept for it (not the registrant, not anyone else).
    function test_Register_NamedExecutorHasNoAuthorityUntilItAccepts() public {
        vm.recordLogs();
        vm.prank(owner);
        bytes32 integraHash = registry.register(CONTENT, REF, address(multiParty), stranger, PROCESS, new address[](0));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != IntegraRecordV1.ExecutorChanged.selector, "no ExecutorChanged");
            if (logs[i].topics[0] == IntegraRecordV1.RecordRegistered.selector) {
                (, , address namedExecutor,,) = abi.decode(logs[i].data, (address, address, address, bytes, uint256));
                assertEq(namedExecutor, address(0), "RecordRegistered names no executor");
            }
        }
        (address o, address e,,, uint64 epoch) = registry.authorityOf(integraHash);
        assertEq(o, owner, "owner");
        assertEq(e, address(0), "no executor");
        assertEq(epoch, 0, "no authority change");
        assertEq(registry.pendingExecutorOf(integraHash), stranger, "only offered");
        assertTrue(!registry.isOwnerOrExecutor(integraHash, stranger), "the candidate has no authority");
        assertEq(registry.getRecord(integraHash).executor, address(0), "getRecord: no executor");

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, stranger));
        vm.prank(stranger);
        multiParty.reserveToken(integraHash, 1, stranger, 1, PROCESS, "");

        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingExecutor.selector, integraHash, owner));
        vm.prank(owner);
        registry.acceptExecutorRole(integraHash);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingExecutor.selector, integraHash, executor));
        vm.prank(executor);
        registry.acceptExecutorRole(integraHash);
    }

    function test_OfferExecutor_RecordsPendingAndEmits() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ExecutorOffered(integraHash, PROCESS, carol, block.timestamp);
        vm.prank(owner);
        registry.offerExecutor(integraHash, carol);
        assertEq(registry.pendingExecutorOf(integraHash), carol, "carol pending");
        (, address e,,, uint64 epoch) = registry.authorityOf(integraHash);
        assertEq(e, executor, "the executor keeps its role until carol accepts");
        assertEq(epoch, 1, "an offer moves nothing");
        assertTrue(!registry.isOwnerOrExecutor(integraHash, carol), "carol has no authority yet");
    }

    function test_AcceptExecutorRole_MakesTheCandidateExecutorAndEmits() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerExecutor(integraHash, carol);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ExecutorChanged(integraHash, PROCESS, carol, executor, block.timestamp);
        vm.prank(carol);
        registry.acceptExecutorRole(integraHash);
        assertEq(registry.getRecord(integraHash).executor, carol, "new executor");
        assertTrue(registry.isOwnerOrExecutor(integraHash, carol), "carol authorized");
        assertTrue(!registry.isOwnerOrExecutor(integraHash, executor), "old executor revoked");
        assertEq(registry.pendingExecutorOf(integraHash), address(0), "offer consumed");
        assertEq(_epoch(integraHash), 2, "epoch moved on");
    }

    function test_AcceptExecutorRole_AtRegistration() public {
        vm.prank(owner);
        bytes32 integraHash = registry.register(CONTENT, REF, address(ownership), executor, PROCESS, new address[](0));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ExecutorChanged(integraHash, PROCESS, executor, address(0), block.timestamp);
        _acceptExecutorRole(integraHash, executor);
        (, address e,,, uint64 epoch) = registry.authorityOf(integraHash);
        assertEq(e, executor, "executor");
        assertEq(epoch, 1, "authority starts here");
        assertEq(registry.pendingExecutorOf(integraHash), address(0), "offer consumed");
    }

    function test_OfferExecutor_NewOfferReplacesPendingOne() public {
        bytes32 integraHash = _register(address(ownership));
        vm.startPrank(owner);
        registry.offerExecutor(integraHash, carol);
        registry.offerExecutor(integraHash, bob);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingExecutor.selector, integraHash, carol));
        vm.prank(carol);
        registry.acceptExecutorRole(integraHash);
        _acceptExecutorRole(integraHash, bob);
        assertEq(registry.getRecord(integraHash).executor, bob, "bob accepted");
    }

    function test_OfferExecutor_ZeroWithdrawsTheOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerExecutor(integraHash, carol);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ExecutorOffered(integraHash, PROCESS, address(0), block.timestamp);
        vm.prank(owner);
        registry.offerExecutor(integraHash, address(0));
        assertEq(registry.pendingExecutorOf(integraHash), address(0), "withdrawn");
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingExecutor.selector, integraHash));
        vm.prank(carol);
        registry.acceptExecutorRole(integraHash);
        assertEq(registry.getRecord(integraHash).executor, executor, "the executor unchanged");
    }

    function test_RevertWhen_WithdrawingNoExecutorOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingExecutor.selector, integraHash));
        vm.prank(owner);
        registry.offerExecutor(integraHash, address(0));
    }

    function test_RevertWhen_OfferExecutorOnUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(owner);
        registry.offerExecutor(UNKNOWN, carol);
    }

    function test_RevertWhen_ExecutorOffersExecutor() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, executor));
        vm.prank(executor);
        registry.offerExecutor(integraHash, carol);
    }

    function test_RevertWhen_StrangerOffersItselfExecutor() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, stranger));
        vm.prank(stranger);
        registry.offerExecutor(integraHash, stranger);
    }

    function test_RevertWhen_AcceptExecutorRoleWithoutOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingExecutor.selector, integraHash));
        vm.prank(executor);
        registry.acceptExecutorRole(integraHash); // already accepted at registration: nothing pending
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingExecutor.selector, UNKNOWN));
        vm.prank(stranger);
        registry.acceptExecutorRole(UNKNOWN);
    }

    function test_RevertWhen_StrangerAcceptsAnExecutorOfferToAnother() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerExecutor(integraHash, carol);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingExecutor.selector, integraHash, stranger));
        vm.prank(stranger);
        registry.acceptExecutorRole(integraHash);
    }

    function test_RemoveExecutor_ClearsAndEmits() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ExecutorChanged(integraHash, PROCESS, address(0), executor, block.timestamp);
        _removeExecutor(integraHash);
        assertEq(registry.getRecord(integraHash).executor, address(0), "no executor");
        assertTrue(!registry.isOwnerOrExecutor(integraHash, executor), "old executor revoked");
        assertEq(_epoch(integraHash), 2, "epoch moved on");
    }

    /// @dev Removing the executor leaves a pending offer to someone else standing (withdraw it with offerExecutor 0).
    function test_RemoveExecutor_LeavesAPendingOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerExecutor(integraHash, carol);
        _removeExecutor(integraHash);
        assertEq(registry.pendingExecutorOf(integraHash), carol, "carol still pending");
    }

    function test_RevertWhen_RemoveExecutorWithoutOne() public {
        vm.prank(owner);
        bytes32 integraHash = registry.register(CONTENT, REF, address(ownership), executor, PROCESS, new address[](0));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoExecutor.selector, integraHash));
        vm.prank(owner);
        registry.removeExecutor(integraHash); // offered, not accepted: there is no executor to remove
    }

    function test_RevertWhen_ExecutorRemovesItself() public {
        bytes32 integraHash = _register(address(ownership));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, executor));
        vm.prank(executor);
        registry.removeExecutor(integraHash);
    }

    function test_RevertWhen_RemoveExecutorOnUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(owner);
        registry.removeExecutor(UNKNOWN);
    }

    function test_ExecutorChanges_EveryAcceptanceAndRemovalBumpsTheEpoch() public {
        bytes32 integraHash = _register(address(ownership)); // epoch 1: the executor accepted
        _removeExecutor(integraHash);
        _appointExecutor(integraHash, executor);
        _appointExecutor(integraHash, executor); // re-appointing the same executor still moves the epoch
        assertEq(_epoch(integraHash), 4, "four changes, four epochs");
        _sell(integraHash, bob);
        assertEq(_epoch(integraHash), 5, "and the sale one more");
    }

    /// @dev A transfer withdraws a pending executor offer: the seller's candidate cannot accept on the buyer's record.
    function test_AcceptRecordOwnership_WithdrawsAPendingExecutorOffer() public {
        bytes32 integraHash = _register(address(ownership));
        vm.startPrank(owner);
        registry.offerExecutor(integraHash, carol);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        vm.stopPrank();
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.ExecutorOffered(integraHash, PROCESS, address(0), block.timestamp);
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);
        assertEq(registry.pendingExecutorOf(integraHash), address(0), "offer withdrawn");
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NoPendingExecutor.selector, integraHash));
        vm.prank(carol);
        registry.acceptExecutorRole(integraHash);
        assertTrue(!registry.isOwnerOrExecutor(integraHash, carol), "carol has nothing");
    }

    function test_RevertWhen_FormerOwnerOffersExecutorAfterSale() public {
        bytes32 integraHash = _register(address(ownership));
        _sell(integraHash, bob);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, integraHash, owner));
        vm.prank(owner);
        registry.offerExecutor(integraHash, owner);
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
        uint256 version = registry.recordVersionOf(integraHash);
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);
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
        assertEq(logs.length, 6, "registered, ownership, executor offered, two reservations, seal");
        assertEq(logs[0].topics[0], IntegraRecordV1.RecordRegistered.selector, "RecordRegistered");
        assertEq(logs[1].topics[0], IntegraRecordV1.OwnershipTransferred.selector, "OwnershipTransferred");
        assertEq(logs[2].topics[0], IntegraRecordV1.ExecutorOffered.selector, "ExecutorOffered");
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
        assertEq(info.executor, address(0), "the executor is only offered");
        assertEq(registry.pendingExecutorOf(integraHash), executor, "pending executor");
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

    // ---------------------------------------------------------------- transfers take effect at the accept

    /// @dev An offer gives the buyer nothing: a typo in the buyer's address cannot send a record away, and bob has no
    /// power until he accepts.
    function test_OfferRecordOwnership_GivesNoPowerBeforeAcceptance() public {
        bytes32 h = _register(address(multiParty));
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale to bob");
        (address o, address e,,, uint64 epoch) = registry.authorityOf(h);
        assertEq(o, owner, "owner until acceptance");
        assertEq(e, executor, "executor until acceptance");
        assertEq(epoch, 1, "epoch until acceptance");
        assertTrue(!registry.isOwnerOrExecutor(h, bob), "bob has no authority yet");

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, h, bob));
        vm.prank(bob);
        multiParty.reserveToken(h, 1, alice, 1, PROCESS, "");

        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotRecordOwner.selector, h, bob));
        vm.prank(bob);
        registry.offerExecutor(h, bob);

        // The seller still administers while the offer is pending; the reservation is part of what bob accepts.
        vm.prank(owner);
        multiParty.reserveToken(h, 1, alice, 1, PROCESS, "");
        _acceptOffer(h, bob);
        assertEq(registry.getRecord(h).owner, bob, "owner once accepted");
    }

    /// @dev The hook runs after the registry wrote the new authority: a hook reading authorityOf sees the new owner,
    /// no executor (the seller's is gone), the new epoch and no pending offer.
    function test_AcceptRecordOwnership_HookSeesTheNewAuthorityAlreadyWritten() public {
        AuthorityReadingResolver reader = new AuthorityReadingResolver(registry);
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(reader);
        vm.prank(owner);
        bytes32 h = registry.register(CONTENT, hex"", address(multiParty), executor, PROCESS, resolvers);
        _acceptExecutorRole(h, executor);
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale");
        _acceptOffer(h, bob);

        assertEq(reader.calls(), 1, "hook ran once");
        assertEq(reader.seenTo(), bob, "to");
        assertEq(reader.seenOwner(), bob, "new owner already written");
        assertEq(reader.seenExecutor(), address(0), "executor already removed");
        assertEq(reader.seenEpoch(), 2, "epoch already moved");
        assertEq(reader.seenPending(), address(0), "offer already consumed");
    }

    // ---------------------------------------------------------------- accepting states what is accepted

    /// @dev The registry's own changes a buyer could care about move the version; offers and views do not.
    function test_RecordVersionOf_CountsTheRegistrysChanges() public {
        vm.prank(owner);
        bytes32 h = registry.register(CONTENT, REF, address(multiParty), address(0), PROCESS, new address[](0));
        assertEq(registry.recordVersionOf(h), 0, "a new record");
        address resolver = _resolvers(1)[0];
        vm.prank(owner);
        registry.addResolver(h, resolver);
        assertEq(registry.recordVersionOf(h), 1, "resolver added");
        vm.prank(owner);
        registry.removeResolver(h, resolver);
        assertEq(registry.recordVersionOf(h), 2, "resolver removed");
        vm.prank(owner);
        registry.offerExecutor(h, carol);
        assertEq(registry.recordVersionOf(h), 2, "an executor offer is no change");
        _acceptExecutorRole(h, carol);
        assertEq(registry.recordVersionOf(h), 3, "executor accepted");
        _removeExecutor(h);
        assertEq(registry.recordVersionOf(h), 4, "executor removed");
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale");
        assertEq(registry.recordVersionOf(h), 4, "an ownership offer is no change");
        _acceptOffer(h, bob);
        assertEq(registry.recordVersionOf(h), 5, "ownership accepted");
    }

    /// @dev The tokenizer's changes are added: three reservations and the seal, and the executor's acceptance.
    function test_RecordVersionOf_AddsTheTokenizersChanges() public {
        bytes32 h = _threePartyRecord();
        assertEq(multiParty.changesOf(h), 4, "three reservations and the seal");
        assertEq(registry.recordVersionOf(h), 5, "and the executor's acceptance");
    }

    /// @dev No tokenizer, a tokenizer without code, one whose changesOf reverts or answers short: they count 0. One
    /// that answers the largest number wraps the sum rather than revert: no tokenizer makes a record unsellable.
    function test_RecordVersionOf_UnreadableTokenizerChangesCountZero() public {
        address[5] memory tokenizers = [
            address(0),
            stranger,
            address(new RevertingChangesTokenizer()),
            address(new ShortChangesTokenizer()),
            address(new HugeChangesTokenizer())
        ];
        for (uint256 i; i < tokenizers.length; ++i) {
            vm.prank(owner);
            bytes32 h = registry.register(CONTENT, REF, tokenizers[i], address(0), PROCESS, new address[](0));
            uint256 expected = i == 4 ? type(uint256).max : 0;
            assertEq(registry.recordVersionOf(h), expected, "tokenizer changes read");
            address resolver = _resolvers(1)[0];
            vm.prank(owner);
            registry.addResolver(h, resolver);
            unchecked {
                expected += 1;
            }
            assertEq(registry.recordVersionOf(h), expected, "plus the registry's change");
            vm.prank(owner);
            registry.offerRecordOwnership(h, bob, "sale");
            _acceptOffer(h, bob);
            assertEq(registry.getRecord(h).owner, bob, "sold");
        }
    }

    function test_RevertWhen_RecordVersionOfUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        registry.recordVersionOf(UNKNOWN);
    }

    /// @dev The version is checked after the offer: someone else still gets NotPendingOwner, whatever they name.
    function test_RevertWhen_StrangerAcceptsNamingTheRightVersion() public {
        bytes32 h = _register(address(multiParty));
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale");
        uint256 version = registry.recordVersionOf(h);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingOwner.selector, h, stranger));
        vm.prank(stranger);
        registry.acceptRecordOwnership(h, version);
    }

    /// @dev An accept naming a version the record never had is refused, and the offer stands.
    function test_RevertWhen_AcceptNamesAnotherVersion() public {
        bytes32 h = _register(address(multiParty));
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale");
        uint256 version = registry.recordVersionOf(h);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraRecordV1.RecordChangedSinceOffer.selector, h, version + 1, version)
        );
        vm.prank(bob);
        registry.acceptRecordOwnership(h, version + 1);
        _acceptOffer(h, bob);
    }

    /// @dev The front-run attack: the buyer saw the record at the offer; before its accept lands, the seller's
    /// executor reserves a token for an accomplice. The accept naming the version seen at the offer reverts, the
    /// offer stands, and the buyer, having looked again, may accept the record as it now is.
    function test_RevertWhen_SellersExecutorReservesBetweenOfferAndAccept() public {
        bytes32 h = _register(address(multiParty));
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale");
        uint256 seen = registry.recordVersionOf(h);

        vm.prank(executor);
        multiParty.reserveToken(h, 1, stranger, 1, PROCESS, "Seller");

        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordChangedSinceOffer.selector, h, seen, seen + 1));
        vm.prank(bob);
        registry.acceptRecordOwnership(h, seen);
        assertEq(registry.getRecord(h).owner, owner, "nothing moved");
        assertEq(registry.pendingOwnerOf(h), bob, "the offer stands");

        _acceptOffer(h, bob); // bob looked again, and takes the record as it is now
        assertEq(registry.getRecord(h).owner, bob, "bob accepted the new version");
    }

    /// @dev The same attack by attesting and claiming: the seller's executor attests CLAIM to a party, who claims
    /// between the offer and the accept. The attestation alone changes nothing a buyer keeps (a transfer kills every
    /// attestation issued before it); the claim does, and the accept naming the old version reverts.
    function test_RevertWhen_SellersExecutorAttestsAndAPartyClaimsBetweenOfferAndAccept() public {
        bytes32 h = _threePartyRecord();
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale");
        uint256 seen = registry.recordVersionOf(h);

        bytes32 uid = _attest(executor, alice, h, 1, Capabilities.CLAIM, 0);
        assertEq(registry.recordVersionOf(h), seen, "an attestation alone: no change");
        vm.prank(alice);
        multiParty.claimToken(h, 1, uid, PROCESS);

        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordChangedSinceOffer.selector, h, seen, seen + 1));
        vm.prank(bob);
        registry.acceptRecordOwnership(h, seen);
    }

    /// @dev Cancelling a party's reservation and sealing in between are changes too.
    function test_RevertWhen_SellerCancelsOrSealsBetweenOfferAndAccept() public {
        bytes32 h = _register(address(multiParty));
        vm.prank(owner);
        multiParty.reserveToken(h, 1, alice, 1, PROCESS, "");
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale");
        uint256 seen = registry.recordVersionOf(h);
        vm.prank(executor);
        multiParty.sealParties(h);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordChangedSinceOffer.selector, h, seen, seen + 1));
        vm.prank(bob);
        registry.acceptRecordOwnership(h, seen);

        seen = registry.recordVersionOf(h);
        vm.prank(executor);
        multiParty.cancelReservation(h, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordChangedSinceOffer.selector, h, seen, seen + 1));
        vm.prank(bob);
        registry.acceptRecordOwnership(h, seen);
    }

    /// @dev A resolver added in between (one that could veto the buyer's every later sale) is a change.
    function test_RevertWhen_SellerAddsAResolverBetweenOfferAndAccept() public {
        bytes32 h = _register(address(multiParty));
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale");
        uint256 seen = registry.recordVersionOf(h);
        address resolver = _resolvers(1)[0];
        vm.prank(owner);
        registry.addResolver(h, resolver);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordChangedSinceOffer.selector, h, seen, seen + 1));
        vm.prank(bob);
        registry.acceptRecordOwnership(h, seen);
    }

    /// @dev An executor accepting or removed in between is a change; an executor offer alone is not (the transfer
    /// withdraws it).
    function test_RevertWhen_ExecutorChangesBetweenOfferAndAccept() public {
        bytes32 h = _register(address(multiParty));
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale");
        uint256 seen = registry.recordVersionOf(h);
        vm.prank(owner);
        registry.offerExecutor(h, carol);
        assertEq(registry.recordVersionOf(h), seen, "an offer to carol: no change");
        _acceptExecutorRole(h, carol);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordChangedSinceOffer.selector, h, seen, seen + 1));
        vm.prank(bob);
        registry.acceptRecordOwnership(h, seen);

        seen = registry.recordVersionOf(h);
        _removeExecutor(h);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordChangedSinceOffer.selector, h, seen, seen + 1));
        vm.prank(bob);
        registry.acceptRecordOwnership(h, seen);
    }

    // ---------------------------------------------------------------- workflows

    bytes32 internal constant OTHER_ID = keccak256("refinance-2026-0107");

    function test_WorkflowHashOf_IsTheOwnerAndIdHashed() public view {
        assertEq(registry.workflowHashOf(owner, WORKFLOW_ID), keccak256(abi.encode(owner, WORKFLOW_ID)), "derivation");
        assertEq(PROCESS, registry.workflowHashOf(owner, WORKFLOW_ID), "the fixture's workflow");
        assertNotEq(registry.workflowHashOf(stranger, WORKFLOW_ID), PROCESS, "another owner, another workflow");
        assertNotEq(registry.workflowHashOf(owner, OTHER_ID), PROCESS, "another id, another workflow");
    }

    /// @dev The same owner and id give the same processHash on another chain and another registry.
    function test_OpenWorkflow_SameOwnerAndIdSameHashOnEveryChain() public {
        vm.chainId(137);
        IntegraRecordV1 elsewhere = new IntegraRecordV1();
        vm.prank(owner);
        bytes32 there = elsewhere.openWorkflow(WORKFLOW_ID);
        assertEq(there, PROCESS, "the same processHash");
        (address workflowOwner,) = elsewhere.workflowOf(there);
        assertEq(workflowOwner, owner, "owned by the same owner");
    }

    function test_OpenWorkflow_MakesTheCallerItsOwnerAndEmits() public {
        bytes32 expected = registry.workflowHashOf(stranger, OTHER_ID);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.WorkflowOpened(bytes32(0), expected, stranger, OTHER_ID, block.timestamp);
        vm.prank(stranger);
        bytes32 processHash = registry.openWorkflow(OTHER_ID);
        assertEq(processHash, expected, "returned");
        (address workflowOwner, address[] memory members) = registry.workflowOf(processHash);
        assertEq(workflowOwner, stranger, "owner");
        assertEq(members.length, 0, "no members");
        assertTrue(registry.canRegisterInto(processHash, stranger), "the owner registers");
        assertTrue(!registry.canRegisterInto(processHash, owner), "nobody else");
    }

    function test_RevertWhen_OpenWorkflowTwice() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.WorkflowAlreadyOpen.selector, PROCESS));
        vm.prank(owner);
        registry.openWorkflow(WORKFLOW_ID);
    }

    function test_WorkflowOf_UnknownIsNobodys() public view {
        (address workflowOwner, address[] memory members) = registry.workflowOf(keccak256("never opened"));
        assertEq(workflowOwner, address(0), "no owner");
        assertEq(members.length, 0, "no members");
    }

    /// @dev The squat: a stranger registers the victim's document (same content hash) under the victim's workflow
    /// (same processHash). Refused on both paths; opening "the same" workflow gives the stranger its own one, whose
    /// records are not on the victim's workflow timeline.
    function test_RevertWhen_StrangerRegistersIntoSomeoneElsesWorkflow() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotWorkflowMember.selector, PROCESS, stranger));
        vm.prank(stranger);
        registry.register(CONTENT, REF, address(multiParty), address(0), PROCESS, new address[](0));

        (address[] memory recipients, uint256[] memory amounts) = _parties(2);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotWorkflowMember.selector, PROCESS, stranger));
        vm.prank(stranger);
        registry.registerWithParties(
            CONTENT, REF, address(multiParty), address(0), PROCESS, new address[](0), _parties(recipients, amounts)
        );

        vm.prank(stranger);
        bytes32 strangers = registry.openWorkflow(WORKFLOW_ID);
        assertNotEq(strangers, PROCESS, "its own workflow, not the victim's");
        vm.prank(stranger);
        bytes32 h = registry.register(CONTENT, REF, address(multiParty), address(0), strangers, new address[](0));
        assertEq(registry.getRecord(h).processHash, strangers, "on its own timeline");
        assertEq(registry.nonces(stranger), 1, "only that registration");
    }

    /// @dev Being the executor of the owner's records makes no member of the owner's workflow.
    function test_RevertWhen_ExecutorRegistersIntoTheOwnersWorkflow() public {
        _register(address(multiParty));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotWorkflowMember.selector, PROCESS, executor));
        vm.prank(executor);
        registry.register(CONTENT, REF, address(multiParty), address(0), PROCESS, new address[](0));
    }

    function test_RevertWhen_RegisterIntoAWorkflowNeverOpened() public {
        bytes32 unopened = registry.workflowHashOf(owner, OTHER_ID);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.UnknownWorkflow.selector, unopened));
        vm.prank(owner);
        registry.register(CONTENT, REF, address(multiParty), address(0), unopened, new address[](0));
    }

    /// @dev A record outside any workflow (processHash zero): anyone may register one.
    function test_Register_OutsideAnyWorkflowByAnyone() public {
        assertTrue(registry.canRegisterInto(bytes32(0), stranger), "anyone");
        vm.prank(stranger);
        bytes32 h = registry.register(CONTENT, REF, address(multiParty), address(0), bytes32(0), new address[](0));
        assertEq(registry.getRecord(h).processHash, bytes32(0), "no workflow");
        assertEq(registry.getRecord(h).owner, stranger, "the stranger's record");
    }

    function test_AdmitMember_LetsTheMemberRegisterAndEmits() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.WorkflowMemberAdmitted(bytes32(0), PROCESS, alice, block.timestamp);
        vm.prank(owner);
        registry.admitMember(PROCESS, alice);
        assertTrue(registry.canRegisterInto(PROCESS, alice), "alice may register");
        (address workflowOwner, address[] memory members) = registry.workflowOf(PROCESS);
        assertEq(workflowOwner, owner, "owner");
        assertEq(members.length, 1, "one member");
        assertEq(members[0], alice, "alice");

        vm.prank(alice);
        bytes32 h = registry.register(CONTENT, REF, address(multiParty), executor, PROCESS, new address[](0));
        IntegraRecordV1.RecordInfo memory info = registry.getRecord(h);
        assertEq(info.owner, alice, "the member owns its record");
        assertEq(info.processHash, PROCESS, "in the workflow");
    }

    /// @dev A removed member registers no more; what it registered as a member stays in the workflow.
    function test_RemoveMember_RefusesItsLaterRegistrationsAndKeepsItsRecords() public {
        vm.prank(owner);
        registry.admitMember(PROCESS, alice);
        vm.prank(alice);
        bytes32 h = registry.register(CONTENT, REF, address(multiParty), address(0), PROCESS, new address[](0));

        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.WorkflowMemberRemoved(bytes32(0), PROCESS, alice, block.timestamp);
        vm.prank(owner);
        registry.removeMember(PROCESS, alice);
        assertTrue(!registry.canRegisterInto(PROCESS, alice), "alice may not register");

        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotWorkflowMember.selector, PROCESS, alice));
        vm.prank(alice);
        registry.register(CONTENT, REF, address(multiParty), address(0), PROCESS, new address[](0));
        assertEq(registry.getRecord(h).processHash, PROCESS, "the earlier record stays");
        assertEq(registry.getRecord(h).owner, alice, "alice's");
    }

    function test_RemoveMember_MovesTheLastIntoTheGap() public {
        vm.startPrank(owner);
        registry.admitMember(PROCESS, alice);
        registry.admitMember(PROCESS, bob);
        registry.admitMember(PROCESS, carol);
        registry.removeMember(PROCESS, alice);
        vm.stopPrank();
        (, address[] memory members) = registry.workflowOf(PROCESS);
        assertEq(members.length, 2, "two left");
        assertEq(members[0], carol, "carol moved into the gap");
        assertEq(members[1], bob, "bob kept");
        assertTrue(registry.canRegisterInto(PROCESS, bob) && registry.canRegisterInto(PROCESS, carol), "members");
        vm.prank(owner);
        registry.removeMember(PROCESS, carol);
        vm.prank(owner);
        registry.admitMember(PROCESS, alice); // admitted again after her removal
        (, members) = registry.workflowOf(PROCESS);
        assertEq(members.length, 2, "bob and alice");
        assertEq(members[0], bob, "bob");
        assertEq(members[1], alice, "alice");
    }

    function test_AdmitMember_UpToMaxWorkflowMembers() public {
        uint256 max = registry.MAX_WORKFLOW_MEMBERS();
        vm.startPrank(owner);
        for (uint256 i; i < max; ++i) {
            registry.admitMember(PROCESS, vm.addr(0x1000 + i));
        }
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.TooManyMembers.selector, max));
        registry.admitMember(PROCESS, alice);
        registry.removeMember(PROCESS, vm.addr(0x1000));
        registry.admitMember(PROCESS, alice);
        vm.stopPrank();
        (, address[] memory members) = registry.workflowOf(PROCESS);
        assertEq(members.length, max, "full again");
    }

    function test_RevertWhen_AdmitMemberTwice() public {
        vm.prank(owner);
        registry.admitMember(PROCESS, alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.AlreadyMember.selector, PROCESS, alice));
        vm.prank(owner);
        registry.admitMember(PROCESS, alice);
    }

    function test_RevertWhen_AdmitTheOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.AlreadyMember.selector, PROCESS, owner));
        vm.prank(owner);
        registry.admitMember(PROCESS, owner);
    }

    function test_RevertWhen_AdmitZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.ZeroAddress.selector));
        vm.prank(owner);
        registry.admitMember(PROCESS, address(0));
    }

    /// @dev Only the owner admits or removes: not a stranger, not a member (who could otherwise admit its friends).
    function test_RevertWhen_NonOwnerAdmitsOrRemoves() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotWorkflowOwner.selector, PROCESS, stranger));
        vm.prank(stranger);
        registry.admitMember(PROCESS, stranger);

        vm.prank(owner);
        registry.admitMember(PROCESS, alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotWorkflowOwner.selector, PROCESS, alice));
        vm.prank(alice);
        registry.admitMember(PROCESS, bob);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotWorkflowOwner.selector, PROCESS, alice));
        vm.prank(alice);
        registry.removeMember(PROCESS, alice);
    }

    function test_RevertWhen_AdmitOrRemoveOnAnUnknownWorkflow() public {
        bytes32 unopened = registry.workflowHashOf(stranger, OTHER_ID);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.UnknownWorkflow.selector, unopened));
        vm.prank(stranger);
        registry.admitMember(unopened, alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.UnknownWorkflow.selector, unopened));
        vm.prank(stranger);
        registry.removeMember(unopened, alice);
    }

    function test_RevertWhen_RemoveANonMember() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotMember.selector, PROCESS, alice));
        vm.prank(owner);
        registry.removeMember(PROCESS, alice);
    }

    /// @dev Workflow events are on the workflow's timeline: topic1 zero (no record), topic2 the processHash, topic3
    /// the owner or member, and the timestamp last in the data.
    function test_WorkflowEvents_OnTheWorkflowTimelineWithIntegraHashZero() public {
        vm.recordLogs();
        vm.startPrank(stranger);
        bytes32 processHash = registry.openWorkflow(OTHER_ID);
        registry.admitMember(processHash, alice);
        registry.removeMember(processHash, alice);
        vm.stopPrank();
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 3, "opened, admitted, removed");
        bytes32[3] memory selectors = [
            IntegraRecordV1.WorkflowOpened.selector,
            IntegraRecordV1.WorkflowMemberAdmitted.selector,
            IntegraRecordV1.WorkflowMemberRemoved.selector
        ];
        address[3] memory third = [stranger, alice, alice];
        for (uint256 i; i < 3; ++i) {
            assertEq(logs[i].topics[0], selectors[i], "event");
            assertEq(logs[i].topics.length, 4, "three indexed fields");
            assertEq(logs[i].topics[1], bytes32(0), "topic1: no record");
            assertEq(logs[i].topics[2], processHash, "topic2 processHash");
            assertEq(logs[i].topics[3], bytes32(uint256(uint160(third[i]))), "topic3 owner or member");
            uint256 lastWord;
            bytes memory data = logs[i].data;
            assembly {
                lastWord := mload(add(data, mload(data)))
            }
            assertEq(lastWord, block.timestamp, "timestamp last");
        }
        (bytes32 workflowId,) = abi.decode(logs[0].data, (bytes32, uint256));
        assertEq(workflowId, OTHER_ID, "WorkflowOpened names the id");
    }

    // ---------------------------------------------------------------- multicall

    /// @dev An owner's first record opens its workflow in the same transaction.
    function test_Multicall_OpensTheWorkflowAndRegistersInOneTransaction() public {
        bytes32 processHash = registry.workflowHashOf(carol, OTHER_ID);
        (address[] memory recipients, uint256[] memory amounts) = _parties(2);
        bytes[] memory calls = new bytes[](2);
        calls[0] = abi.encodeCall(IntegraRecordV1.openWorkflow, (OTHER_ID));
        calls[1] = abi.encodeCall(
            IntegraRecordV1.registerWithParties,
            (CONTENT, REF, address(multiParty), executor, processHash, new address[](0), _parties(recipients, amounts))
        );
        vm.prank(carol);
        bytes[] memory results = registry.multicall(calls);
        assertEq(abi.decode(results[0], (bytes32)), processHash, "opened");
        bytes32 h = abi.decode(results[1], (bytes32));
        assertEq(h, _expectedHash(carol, CONTENT, 0), "registered by carol");
        IntegraRecordV1.RecordInfo memory info = registry.getRecord(h);
        assertEq(info.owner, carol, "carol owns the record");
        assertEq(info.processHash, processHash, "in carol's new workflow");
        (address workflowOwner,) = registry.workflowOf(processHash);
        assertEq(workflowOwner, carol, "carol owns the workflow");
        (bool isSealed, uint256 partyCount) = multiParty.partySetOf(h);
        assertTrue(isSealed && partyCount == 2, "with its parties");
        assertEq(registry.pendingExecutorOf(h), executor, "the executor offered");
    }

    /// @dev Every call of a batch runs as the batch's sender: a stranger's multicall is refused as the stranger, and
    /// the batch is all or nothing (the workflow it opened first is not left open).
    function test_RevertWhen_MulticallRegistersIntoSomeoneElsesWorkflow() public {
        bytes[] memory calls = new bytes[](2);
        calls[0] = abi.encodeCall(IntegraRecordV1.openWorkflow, (OTHER_ID));
        calls[1] = abi.encodeCall(
            IntegraRecordV1.register, (CONTENT, REF, address(multiParty), address(0), PROCESS, new address[](0))
        );
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotWorkflowMember.selector, PROCESS, stranger));
        vm.prank(stranger);
        registry.multicall(calls);
        (address workflowOwner,) = registry.workflowOf(registry.workflowHashOf(stranger, OTHER_ID));
        assertEq(workflowOwner, address(0), "nothing of the batch stayed");
    }

    /// @dev A batch does not lift a workflow's or a record's rules: the executor's accept, batched by the owner, is
    /// the owner's call (NotPendingExecutor), not the executor's.
    function test_RevertWhen_MulticallActsForAnother() public {
        vm.prank(owner);
        bytes32 h = registry.register(CONTENT, REF, address(multiParty), executor, PROCESS, new address[](0));
        bytes[] memory calls = new bytes[](1);
        calls[0] = abi.encodeCall(IntegraRecordV1.acceptExecutorRole, (h));
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingExecutor.selector, h, owner));
        vm.prank(owner);
        registry.multicall(calls);
    }

    /// @dev A tokenizer is the registrant's choice: one that burns all the gas it is given costs a version read (and
    /// so an accept) a bounded amount, not the caller's whole gas.
    function test_VersionReadBoundsTheGasATokenizerBurns() public {
        GasBurnerTokenizer burner = new GasBurnerTokenizer();
        vm.prank(stranger);
        bytes32 h = registry.register(CONTENT, "", address(burner), address(0), bytes32(0), new address[](0));
        uint256 before = gasleft();
        uint256 version = registry.recordVersionOf{gas: 10_000_000}(h);
        uint256 used = before - gasleft();
        assertEq(version, 0, "a tokenizer that fails counts 0");
        assertTrue(used < 60_000, "the read's cost is bounded");
    }

    function test_OfferReasonIsBounded() public {
        vm.prank(owner);
        bytes32 h = registry.register(CONTENT, "", address(multiParty), address(0), PROCESS, new address[](0));
        bytes memory reason = new bytes(257);
        for (uint256 i; i < reason.length; ++i) reason[i] = "a";
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.ReasonTooLong.selector, 257, 256));
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, string(reason));
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, string(new bytes(256)));
        assertEq(registry.pendingOwnerOf(h), bob, "a reason of 256 bytes is taken");
    }

    function test_GasStarvedAcceptNeverLandsOnAStaleVersion() public {
        vm.prank(owner);
        bytes32 h = registry.register(CONTENT, "", address(multiParty), address(0), PROCESS, new address[](0));
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale");
        uint256 seen = registry.recordVersionOf(h); // 0: no tokenizer changes yet
        vm.prank(owner);
        multiParty.reserveToken(h, 1, alice, 1, PROCESS, ""); // tokenizer half moves to 1
        assertEq(registry.recordVersionOf(h), seen + 1, "moved");

        for (uint256 g = 3_000; g < 200_000; g += 37) {
            vm.cool(address(registry));
            vm.cool(address(multiParty));
            vm.prank(bob);
            (bool ok,) = address(registry).call{gas: g}(abi.encodeCall(registry.acceptRecordOwnership, (h, seen)));
            assertTrue(!ok, "an accept with a starved staticcall landed on a stale version");
        }
        // The correct version succeeds inside the same gas range: the loop covered the accept's whole gas boundary.
        uint256 minimum;
        for (uint256 g = 3_000; g < 200_000 && minimum == 0; g += 37) {
            vm.cool(address(registry));
            vm.cool(address(multiParty));
            vm.prank(bob);
            (bool ok,) = address(registry).call{gas: g}(abi.encodeCall(registry.acceptRecordOwnership, (h, seen + 1)));
            if (ok) minimum = g;
        }
        assertTrue(minimum != 0, "the honest accept fits the range scanned");
    }

    function test_ResolverReenteringAnAcceptChangesNothing() public {
        vm.prank(owner);
        bytes32 h = registry.register(CONTENT, "", address(multiParty), address(0), PROCESS, new address[](0));
        vm.prank(owner);
        multiParty.reserveToken(h, 1, alice, 1, PROCESS, "");
        ReentrantResolver r = new ReentrantResolver(registry, multiParty, PROCESS);
        vm.prank(owner);
        registry.addResolver(h, address(r));
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "sale");
        uint256 seen = registry.recordVersionOf(h);
        vm.prank(owner);
        registry.offerExecutor(h, address(r)); // pending offer made just before the accept: does not move the version

        vm.prank(bob);
        registry.acceptRecordOwnership(h, seen);
        assertEq(r.attempts(), 6, "tried");
        assertEq(r.successes(), 0, "nothing the resolver tried worked");
        (address o, address e,,,) = registry.authorityOf(h);
        assertEq(o, bob, "bob owns");
        assertEq(e, address(0), "no executor");
        assertEq(registry.pendingExecutorOf(h), address(0), "offer withdrawn");
    }

    function test_EveryCountedChangeRaisesTheVersionAndTheUncountedDieAtTheAccept() public {
        vm.prank(owner);
        bytes32 h = registry.register(CONTENT, "", address(multiParty), executor, PROCESS, new address[](0));
        uint256 v = registry.recordVersionOf(h);
        uint256 next;

        _acceptExecutorRole(h, executor);
        next = registry.recordVersionOf(h); assertTrue(next > v, "exec accept"); v = next;
        vm.prank(executor);
        multiParty.reserveToken(h, 1, alice, 1, PROCESS, "");
        next = registry.recordVersionOf(h); assertTrue(next > v, "reserve"); v = next;
        vm.prank(owner);
        registry.addResolver(h, address(allowlist));
        next = registry.recordVersionOf(h); assertTrue(next > v, "add resolver"); v = next;
        vm.prank(executor);
        multiParty.cancelReservation(h, 1);
        next = registry.recordVersionOf(h); assertTrue(next > v, "cancel"); v = next;
        vm.prank(owner);
        registry.removeResolver(h, address(allowlist));
        next = registry.recordVersionOf(h); assertTrue(next > v, "remove resolver"); v = next;
        vm.prank(owner);
        multiParty.reserveToken(h, 1, alice, 1, PROCESS, "");
        next = registry.recordVersionOf(h); assertTrue(next > v, "re-reserve"); v = next;
        vm.prank(owner);
        multiParty.sealParties(h);
        next = registry.recordVersionOf(h); assertTrue(next > v, "seal"); v = next;

        // Uncounted: offers, attestations and revocations by the executor, allowlist entries, pending executor offers.
        vm.prank(owner);
        registry.offerRecordOwnership(h, bob, "x");
        bytes32 uid = _attest(executor, alice, h, 1, 1, 0);
        _revoke(executor, uid);
        vm.prank(owner);
        allowlist.setAllowed(h, carol, true);
        vm.prank(owner);
        registry.offerExecutor(h, carol);
        assertEq(registry.recordVersionOf(h), v, "none of these move the version");
        // All of them die or are harmless at the accept: epoch moves, pending offer withdrawn, new owner edits the list.
        uint64 epochBefore = _epoch(h);
        vm.prank(owner);
        allowlist.setAllowed(h, bob, true);
        vm.prank(bob);
        registry.acceptRecordOwnership(h, v);
        assertTrue(_epoch(h) > epochBefore, "epoch moved");
        assertEq(registry.pendingExecutorOf(h), address(0), "offer withdrawn");
    }
}
