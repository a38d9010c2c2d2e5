// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TokenizerSuite} from "./utils/TokenizerSuite.sol";
import {Vm} from "./utils/Vm.sol";
import {IntegraTokenizerBase} from "../src/tokenizers/IntegraTokenizerBase.sol";
import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

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

    function _transferAll(bytes32 hash, uint256 id, address from, address to) internal override {
        uint256 erc1155Id = multiParty.erc1155IdOf(hash, id);
        uint256 balance = multiParty.balanceOf(from, erc1155Id);
        vm.prank(from);
        multiParty.safeTransferFrom(from, to, erc1155Id, balance, "");
    }

    function _sealsOnReserve() internal pure override returns (bool) {
        return false;
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

    function test_RegisterWithParties_ReservesIdsOneToNInOrderAndSeals() public {
        address[] memory recipients = new address[](3);
        (recipients[0], recipients[1], recipients[2]) = (alice, bob, alice);
        uint256[] memory amounts = new uint256[](3);
        (amounts[0], amounts[1], amounts[2]) = (5, 1, type(uint88).max);
        vm.recordLogs();
        bytes32 h = _registerWithParties(address(multiParty), recipients, amounts);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        uint256 reservedSeen;
        uint256 sealedAt;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(multiParty)) continue;
            assertEq(logs[i].topics[1], h, "topic1 integraHash");
            assertEq(logs[i].topics[2], PROCESS, "topic2 processHash");
            if (logs[i].topics[0] == IntegraTokenizerBase.TokenReserved.selector) {
                (uint256 id, uint256 value, address reservedBy,) =
                    abi.decode(logs[i].data, (uint256, uint256, address, uint256));
                assertEq(id, reservedSeen + 1, "ids 1..n in order");
                assertEq(value, amounts[reservedSeen], "amount");
                assertEq(reservedBy, owner, "reserved by the registrant");
                assertEq(logs[i].topics[3], bytes32(uint256(uint160(recipients[reservedSeen]))), "recipient");
                reservedSeen++;
            } else if (logs[i].topics[0] == IntegraTokenizerBase.PartiesSealed.selector) {
                assertEq(reservedSeen, 3, "sealed after the reservations");
                sealedAt = i;
            }
        }
        assertEq(reservedSeen, 3, "three reservations");
        assertTrue(sealedAt != 0, "sealed");
        (bool isSealed, uint256 parties) = multiParty.partySetOf(h);
        assertTrue(isSealed, "sealed");
        assertEq(parties, 3, "three parties");
        _assertProgress(h, 3, 0, false);
        uint256[] memory ids = multiParty.tokenIdsOf(h);
        assertEq(ids.length, 3, "three ids");
        assertEq(ids[2], 3, "third id");
    }

    function test_RevertWhen_RegisterWithPartyAmountAboveUint88() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, uint256(type(uint88).max) + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.InvalidAmount.selector, uint256(type(uint88).max) + 1)
        );
        _registerWithParties(address(multiParty), recipients, amounts);
    }

    function test_ThreeParties_DocumentCompleteOnlyOnLastClaim() public {
        bytes32 h = _threePartyRecord();
        integraHash = h;
        _assertPartySet(h, true, 3);
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

    /// @dev Cancelling the last unclaimed party of a sealed set does not complete it: the token must be reserved
    /// again and claimed.
    function test_CancelInSealedSet_CompletesOnlyOnceReReservedAndClaimed() public {
        bytes32 h = _threePartyRecord();
        integraHash = h;
        _claimId(alice, 1);
        _claimId(bob, 2);

        vm.recordLogs();
        vm.prank(executor);
        multiParty.cancelReservation(h, 3);
        assertEq(_countDocumentComplete(vm.getRecordedLogs()), 0, "no DocumentComplete on the cancel");
        _assertProgress(h, 2, 2, false);

        _reserveId(3, stranger, 1);
        assertEq(_claimId(stranger, 3), 1, "completes when the replacement claims");
        _assertProgress(h, 3, 3, true);
    }

    function test_CancelWithUnclaimedLeft_DoesNotComplete() public {
        bytes32 h = _threePartyRecord();
        integraHash = h;
        _claimId(alice, 1);
        vm.prank(owner);
        multiParty.cancelReservation(h, 3);
        assertEq(_claimId(bob, 2), 0, "token 3 of the set is still open");
        _assertProgress(h, 2, 2, false);
    }

    /// @dev An unsealed record never completes, however many of its reservations are claimed; sealing a set
    /// whose every token is claimed completes it in the seal.
    function test_UnsealedRecord_CompletesOnlyWhenSealed() public {
        _reserveId(1, alice, 1);
        assertEq(_claimId(alice, 1), 0, "no DocumentComplete without a seal");
        _assertProgress(integraHash, 1, 1, false);

        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.PartiesSealed(integraHash, PROCESS, 1, block.timestamp);
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.DocumentComplete(integraHash, PROCESS, 1, block.timestamp);
        vm.prank(owner);
        multiParty.sealParties(integraHash);
        _assertProgress(integraHash, 1, 1, true);
    }

    function test_SealParties_CountsEveryIdReservedSoFar() public {
        _reserveId(4, alice, 1);
        _reserveId(9, bob, 1);
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.PartiesSealed(integraHash, PROCESS, 2, block.timestamp);
        vm.prank(executor);
        multiParty.sealParties(integraHash);
        _assertPartySet(integraHash, true, 2);
    }

    function test_RevertWhen_ReserveNewTokenAfterSeal() public {
        _reserveId(1, alice, 1);
        vm.prank(owner);
        multiParty.sealParties(integraHash);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesAlreadySealed.selector, integraHash));
        _reserveId(2, bob, 1);
    }

    function test_RevertWhen_ReserveNewTokenInRegisteredPartySet() public {
        bytes32 h = _threePartyRecord();
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesAlreadySealed.selector, h));
        vm.prank(owner);
        multiParty.reserveToken(h, 4, stranger, 1, PROCESS);
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
        address[] memory recipients = new address[](2);
        (recipients[0], recipients[1]) = (alice, alice);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (2, 3);
        integraHash = _registerWithParties(address(multiParty), recipients, amounts);
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

    /// @dev A claimant who keeps part of its role's units stays a party; the receiver of the rest holds but is none.
    function test_IsParty_PartialTransferKeepsTheClaimantAParty() public {
        _reserveId(1, alice, 4);
        _claimId(alice, 1);
        uint256 id = multiParty.erc1155IdOf(integraHash, 1);
        vm.prank(alice);
        multiParty.safeTransferFrom(alice, bob, id, 3, "");
        assertTrue(multiParty.isParty(integraHash, 1, alice), "alice keeps one unit");
        assertTrue(multiParty.isHolder(integraHash, 1, bob), "bob holds three");
        assertTrue(!multiParty.isParty(integraHash, 1, bob), "bob is no party");
    }

    function test_RevertWhen_ReserveClaimedTokenOfIncompleteRecord() public {
        _reserveId(1, alice, 1);
        _reserveId(2, bob, 1);
        _claimId(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AlreadyClaimed.selector, integraHash, 1));
        _reserveId(1, carol, 1);
    }

    function test_RevertWhen_ReserveNewTokenAfterComplete() public {
        _reserveId(1, alice, 1);
        vm.prank(owner);
        multiParty.sealParties(integraHash);
        _claimId(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.DocumentAlreadyComplete.selector, integraHash));
        _reserveId(2, bob, 1);
    }

    function test_RevertWhen_ReserveTokenIdZero() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidTokenId.selector, 0));
        _reserveId(0, alice, 1);
    }

    function test_RevertWhen_ReserveAmountZero() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidAmount.selector, 0));
        _reserveId(1, alice, 0);
    }

    function test_RevertWhen_ReserveAmountAboveUint88() public {
        uint256 tooMuch = uint256(type(uint88).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidAmount.selector, tooMuch));
        _reserveId(1, alice, tooMuch);
    }

    function test_ReserveAmountUint88Max() public {
        _reserveId(1, alice, type(uint88).max);
        _claimId(alice, 1);
        assertEq(multiParty.balanceOf(alice, multiParty.erc1155IdOf(integraHash, 1)), type(uint88).max, "max");
    }

    function test_ClaimToken_AttestationForToken0CoversEveryId() public {
        _reserveId(7, alice, 1);
        _reserveId(8, alice, 1);
        vm.prank(owner);
        multiParty.sealParties(integraHash);
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
    }

    function test_RevertWhen_ClaimingContractCannotReceiveErc1155() public {
        address sink = address(registry); // a contract without onERC1155Received
        _reserveId(1, sink, 1);
        bytes32 uid = _attestClaim(sink, integraHash, 1);
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidReceiver.selector, sink));
        vm.prank(sink);
        multiParty.claimToken(integraHash, 1, uid, PROCESS);
    }
}
