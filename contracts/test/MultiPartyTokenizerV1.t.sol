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
        multiParty.reserveToken(integraHash, id, recipient, value, PROCESS, "");
    }

    function _sealRecord() internal {
        vm.prank(owner);
        multiParty.sealParties(integraHash);
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
        _sealRecord();
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

    /// @dev Before the first claim a sealed set may replace a party: cancelling does not complete the set, no new
    /// id can be added, and the set completes once the token is reserved again and every party has claimed.
    function test_CancelInSealedSet_BeforeFirstClaim_CompletesOnlyOnceReReservedAndClaimed() public {
        bytes32 h = _threePartyRecord();
        integraHash = h;

        vm.recordLogs();
        vm.prank(executor);
        multiParty.cancelReservation(h, 3);
        assertEq(_countDocumentComplete(vm.getRecordedLogs()), 0, "no DocumentComplete on the cancel");
        _assertProgress(h, 2, 0, false);
        _assertPartySet(h, true, 3);

        _reserveId(3, stranger, 1);
        _assertProgress(h, 3, 0, false);
        assertEq(_claimId(alice, 1), 0, "not after the first");
        assertEq(_claimId(bob, 2), 0, "not after the second");
        assertEq(_claimId(stranger, 3), 1, "completes when the replacement claims");
        _assertProgress(h, 3, 3, true);
        (, address reservedFor,,) = multiParty.tokenStatus(h, 3);
        assertEq(reservedFor, stranger, "token 3 went to the replacement");
    }

    /// @dev The lock leaves the lost-wallet path open until the first claim: in a sealed set registered with
    /// alice, bob and carol, the owner cancels carol's token 3 and reserves it for her new wallet. Her old address
    /// can no longer claim, and the record completes once alice, bob and the new wallet have claimed.
    function test_SealedSet_ReplacesALostWalletBeforeTheFirstClaim() public {
        address carolsNewWallet = vm.addr(0xC2);
        bytes32 h = _threePartyRecord();
        integraHash = h;
        vm.prank(owner);
        multiParty.cancelReservation(h, 3);
        _reserveId(3, carolsNewWallet, 1);
        _assertProgress(h, 3, 0, false);
        _assertPartySet(h, true, 3);

        bytes32 oldUid = _attestClaim(carol, h, 3);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.NotReservedForCaller.selector, carolsNewWallet, carol)
        );
        vm.prank(carol);
        multiParty.claimToken(h, 3, oldUid, PROCESS);

        assertEq(_claimId(alice, 1), 0, "not after alice");
        assertEq(_claimId(bob, 2), 0, "not after bob");
        assertEq(_claimId(carolsNewWallet, 3), 1, "complete on the new wallet's claim");
        _assertProgress(h, 3, 3, true);
        assertTrue(multiParty.isParty(h, 3, carolsNewWallet), "the new wallet is the party");
        assertTrue(!multiParty.isHolder(h, 3, carol), "the old one holds nothing");
    }

    /// @dev From the first claim on the set is locked: the executor cannot cancel a party still to claim.
    function test_RevertWhen_ExecutorCancelsAfterFirstClaim() public {
        bytes32 h = _threePartyRecord();
        integraHash = h;
        _claimId(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartySetLocked.selector, h));
        vm.prank(executor);
        multiParty.cancelReservation(h, 3);
    }

    /// @dev Nor can the owner; the parties left claim as reserved and the set completes with them.
    function test_RevertWhen_OwnerCancelsAfterFirstClaim() public {
        bytes32 h = _threePartyRecord();
        integraHash = h;
        _claimId(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartySetLocked.selector, h));
        vm.prank(owner);
        multiParty.cancelReservation(h, 3);

        assertEq(_claimId(bob, 2), 0, "not after the second");
        assertEq(_claimId(carol, 3), 1, "carol's reservation stood and completes the set");
        _assertProgress(h, 3, 3, true);
    }

    /// @dev A claimed token reports AlreadyClaimed before the lock is considered.
    function test_RevertWhen_CancelClaimedTokenOfLockedSet() public {
        bytes32 h = _threePartyRecord();
        integraHash = h;
        _claimId(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AlreadyClaimed.selector, h, 1));
        vm.prank(owner);
        multiParty.cancelReservation(h, 1);
    }

    /// @dev A vacated place blocks every claim until it is refilled, so a sealed record can never be left with a
    /// place nobody can fill (a claim would lock the set with the place still empty).
    function test_RevertWhen_ClaimWhileACancelledPartysPlaceIsVacant() public {
        bytes32 h = _threePartyRecord();
        integraHash = h;
        vm.prank(owner);
        multiParty.cancelReservation(h, 3);
        bytes32 uid = _attestClaim(alice, h, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.VacantPartyPlace.selector, h));
        vm.prank(alice);
        multiParty.claimToken(h, 1, uid, PROCESS);
    }

    /// @dev A token cancelled before the seal is not a party; after the first claim it cannot be brought in.
    function test_RevertWhen_ReReserveATokenCancelledBeforeTheSealAfterFirstClaim() public {
        _reserveId(1, alice, 1);
        _reserveId(2, bob, 1);
        _reserveId(3, carol, 1);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 3);
        vm.prank(owner);
        multiParty.sealParties(integraHash);
        _claimId(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartySetLocked.selector, integraHash));
        _reserveId(3, carol, 1);
    }

    /// @dev With a place refilled by another cancelled id, claiming the cancelled token itself says it is not reserved.
    function test_RevertWhen_ClaimACancelledTokenWhosePlaceWasRefilled() public {
        _reserveId(1, alice, 1);
        _reserveId(2, bob, 1);
        _reserveId(3, carol, 1);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 3);
        vm.prank(owner);
        multiParty.sealParties(integraHash);
        bytes32 uid = _attestClaim(alice, integraHash, 1);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 1);
        _reserveId(3, carol, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotReserved.selector, integraHash, 1));
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, uid, PROCESS);
    }

    /// @dev No claim before the seal: a party would commit to a set the owner may still grow.
    function test_RevertWhen_ClaimBeforeSeal() public {
        _reserveId(1, alice, 1);
        bytes32 uid = _attestClaim(alice, integraHash, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesNotSealed.selector, integraHash));
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, uid, PROCESS);
    }

    /// @dev The attestation is checked before the seal: a bad one reports its own error on an unsealed set too.
    function test_RevertWhen_ClaimBeforeSealWithUnknownAttestation() public {
        _reserveId(1, alice, 1);
        bytes32 uid = keccak256("made up");
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.UnknownAttestation.selector, uid));
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, uid, PROCESS);
    }

    /// @dev A claim is refused until the seal, and the seal itself completes nothing (nothing can be claimed
    /// yet); the record completes on the claim after it.
    function test_UnsealedRecord_ClaimableOnlyOnceSealed() public {
        _reserveId(1, alice, 1);
        bytes32 uid = _attestClaim(alice, integraHash, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesNotSealed.selector, integraHash));
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, uid, PROCESS);

        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.PartiesSealed(integraHash, PROCESS, 1, block.timestamp);
        vm.recordLogs();
        vm.prank(owner);
        multiParty.sealParties(integraHash);
        assertEq(_countDocumentComplete(vm.getRecordedLogs()), 0, "no DocumentComplete at the seal");
        _assertProgress(integraHash, 1, 0, false);

        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.DocumentComplete(integraHash, PROCESS, 1, block.timestamp);
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, uid, PROCESS);
        _assertProgress(integraHash, 1, 1, true);
    }

    /// @dev In a sealed set an id that was never reserved is not a token of the set.
    function test_RevertWhen_ClaimIdOutsideTheSealedSet() public {
        _reserveId(1, alice, 1);
        _sealRecord();
        bytes32 uid = _attestClaim(alice, integraHash, 2);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotReserved.selector, integraHash, 2));
        vm.prank(alice);
        multiParty.claimToken(integraHash, 2, uid, PROCESS);
    }

    /// @dev A cancelled reservation is no party: a record whose only reservation was cancelled has none to seal.
    function test_RevertWhen_SealWithOnlyCancelledReservations() public {
        _reserveId(1, alice, 1);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NoParties.selector, integraHash));
        _sealRecord();
    }

    /// @dev The parties are the reservations live at the seal: a token cancelled before it is left out, and the
    /// record completes without it.
    function test_SealParties_LeavesOutATokenCancelledBeforeTheSeal() public {
        _reserveId(1, alice, 1);
        _reserveId(2, bob, 1);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 2);
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.PartiesSealed(integraHash, PROCESS, 1, block.timestamp);
        _sealRecord();
        _assertPartySet(integraHash, true, 1);
        _assertProgress(integraHash, 1, 0, false);
        assertEq(multiParty.tokenIdsOf(integraHash).length, 2, "both ids stay listed");

        assertEq(_claimId(alice, 1), 1, "alice alone completes the set of one");
        _assertProgress(integraHash, 1, 1, true);
    }

    /// @dev ...and it cannot be reserved again into the full set: that would add a party.
    function test_RevertWhen_ReReserveATokenCancelledBeforeTheSealIntoAFullSet() public {
        _reserveId(1, alice, 1);
        _reserveId(2, bob, 1);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 2);
        _sealRecord();
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesAlreadySealed.selector, integraHash));
        _reserveId(2, carol, 1);
    }

    /// @dev Before the first claim a place vacated in a sealed set may be refilled by any cancelled id of the
    /// record, here one cancelled before the seal; the set keeps its count and completes when its parties claim.
    function test_SealedSet_VacatedPlaceRefilledWithAnotherCancelledId() public {
        _reserveId(1, alice, 1);
        _reserveId(2, bob, 1);
        _reserveId(3, carol, 1);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 3);
        _sealRecord();
        _assertPartySet(integraHash, true, 2);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 2);
        _reserveId(3, carol, 1);
        _assertProgress(integraHash, 2, 0, false);
        _assertPartySet(integraHash, true, 2);

        assertEq(_claimId(alice, 1), 0, "not after the first");
        assertEq(_claimId(carol, 3), 1, "complete with alice and carol");
        _assertProgress(integraHash, 2, 2, true);
    }

    /// @dev Refilling never grows the set: once every place is taken again, another cancelled id is refused.
    function test_RevertWhen_RefillBeyondTheSealedCount() public {
        _reserveId(1, alice, 1);
        _reserveId(2, bob, 1);
        _reserveId(3, carol, 1);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 3);
        _sealRecord();
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 2);
        _reserveId(3, carol, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesAlreadySealed.selector, integraHash));
        _reserveId(2, bob, 1);
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
        multiParty.reserveToken(h, 4, stranger, 1, PROCESS, "");
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
        _sealRecord();
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
        _sealRecord();
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
        _sealRecord();
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
        _sealRecord();
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
        _sealRecord();
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
        _sealRecord();
        bytes32 uid = _attestClaim(sink, integraHash, 1);
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidReceiver.selector, sink));
        vm.prank(sink);
        multiParty.claimToken(integraHash, 1, uid, PROCESS);
    }
}
