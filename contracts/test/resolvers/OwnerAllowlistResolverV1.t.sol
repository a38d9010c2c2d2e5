// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraFixture} from "../utils/IntegraFixture.sol";
import {IntegraRecordV1} from "../../src/IntegraRecordV1.sol";
import {OwnerAllowlistResolverV1} from "../../src/resolvers/OwnerAllowlistResolverV1.sol";

contract OwnerAllowlistResolverV1Test is IntegraFixture {
    bytes32 internal integraHash;

    function setUp() public override {
        super.setUp();
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(allowlist);
        vm.prank(owner);
        integraHash = registry.register(CONTENT, hex"c1f3", address(ownership), executor, PROCESS, resolvers);
    }

    /// @dev The owner offers `hash` to `to`; `to` accepts (the call the allowlist can veto).
    function _offerAndAccept(bytes32 hash, address to, string memory reason) internal {
        vm.prank(owner);
        registry.offerRecordOwnership(hash, to, reason);
        uint256 version = registry.recordVersionOf(hash);
        vm.prank(to);
        registry.acceptRecordOwnership(hash, version);
    }

    function _offer(bytes32 hash, address to) internal {
        vm.prank(owner);
        registry.offerRecordOwnership(hash, to, "offer");
    }

    function _allow(address account, bool allowed) internal {
        vm.prank(owner);
        allowlist.setAllowed(integraHash, account, allowed);
    }

    function test_Registry_IsTheConfiguredRegistry() public view {
        assertEq(address(allowlist.registry()), address(registry), "registry");
    }

    function test_SetAllowed_RecordsAndEmits() public {
        vm.expectEmit(true, true, true, true, address(allowlist));
        emit OwnerAllowlistResolverV1.AllowlistChanged(integraHash, PROCESS, bob, true, block.timestamp);
        _allow(bob, true);
        assertTrue(allowlist.isAllowed(integraHash, bob), "bob allowed");
        assertTrue(!allowlist.isAllowed(integraHash, carol), "carol not allowed");

        vm.expectEmit(true, true, true, true, address(allowlist));
        emit OwnerAllowlistResolverV1.AllowlistChanged(integraHash, PROCESS, bob, false, block.timestamp);
        _allow(bob, false);
        assertTrue(!allowlist.isAllowed(integraHash, bob), "bob disallowed");
    }

    function test_Transfer_ToAllowedOwnerSucceeds() public {
        _allow(bob, true);
        _offer(integraHash, bob);
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectCall(address(allowlist), abi.encodeCall(allowlist.onOwnershipTransfer, (integraHash, owner, bob)));
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);
        assertEq(registry.getRecord(integraHash).owner, bob, "bob owns the record");
    }

    function test_RevertWhen_TransferToNotAllowedOwner() public {
        _allow(bob, true);
        _offer(integraHash, carol);
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectRevert(
            abi.encodeWithSelector(OwnerAllowlistResolverV1.NewOwnerNotAllowed.selector, integraHash, carol)
        );
        vm.prank(carol);
        registry.acceptRecordOwnership(integraHash, version);
    }

    function test_RevertWhen_TransferToDisallowedOwner() public {
        _allow(bob, true);
        _allow(bob, false);
        _offer(integraHash, bob);
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NewOwnerNotAllowed.selector, integraHash, bob));
        vm.prank(bob);
        registry.acceptRecordOwnership(integraHash, version);
    }

    function test_AllowlistIsPerRecord() public {
        _allow(bob, true);
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(allowlist);
        vm.prank(owner);
        bytes32 other = registry.register(CONTENT, hex"", address(ownership), address(0), PROCESS, resolvers);
        _offer(other, bob);
        uint256 version = registry.recordVersionOf(other);
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NewOwnerNotAllowed.selector, other, bob));
        vm.prank(bob);
        registry.acceptRecordOwnership(other, version);
    }

    function test_AddedLater_BlocksTransfers() public {
        vm.prank(owner);
        bytes32 plain = registry.register(CONTENT, hex"", address(ownership), address(0), PROCESS, new address[](0));
        vm.prank(owner);
        registry.addResolver(plain, address(allowlist));
        _offer(plain, bob);
        uint256 version = registry.recordVersionOf(plain);
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NewOwnerNotAllowed.selector, plain, bob));
        vm.prank(bob);
        registry.acceptRecordOwnership(plain, version);
    }

    function test_RemovedResolver_NoLongerBlocks() public {
        vm.prank(owner);
        registry.removeResolver(integraHash, address(allowlist));
        _offerAndAccept(integraHash, carol, "no allowlist any more");
        assertEq(registry.getRecord(integraHash).owner, carol, "carol owns the record");
    }

    function test_NewOwnerManagesTheAllowlist() public {
        _allow(bob, true);
        _offerAndAccept(integraHash, bob, "sold");
        vm.prank(bob);
        allowlist.setAllowed(integraHash, carol, true);
        assertTrue(allowlist.isAllowed(integraHash, carol), "bob allowed carol");
    }

    function test_RevertWhen_FormerOwnerSetsAllowed() public {
        _allow(bob, true);
        _offerAndAccept(integraHash, bob, "sold");
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NotRecordOwner.selector, integraHash, owner));
        vm.prank(owner);
        allowlist.setAllowed(integraHash, owner, true);
    }

    function test_RevertWhen_StrangerSetsAllowed() public {
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NotRecordOwner.selector, integraHash, stranger));
        vm.prank(stranger);
        allowlist.setAllowed(integraHash, stranger, true);
    }

    function test_RevertWhen_ExecutorSetsAllowed() public {
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NotRecordOwner.selector, integraHash, executor));
        vm.prank(executor);
        allowlist.setAllowed(integraHash, executor, true);
    }

    function test_RevertWhen_SetAllowedOnUnknownRecord() public {
        bytes32 unknown = keccak256("unknown");
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, unknown));
        vm.prank(owner);
        allowlist.setAllowed(unknown, bob, true);
    }

    function test_RevertWhen_OnRegisteredFromNonRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NotRegistry.selector, stranger));
        vm.prank(stranger);
        allowlist.onRegistered(integraHash, stranger, CONTENT);
    }

    function test_RevertWhen_OnOwnershipTransferFromNonRegistry() public {
        _allow(bob, true);
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NotRegistry.selector, owner));
        vm.prank(owner);
        allowlist.onOwnershipTransfer(integraHash, owner, bob);
    }

    /// @dev A vetoed acceptance leaves the offer standing: once the owner allows the buyer, the same offer goes through.
    function test_VetoedOffer_GoesThroughOnceAllowed() public {
        _offer(integraHash, carol);
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectRevert(
            abi.encodeWithSelector(OwnerAllowlistResolverV1.NewOwnerNotAllowed.selector, integraHash, carol)
        );
        vm.prank(carol);
        registry.acceptRecordOwnership(integraHash, version);

        _allow(carol, true);
        version = registry.recordVersionOf(integraHash);
        vm.prank(carol);
        registry.acceptRecordOwnership(integraHash, version);
        assertEq(registry.getRecord(integraHash).owner, carol, "carol owns the record");
    }

    /// @dev The allowlist judges the acceptance, never the offer: offering to anyone is free.
    function test_OfferToNotAllowedOwnerIsNotVetoed() public {
        _offer(integraHash, carol);
        assertEq(registry.pendingOwnerOf(integraHash), carol, "offer stands");
    }
}
