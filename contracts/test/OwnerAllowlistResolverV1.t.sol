// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraFixture} from "./utils/IntegraFixture.sol";
import {IntegraRecordV1} from "../src/IntegraRecordV1.sol";
import {OwnerAllowlistResolverV1} from "../src/resolvers/OwnerAllowlistResolverV1.sol";

contract OwnerAllowlistResolverV1Test is IntegraFixture {
    bytes32 internal integraHash;

    function setUp() public override {
        super.setUp();
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(allowlist);
        vm.prank(owner);
        integraHash = registry.register(CONTENT, hex"c1f3", address(ownership), executor, PROCESS, resolvers);
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
        vm.expectCall(address(allowlist), abi.encodeCall(allowlist.onOwnershipTransfer, (integraHash, owner, bob)));
        vm.prank(owner);
        registry.transferRecordOwnership(integraHash, bob, "vetted buyer");
        assertEq(registry.getRecord(integraHash).owner, bob, "bob owns the record");
    }

    function test_RevertWhen_TransferToNotAllowedOwner() public {
        _allow(bob, true);
        vm.expectRevert(
            abi.encodeWithSelector(OwnerAllowlistResolverV1.NewOwnerNotAllowed.selector, integraHash, carol)
        );
        vm.prank(owner);
        registry.transferRecordOwnership(integraHash, carol, "not vetted");
        assertEq(registry.getRecord(integraHash).owner, owner, "owner unchanged");
    }

    function test_RevertWhen_TransferToDisallowedOwner() public {
        _allow(bob, true);
        _allow(bob, false);
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NewOwnerNotAllowed.selector, integraHash, bob));
        vm.prank(owner);
        registry.transferRecordOwnership(integraHash, bob, "allowance withdrawn");
        assertEq(registry.getRecord(integraHash).owner, owner, "owner unchanged");
    }

    function test_AllowlistIsPerRecord() public {
        _allow(bob, true);
        address[] memory resolvers = new address[](1);
        resolvers[0] = address(allowlist);
        vm.prank(owner);
        bytes32 other = registry.register(CONTENT, hex"", address(ownership), address(0), PROCESS, resolvers);
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NewOwnerNotAllowed.selector, other, bob));
        vm.prank(owner);
        registry.transferRecordOwnership(other, bob, "other record");
        assertEq(registry.getRecord(other).owner, owner, "owner unchanged");
    }

    function test_AddedLater_BlocksTransfers() public {
        vm.prank(owner);
        bytes32 plain = registry.register(CONTENT, hex"", address(ownership), address(0), PROCESS, new address[](0));
        vm.prank(owner);
        registry.addResolver(plain, address(allowlist));
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NewOwnerNotAllowed.selector, plain, bob));
        vm.prank(owner);
        registry.transferRecordOwnership(plain, bob, "blocked");
        assertEq(registry.getRecord(plain).owner, owner, "owner unchanged");
    }

    function test_RemovedResolver_NoLongerBlocks() public {
        vm.prank(owner);
        registry.removeResolver(integraHash, address(allowlist));
        vm.prank(owner);
        registry.transferRecordOwnership(integraHash, carol, "no allowlist any more");
        assertEq(registry.getRecord(integraHash).owner, carol, "carol owns the record");
    }

    function test_NewOwnerManagesTheAllowlist() public {
        _allow(bob, true);
        vm.prank(owner);
        registry.transferRecordOwnership(integraHash, bob, "sold");
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NotRecordOwner.selector, integraHash, owner));
        vm.prank(owner);
        allowlist.setAllowed(integraHash, owner, true);
        vm.prank(bob);
        allowlist.setAllowed(integraHash, carol, true);
        assertTrue(allowlist.isAllowed(integraHash, carol), "bob allowed carol");
    }

    function test_RevertWhen_StrangerSetsAllowed() public {
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NotRecordOwner.selector, integraHash, stranger));
        vm.prank(stranger);
        allowlist.setAllowed(integraHash, stranger, true);
        assertTrue(!allowlist.isAllowed(integraHash, stranger), "not allowed");
    }

    function test_RevertWhen_ExecutorSetsAllowed() public {
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NotRecordOwner.selector, integraHash, executor));
        vm.prank(executor);
        allowlist.setAllowed(integraHash, executor, true);
        assertTrue(!allowlist.isAllowed(integraHash, executor), "not allowed");
    }

    function test_RevertWhen_SetAllowedOnUnknownRecord() public {
        bytes32 unknown = keccak256("unknown");
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, unknown));
        vm.prank(owner);
        allowlist.setAllowed(unknown, bob, true);
        assertTrue(!allowlist.isAllowed(unknown, bob), "not allowed");
    }

    function test_RevertWhen_OnRegisteredFromNonRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NotRegistry.selector, stranger));
        vm.prank(stranger);
        allowlist.onRegistered(integraHash, stranger, CONTENT);
        assertEq(registry.getRecord(integraHash).owner, owner, "owner unchanged");
    }

    function test_RevertWhen_OnOwnershipTransferFromNonRegistry() public {
        _allow(bob, true);
        vm.expectRevert(abi.encodeWithSelector(OwnerAllowlistResolverV1.NotRegistry.selector, owner));
        vm.prank(owner);
        allowlist.onOwnershipTransfer(integraHash, owner, bob);
        assertEq(registry.getRecord(integraHash).owner, owner, "owner unchanged");
    }
}
