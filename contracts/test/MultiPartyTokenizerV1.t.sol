// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TokenizerSuite} from "./utils/TokenizerSuite.sol";
import {Vm} from "./utils/Vm.sol";
import {IntegraTokenizerBase} from "../src/tokenizers/IntegraTokenizerBase.sol";

/// @notice The shared tokenizer suite against the ERC-1155 multi-party tokenizer, plus the multi-party flows.
contract MultiPartyTokenizerV1Test is TokenizerSuite {
    function _configure() internal override {
        tokenizer = multiParty;
        otherTokenizer = ownership;
        tokenId = 2;
        amount = 5;
    }

    function _assertMinted(bytes32 hash, uint256 id, address holder, uint256 value) internal view override {
        uint256 erc1155Id = multiParty.erc1155IdOf(hash, id);
        assertEq(multiParty.balanceOf(holder, erc1155Id), value, "holder balance");
        uint256 others;
        if (holder != alice) others += multiParty.balanceOf(alice, erc1155Id);
        if (holder != bob) others += multiParty.balanceOf(bob, erc1155Id);
        assertEq(others, 0, "nobody else holds it");
    }

    function _assertNotMinted(bytes32 hash, uint256 id) internal view override {
        uint256 erc1155Id = multiParty.erc1155IdOf(hash, id);
        assertEq(multiParty.balanceOf(alice, erc1155Id) + multiParty.balanceOf(bob, erc1155Id), 0, "no balances");
    }

    function _reserveId(uint256 id, address recipient, uint256 value) internal {
        vm.prank(owner);
        multiParty.reserveToken(integraHash, id, recipient, value, PROCESS);
    }

    function _claimId(address party, uint256 id) internal returns (uint256 completeEvents) {
        bytes32 uid = _attestClaim(party, integraHash, id);
        vm.recordLogs();
        vm.prank(party);
        multiParty.claimToken(integraHash, id, uid, PROCESS);
        return _countDocumentComplete(vm.getRecordedLogs());
    }

    function test_Erc1155IdOf_HashesRecordAndTokenId() public view {
        assertEq(multiParty.erc1155IdOf(integraHash, 7), uint256(keccak256(abi.encode(integraHash, uint256(7)))), "id");
        assertTrue(multiParty.erc1155IdOf(integraHash, 1) != multiParty.erc1155IdOf(integraHash, 2), "distinct");
    }

    function test_ClaimToken_Erc1155BalanceEqualsAmount() public {
        _reserveId(1, alice, 1_000_000);
        _claimId(alice, 1);
        assertEq(multiParty.balanceOf(alice, multiParty.erc1155IdOf(integraHash, 1)), 1_000_000, "balance");
        assertTrue(multiParty.isHolder(integraHash, 1, alice), "isHolder");
        assertTrue(!multiParty.isHolder(integraHash, 2, alice), "not holder of another id");
    }

    function test_ThreeParties_DocumentCompleteOnlyOnLastClaim() public {
        bytes32 h = _threePartyRecord();
        integraHash = h;
        assertEq(_claimId(alice, 1), 0, "not after first");
        _assertProgress(h, 3, 1, false);
        assertEq(_claimId(carol, 3), 0, "not after second");
        _assertProgress(h, 3, 2, false);

        bytes32 uid = _attestClaim(bob, h, 2);
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.DocumentComplete(h, PROCESS, 3, block.timestamp);
        vm.recordLogs();
        vm.prank(bob);
        multiParty.claimToken(h, 2, uid, PROCESS);
        assertEq(_countDocumentComplete(vm.getRecordedLogs()), 1, "exactly once on the last claim");
        _assertProgress(h, 3, 3, true);
    }

    function test_CancelLeavingOnlyClaimedReservations_EmitsDocumentComplete() public {
        bytes32 h = _threePartyRecord();
        integraHash = h;
        _claimId(alice, 1);
        _claimId(bob, 2);
        _assertProgress(h, 3, 2, false);

        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.DocumentComplete(h, PROCESS, 2, block.timestamp);
        vm.recordLogs();
        vm.prank(executor);
        multiParty.cancelReservation(h, 3);
        assertEq(_countDocumentComplete(vm.getRecordedLogs()), 1, "exactly once on the cancel");
        _assertProgress(h, 2, 2, true);
    }

    function test_CancelWithUnclaimedLeft_DoesNotComplete() public {
        bytes32 h = _threePartyRecord();
        integraHash = h;
        _claimId(alice, 1);
        vm.recordLogs();
        vm.prank(owner);
        multiParty.cancelReservation(h, 3);
        assertEq(_countDocumentComplete(vm.getRecordedLogs()), 0, "bob still to claim");
        _assertProgress(h, 2, 1, false);
        assertEq(_claimId(bob, 2), 1, "completes when bob claims");
    }

    function test_TokenIdsOf_InOrderOfFirstReservation() public {
        _reserveId(3, alice, 1);
        _reserveId(1, bob, 1);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 3);
        _reserveId(3, carol, 2);
        _reserveId(9, alice, 1);
        uint256[] memory ids = multiParty.tokenIdsOf(integraHash);
        assertEq(ids.length, 3, "three ids, re-reservation not duplicated");
        assertEq(ids[0], 3, "first");
        assertEq(ids[1], 1, "second");
        assertEq(ids[2], 9, "third");
        _assertProgress(integraHash, 3, 0, false);
    }

    function test_OnePartyMayHoldSeveralRoles() public {
        _reserveId(1, alice, 2);
        _reserveId(2, alice, 3);
        bytes32 uid = _attestClaim(alice, integraHash, 0);
        vm.startPrank(alice);
        multiParty.claimToken(integraHash, 1, uid, PROCESS);
        multiParty.claimToken(integraHash, 2, uid, PROCESS);
        vm.stopPrank();
        assertEq(multiParty.balanceOf(alice, multiParty.erc1155IdOf(integraHash, 1)), 2, "role 1");
        assertEq(multiParty.balanceOf(alice, multiParty.erc1155IdOf(integraHash, 2)), 3, "role 2");
        _assertProgress(integraHash, 2, 2, true);
    }

    function test_IsHolder_FollowsErc1155Transfers() public {
        _reserveId(1, alice, 4);
        _claimId(alice, 1);
        uint256 id = multiParty.erc1155IdOf(integraHash, 1);
        vm.prank(alice);
        multiParty.safeTransferFrom(alice, bob, id, 4, "");
        assertTrue(!multiParty.isHolder(integraHash, 1, alice), "alice gave all away");
        assertTrue(multiParty.isHolder(integraHash, 1, bob), "bob holds");
    }

    function test_RevertWhen_ReserveClaimedTokenOfIncompleteRecord() public {
        _reserveId(1, alice, 1);
        _reserveId(2, bob, 1);
        _claimId(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AlreadyClaimed.selector, integraHash, 1));
        _reserveId(1, carol, 1);
        _assertProgress(integraHash, 2, 1, false);
    }

    function test_RevertWhen_ReserveNewTokenAfterComplete() public {
        _reserveId(1, alice, 1);
        _claimId(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.DocumentAlreadyComplete.selector, integraHash));
        _reserveId(2, bob, 1);
        assertEq(multiParty.tokenIdsOf(integraHash).length, 1, "no new id");
    }

    function test_RevertWhen_ReserveTokenIdZero() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidTokenId.selector, 0));
        _reserveId(0, alice, 1);
        assertEq(multiParty.tokenIdsOf(integraHash).length, 0, "nothing reserved");
    }

    function test_RevertWhen_ReserveAmountZero() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidAmount.selector, 0));
        _reserveId(1, alice, 0);
        assertEq(multiParty.tokenIdsOf(integraHash).length, 0, "nothing reserved");
    }

    function test_RevertWhen_ReserveAmountAboveUint88() public {
        uint256 tooMuch = uint256(type(uint88).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidAmount.selector, tooMuch));
        _reserveId(1, alice, tooMuch);
        assertEq(multiParty.tokenIdsOf(integraHash).length, 0, "nothing reserved");
    }

    function test_ReserveAmountUint88Max() public {
        _reserveId(1, alice, type(uint88).max);
        _claimId(alice, 1);
        assertEq(multiParty.balanceOf(alice, multiParty.erc1155IdOf(integraHash, 1)), type(uint88).max, "max");
    }

    function test_ClaimToken_AttestationForToken0CoversEveryId() public {
        _reserveId(7, alice, 1);
        _reserveId(8, alice, 1);
        bytes32 uid = _attestClaim(alice, integraHash, 0);
        vm.prank(alice);
        multiParty.claimToken(integraHash, 8, uid, PROCESS);
        vm.prank(alice);
        multiParty.claimToken(integraHash, 7, uid, PROCESS);
        _assertProgress(integraHash, 2, 2, true);
    }

    function test_RevertWhen_AttestationForToken1UsedForToken2() public {
        _reserveId(1, alice, 1);
        _reserveId(2, alice, 1);
        bytes32 uid = _attestClaim(alice, integraHash, 1);
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, uid, PROCESS);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationForOtherToken.selector, 1, 2));
        vm.prank(alice);
        multiParty.claimToken(integraHash, 2, uid, PROCESS);
        _assertProgress(integraHash, 2, 1, false);
    }
}
