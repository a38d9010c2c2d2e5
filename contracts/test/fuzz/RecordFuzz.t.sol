// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraFixture} from "../utils/IntegraFixture.sol";
import {IntegraRecordV1} from "../../src/IntegraRecordV1.sol";

/// @notice integraHash derivation and uniqueness across registrants, contents and nonces.
contract RecordFuzzTest is IntegraFixture {
    uint256 internal constant SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function _account(uint256 key) internal pure returns (address) {
        return vm.addr(bound(key, 1, SECP256K1_ORDER - 1));
    }

    /// @dev A record outside any workflow: anyone may register one.
    function _registerAs(address registrant, bytes32 content) internal returns (bytes32) {
        vm.prank(registrant);
        return registry.register(content, "", address(multiParty), address(0), bytes32(0), new address[](0));
    }

    function testFuzz_IntegraHashMatchesDerivation(uint256 key, bytes32 content, uint256 prior) public {
        vm.assume(content != bytes32(0));
        address registrant = _account(key);
        prior = bound(prior, 0, 5);
        for (uint256 i; i < prior; ++i) {
            _registerAs(registrant, content);
        }
        bytes32 expected = keccak256(abi.encode(block.chainid, address(registry), registrant, content, prior));
        assertEq(_registerAs(registrant, content), expected, "derivation with nonce");
        assertEq(registry.nonces(registrant), prior + 1, "nonce");
    }

    function testFuzz_IntegraHashUniqueAcrossRegistrantsAndNonces(uint256 keyA, uint256 keyB, bytes32 c1, bytes32 c2)
        public
    {
        vm.assume(c1 != bytes32(0) && c2 != bytes32(0));
        address a = _account(keyA);
        address b = _account(keyB);
        bytes32[4] memory hashes = [_registerAs(a, c1), _registerAs(b, c2), _registerAs(a, c1), _registerAs(b, c1)];
        address[4] memory owners = [a, b, a, b];
        for (uint256 i; i < 4; ++i) {
            assertEq(registry.getRecord(hashes[i]).owner, owners[i], "owner");
            for (uint256 j = i + 1; j < 4; ++j) {
                assertNotEq(hashes[i], hashes[j], "hashes collide");
            }
        }
    }

    function testFuzz_OfferAndAcceptRecordOwnershipByAnyAccount(uint256 key, string calldata reason) public {
        address newOwner = _account(key);
        vm.assume(newOwner != owner);
        bytes32 integraHash = _register(address(ownership));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IntegraRecordV1.OwnershipOffered(integraHash, PROCESS, newOwner, owner, reason, block.timestamp);
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, newOwner, reason);
        (address current,,,,) = registry.authorityOf(integraHash);
        assertEq(current, owner, "nothing moves before acceptance");

        uint256 version = registry.recordVersionOf(integraHash);
        vm.prank(newOwner);
        registry.acceptRecordOwnership(integraHash, version);
        (address accepted, address executorNow,,, uint64 epoch) = registry.authorityOf(integraHash);
        assertEq(accepted, newOwner, "new owner");
        assertEq(executorNow, address(0), "executor removed");
        assertEq(epoch, 2, "epoch moved on (from 1: the executor's acceptance)");
        assertTrue(!registry.isOwnerOrExecutor(integraHash, owner), "old owner out");
        assertTrue(newOwner == executor || !registry.isOwnerOrExecutor(integraHash, executor), "old executor out");
    }

    /// @dev Only the pending owner can accept: anyone else is refused with their own address.
    function testFuzz_RevertWhen_AnyoneButThePendingOwnerAccepts(uint256 key, uint256 callerKey) public {
        address newOwner = _account(key);
        address caller = _account(callerKey);
        vm.assume(newOwner != owner && caller != newOwner);
        bytes32 integraHash = _register(address(ownership));
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, newOwner, "offer");
        uint256 version = registry.recordVersionOf(integraHash);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotPendingOwner.selector, integraHash, caller));
        vm.prank(caller);
        registry.acceptRecordOwnership(integraHash, version);
    }

    /// @dev However many sales, executor acceptances and removals, the epoch counts them exactly.
    function testFuzz_EpochCountsEveryAuthorityChange(uint8 steps, uint256 seed) public {
        bytes32 integraHash = _register(address(ownership));
        uint256 n = bound(steps, 0, 12);
        for (uint256 i; i < n; ++i) {
            (address current,,,,) = registry.authorityOf(integraHash);
            if (uint256(keccak256(abi.encode(seed, i))) % 3 == 0) {
                _appointExecutor(integraHash, _account(uint256(keccak256(abi.encode(seed, i, "e")))));
            } else if (uint256(keccak256(abi.encode(seed, i))) % 3 == 1) {
                (, address executorNow,,,) = registry.authorityOf(integraHash);
                if (executorNow == address(0)) _appointExecutor(integraHash, carol);
                else _removeExecutor(integraHash);
            } else {
                address next = _account(uint256(keccak256(abi.encode(seed, i, "o"))));
                if (next == current) next = alice == current ? bob : alice;
                vm.prank(current);
                registry.offerRecordOwnership(integraHash, next, "step");
                uint256 version = registry.recordVersionOf(integraHash);
                vm.prank(next);
                registry.acceptRecordOwnership(integraHash, version);
            }
        }
        assertEq(_epoch(integraHash), 1 + n, "one epoch per change (the first: the executor's acceptance)");
    }
}
