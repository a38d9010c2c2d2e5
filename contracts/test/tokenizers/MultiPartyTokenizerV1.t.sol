// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Attestation, IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {SchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/SchemaResolver.sol";
import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC1155MetadataURI} from "@openzeppelin/contracts/token/ERC1155/extensions/IERC1155MetadataURI.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IntegraTokenizerBaseTest} from "./IntegraTokenizerBase.t.sol";
import {Vm} from "../utils/Vm.sol";
import {IntegraRecordV1} from "../../src/IntegraRecordV1.sol";
import {IntegraCapabilityResolverV1} from "../../src/IntegraCapabilityResolverV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {MultiPartyTokenizerV1} from "../../src/tokenizers/MultiPartyTokenizerV1.sol";
import {IIntegraTokenizer} from "../../src/interfaces/IIntegraTokenizer.sol";
import {Capabilities} from "../../src/Capabilities.sol";

/// @dev A schema resolver that accepts everything: a look-alike of the capability schema anyone may attest on.
contract AcceptAllSchemaResolver is SchemaResolver {
    constructor(IEAS eas_) SchemaResolver(eas_) {}

    function onAttest(Attestation calldata, uint256) internal pure override returns (bool) {
        return true;
    }

    function onRevoke(Attestation calldata, uint256) internal pure override returns (bool) {
        return true;
    }
}

/// @dev A party contract that, on receipt, snapshots the tokenizer's state and makes prepared calls.
contract ClaimSpyReceiver is IERC1155Receiver {
    MultiPartyTokenizerV1 public immutable t;
    bytes32 public ih;
    uint256 public seenTokenId;
    IntegraTokenizerBase.TokenStatus public seenStatus;
    bytes32 public seenProcess;
    uint256 public seenClaimed;
    bool public seenComplete;
    bytes[] internal _calls;
    bool[] public oks;
    bytes[] public rets;
    bool internal _busy;

    constructor(MultiPartyTokenizerV1 t_) {
        t = t_;
    }

    function setRecord(bytes32 h) external {
        ih = h;
    }

    function push(bytes calldata data) external {
        _calls.push(data);
    }

    function call_(address to, bytes calldata data) external returns (bool ok, bytes memory ret) {
        (ok, ret) = to.call(data);
    }

    function okAt(uint256 i) external view returns (bool) {
        return oks[i];
    }

    function retAt(uint256 i) external view returns (bytes memory) {
        return rets[i];
    }

    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external returns (bytes4) {
        if (!_busy && ih != bytes32(0)) {
            _busy = true;
            (seenStatus,,, seenProcess) = t.tokenStatus(ih, 1);
            (, seenClaimed, seenComplete) = t.progressOf(ih);
            for (uint256 i; i < _calls.length; ++i) {
                (bool ok, bytes memory ret) = address(t).call(_calls[i]);
                oks.push(ok);
                rets.push(ret);
            }
            delete _calls;
            _busy = false;
        }
        return this.onERC1155Received.selector;
    }

    function onERC1155BatchReceived(address, address, uint256[] calldata, uint256[] calldata, bytes calldata)
        external
        pure
        returns (bytes4)
    {
        return this.onERC1155BatchReceived.selector;
    }

    function supportsInterface(bytes4 id) external pure returns (bool) {
        return id == type(IERC1155Receiver).interfaceId || id == type(IERC165).interfaceId;
    }
}

/// @notice IntegraTokenizerBase's shared suite against the ERC-1155 multi-party tokenizer, plus the multi-party flows.
contract MultiPartyTokenizerV1Test is IntegraTokenizerBaseTest {
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

    function _metadataIdOf(bytes32 hash, uint256 id) internal view override returns (uint256) {
        return multiParty.erc1155IdOf(hash, id);
    }

    function _tokenUri(uint256 id) internal view override returns (string memory) {
        return multiParty.uri(id);
    }

    function _expectNoSuchToken(uint256 id) internal override {
        vm.expectRevert(abi.encodeWithSelector(MultiPartyTokenizerV1.UnknownErc1155Id.selector, id));
    }

    function _metadataName() internal pure override returns (string memory) {
        return "Integra agreement token";
    }

    function _unnamedName() internal view override returns (string memory) {
        return string.concat("Integra agreement token #", Strings.toString(tokenId));
    }

    function _unnamedImageRole() internal view override returns (string memory) {
        return string.concat("Party #", Strings.toString(tokenId));
    }

    function _metadataKind() internal pure override returns (string memory) {
        return "Party role (ERC-1155)";
    }

    function _metadataInterfaceId() internal pure override returns (bytes4) {
        return type(IERC1155MetadataURI).interfaceId;
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

    // ---------------------------------------------------------------- the party set, from the seal to the last claim

    function _claimCountingCompletes(address party, bytes32 h, uint256 id) internal returns (uint256) {
        bytes32 uid = _attestClaim(party, h, id);
        vm.recordLogs();
        vm.prank(party);
        multiParty.claimToken(h, id, uid, PROCESS);
        return _countDocumentComplete(vm.getRecordedLogs());
    }

    /// @dev One reservation claimed alone is not a complete agreement: no claim is accepted before the seal
    /// (PartiesNotSealed), a second party can still be reserved, the seal completes nothing, and the record completes
    /// once, on the claim of the last party of the sealed set.
    function test_RevertWhen_ClaimBetweenTwoReservationsBeforeTheSeal() public {
        _reserveId(1, alice, 1);
        bytes32 aliceUid = _attestClaim(alice, integraHash, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesNotSealed.selector, integraHash));
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, aliceUid, PROCESS);

        _reserveId(2, bob, 1); // the set is still open: alice's refused claim completed nothing
        _assertProgress(integraHash, 2, 0, false);

        vm.recordLogs();
        _sealRecord();
        assertEq(_countDocumentComplete(vm.getRecordedLogs()), 0, "the seal completes nothing");
        _assertProgress(integraHash, 2, 0, false);

        vm.recordLogs();
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, aliceUid, PROCESS);
        assertEq(_countDocumentComplete(vm.getRecordedLogs()), 0, "no DocumentComplete after party 1 alone");
        _assertProgress(integraHash, 2, 1, false);

        bytes32 bobUid = _attestClaim(bob, integraHash, 2);
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.DocumentComplete(integraHash, PROCESS, 2, block.timestamp);
        vm.recordLogs();
        vm.prank(bob);
        multiParty.claimToken(integraHash, 2, bobUid, PROCESS);
        assertEq(_countDocumentComplete(vm.getRecordedLogs()), 1, "complete once, on the last party's claim");
        _assertProgress(integraHash, 2, 2, true);
    }

    /// @dev A record registered with its parties takes no new token, and completes only when each of the three has
    /// claimed.
    function test_RegisterWithParties_CompletesOnlyAfterAllClaim() public {
        bytes32 h = _threePartyRecord();
        assertEq(_claimCountingCompletes(alice, h, 1), 0, "not after alice");
        assertEq(_claimCountingCompletes(bob, h, 2), 0, "not after bob");
        _assertProgress(h, 3, 2, false);

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesAlreadySealed.selector, h));
        vm.prank(owner);
        multiParty.reserveToken(h, 4, stranger, 1, PROCESS, "");

        assertEq(_claimCountingCompletes(carol, h, 3), 1, "complete on the last party's claim");
        _assertProgress(h, 3, 3, true);
    }

    /// @dev After registerWithParties(alice, bob, carol), alice and bob claim; the owner then tries to cancel carol's
    /// token 3 and reserve it for mallory, which would bind alice and bob to a counterparty they never agreed to. The
    /// set is locked from the first claim: the cancel reverts PartySetLocked, token 3 stays carol's (reserving it for
    /// mallory reverts AlreadyReserved), carol can still claim, and the record completes with the original three.
    function test_RevertWhen_OwnerSwapsAPartyAfterOthersClaimed() public {
        _assertNoSwapAfterClaims(owner);
    }

    /// @dev The same swap tried by the record's executor.
    function test_RevertWhen_ExecutorSwapsAPartyAfterOthersClaimed() public {
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

    // ---------------------------------------------------------------- attestations die with the authority that made them

    /// @dev After a sale neither the seller's nor its executor's attestation authorizes a claim: both are
    /// AttestationFromEarlierAuthority; the buyer's own attestation works.
    function test_RevertWhen_AfterSaleOldOwnersAndExecutorsAttestationsClaim() public {
        _reserveId(1, alice, 1);
        _reserveId(2, carol, 1);
        _sealRecord();
        bytes32 byOwner = _attestClaim(alice, integraHash, 1);
        bytes32 byExecutor = _attest(executor, carol, integraHash, 2, Capabilities.CLAIM, 0);
        _sell(integraHash, bob);

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationFromEarlierAuthority.selector, byOwner));
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, byOwner, PROCESS);

        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.AttestationFromEarlierAuthority.selector, byExecutor)
        );
        vm.prank(carol);
        multiParty.claimToken(integraHash, 2, byExecutor, PROCESS);

        // The buyer's own attestation works.
        bytes32 byBuyer = _attest(bob, carol, integraHash, 2, Capabilities.CLAIM, 0);
        vm.prank(carol);
        multiParty.claimToken(integraHash, 2, byBuyer, PROCESS);
        assertTrue(multiParty.isParty(integraHash, 2, carol), "claimed with the buyer's attestation");
    }

    /// @dev An attester who is owner again is not enough: after A -> B -> A the owner's attestation from before the
    /// first sale stays dead, and a new one works.
    function test_RevertWhen_AttestationFromBeforeASaleAndBuyBackClaims() public {
        _reserveId(1, alice, 1);
        _sealRecord();
        bytes32 old = _attestClaim(alice, integraHash, 1);
        _sell(integraHash, bob);
        _sell(integraHash, owner);
        (address o,,,, uint64 epoch) = registry.authorityOf(integraHash);
        assertEq(o, owner, "A owns it again");
        assertEq(epoch, 3, "two epochs later (from 1: the executor's acceptance)");

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationFromEarlierAuthority.selector, old));
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, old, PROCESS);

        vm.warp(block.timestamp + 1);
        bytes32 fresh = _attestClaim(alice, integraHash, 1);
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, fresh, PROCESS);
        assertTrue(multiParty.isParty(integraHash, 1, alice), "a new attestation works");
    }

    /// @dev An executor removed and appointed again is authorized again, but its old attestations (which the owner
    /// meant to end by removing it) stay dead.
    function test_RevertWhen_AttestationFromBeforeAnExecutorsRemovalAndReappointmentClaims() public {
        _reserveId(1, alice, 1);
        _sealRecord();
        bytes32 old = _attest(executor, alice, integraHash, 1, Capabilities.CLAIM, 0);
        _removeExecutor(integraHash);
        _appointExecutor(integraHash, executor);
        assertTrue(registry.isOwnerOrExecutor(integraHash, executor), "executor again");

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationFromEarlierAuthority.selector, old));
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, old, PROCESS);

        vm.warp(block.timestamp + 1);
        bytes32 fresh = _attest(executor, alice, integraHash, 1, Capabilities.CLAIM, 0);
        vm.prank(alice);
        multiParty.claimToken(integraHash, 1, fresh, PROCESS);
        assertTrue(multiParty.isParty(integraHash, 1, alice), "the re-appointed executor's new attestation works");
    }

    // ---------------------------------------------------------------- the claim's schema and processHash

    /// @dev Same schema text, permissive resolver, foreign processHash in the data: refused by the schema check.
    function test_RevertWhen_ClaimWithLookalikeSchemaNamingAForeignProcess() public {
        bytes32 foreign = keccak256("attacker's workflow");
        (address[] memory r, uint256[] memory amounts) = _twoOf(alice, bob);
        bytes32 h = _registerWithParties(address(multiParty), r, amounts);
        AcceptAllSchemaResolver fake = new AcceptAllSchemaResolver(eas);
        bytes32 s = schemaRegistry.register(Capabilities.SCHEMA, ISchemaResolver(address(fake)), true);
        bytes32 uid = _attestDataOn(s, stranger, alice, 0, abi.encode(h, uint256(1), Capabilities.CLAIM, foreign));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.WrongSchema.selector, uid, s));
        vm.prank(alice);
        multiParty.claimToken(h, 1, uid, foreign);
    }

    /// @dev A tokenizer is bound to the capability schema its resolver serves: any other schema is refused at deploy.
    function test_RevertWhen_TokenizerSchemaIsNotTheResolvers() public {
        bytes32 other = schemaRegistry.register(Capabilities.SCHEMA, ISchemaResolver(address(0)), true);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.SchemaNotResolvedBy.selector, other, address(capabilityResolver))
        );
        new MultiPartyTokenizerV1(registry, eas, other, capabilityResolver, address(forwarder));
    }

    /// @dev A stranger cannot register into the victim's workflow at all; in its own workflow of the same id (another
    /// processHash), its record and its attestations get it nothing on the victim's record.
    function test_RevertWhen_AnotherRegistrantReusesTheWorkflowId() public {
        (address[] memory r, uint256[] memory amounts) = _twoOf(alice, bob);
        bytes32 h = _registerWithParties(address(multiParty), r, amounts);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.NotWorkflowMember.selector, PROCESS, stranger));
        vm.prank(stranger);
        registry.register(CONTENT, hex"", address(multiParty), address(0), PROCESS, new address[](0));

        vm.prank(stranger);
        bytes32 strangersProcess = registry.openWorkflow(WORKFLOW_ID);
        assertNotEq(strangersProcess, PROCESS, "the same id is another workflow for another owner");
        vm.prank(stranger);
        bytes32 mine =
            registry.register(CONTENT, hex"", address(multiParty), address(0), strangersProcess, new address[](0));
        bytes32 uid = _attestData(stranger, alice, 0, abi.encode(mine, uint256(1), Capabilities.CLAIM, strangersProcess));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationForOtherRecord.selector, mine, h));
        vm.prank(alice);
        multiParty.claimToken(h, 1, uid, PROCESS);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, h, stranger)
        );
        _attestData(stranger, alice, 0, abi.encode(h, uint256(1), Capabilities.CLAIM, PROCESS));
    }

    /// @dev The receiver is the executor and both parties; on the first mint it reads state and re-enters.
    function test_ReentrantExecutorPartyDuringMint() public {
        ClaimSpyReceiver spy = new ClaimSpyReceiver(multiParty);
        (address[] memory r, uint256[] memory amounts) = _twoOf(address(spy), address(spy));
        vm.prank(owner);
        bytes32 h = registry.registerWithParties(
            CONTENT, hex"", address(multiParty), address(spy), PROCESS, new address[](0), _parties(r, amounts)
        );
        spy.call_(address(registry), abi.encodeCall(IntegraRecordV1.acceptExecutorRole, (h)));
        assertTrue(registry.isOwnerOrExecutor(h, address(spy)), "the spy accepted the executor role");
        spy.setRecord(h);
        bytes32 uid1 = _attest(owner, address(spy), h, 1, Capabilities.CLAIM, 0);
        bytes32 uid2 = _attest(owner, address(spy), h, 2, Capabilities.CLAIM, 0);
        spy.push(abi.encodeCall(IntegraTokenizerBase.claimToken, (h, 1, uid1, PROCESS))); // again: AlreadyClaimed
        spy.push(abi.encodeCall(IntegraTokenizerBase.cancelReservation, (h, 2))); // PartySetLocked
        spy.push(abi.encodeCall(IntegraTokenizerBase.reserveToken, (h, 3, alice, 1, PROCESS, ""))); // sealed
        spy.push(abi.encodeCall(IntegraTokenizerBase.claimToken, (h, 2, uid2, PROCESS))); // ok, completes

        vm.recordLogs();
        spy.call_(address(multiParty), abi.encodeCall(IntegraTokenizerBase.claimToken, (h, 1, uid1, PROCESS)));
        Vm.Log[] memory logs = vm.getRecordedLogs();

        assertEq(uint256(spy.seenStatus()), uint256(IntegraTokenizerBase.TokenStatus.Claimed), "mid-mint status");
        assertEq(spy.seenProcess(), PROCESS, "mid-mint processHash");
        assertEq(spy.seenClaimed(), 1, "mid-mint claimed");
        assertTrue(!spy.seenComplete(), "not complete mid-mint");
        assertTrue(!spy.okAt(0) && !spy.okAt(1) && !spy.okAt(2) && spy.okAt(3), "only the other token's claim");
        assertEq(bytes32(bytes4(spy.retAt(0))), bytes32(IntegraTokenizerBase.AlreadyClaimed.selector), "r0");
        assertEq(bytes32(bytes4(spy.retAt(1))), bytes32(IntegraTokenizerBase.PartySetLocked.selector), "r1");
        assertEq(bytes32(bytes4(spy.retAt(2))), bytes32(IntegraTokenizerBase.PartiesAlreadySealed.selector), "r2");
        _assertProgress(h, 2, 2, true);

        uint256 completes;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(multiParty) || logs[i].topics.length < 3) continue;
            if (logs[i].topics[0] == keccak256("TransferSingle(address,address,address,uint256,uint256)")) continue;
            assertEq(logs[i].topics[2], PROCESS, "every tokenizer event carries the record's processHash");
            if (logs[i].topics[0] == IntegraTokenizerBase.DocumentComplete.selector) completes++;
        }
        assertEq(completes, 1, "one DocumentComplete");
    }

    /// @dev tokenStatus never reverts for never-reserved tokens, whatever the record (none, no tokenizer, another one).
    function test_TokenStatus_OfRecordsWithoutTokensHere() public {
        vm.prank(stranger);
        bytes32 none = registry.register(CONTENT, hex"", address(0), address(0), bytes32(0), new address[](0));
        bytes32 other = _register(address(ownership));
        bytes32[3] memory hs = [none, other, keccak256("unknown")];
        for (uint256 i; i < 3; ++i) {
            (IntegraTokenizerBase.TokenStatus status,,, bytes32 p) = multiParty.tokenStatus(hs[i], 1);
            assertEq(uint256(status), 0, "None");
            assertEq(p, bytes32(0), "no processHash");
        }
    }

    function _twoOf(address a, address b) internal pure returns (address[] memory r, uint256[] memory amounts) {
        r = new address[](2);
        (r[0], r[1]) = (a, b);
        amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (1, 1);
    }

    // ---------------------------------------------------------------- roles: what a role may contain

    function _oneParty(string memory role) internal view returns (IIntegraTokenizer.Party[] memory p) {
        p = new IIntegraTokenizer.Party[](1);
        p[0] = IIntegraTokenizer.Party(alice, 1, role);
    }

    /// @dev A role is counted in bytes, not characters (as the app's roleProblem does).
    function test_MultibyteRole_CountedInBytes() public {
        string memory sixteenE = unicode"éééééééééééééééé"; // 16 characters, 32 bytes
        string memory elevenEuro = unicode"€€€€€€€€€€€"; // 11 characters, 33 bytes
        assertEq(bytes(sixteenE).length, 32, "32 bytes");
        vm.prank(owner);
        multiParty.reserveToken(integraHash, 1, alice, 1, PROCESS, sixteenE);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleTooLong.selector, 33, 32));
        vm.prank(owner);
        multiParty.reserveToken(integraHash, 2, alice, 1, PROCESS, elevenEuro);
    }

    /// @dev Any length on either path: accepted exactly when it is at most MAX_ROLE_BYTES bytes.
    function testFuzz_RoleLength_SameRuleOnBothPaths(uint8 len, bool viaRegistry) public {
        bytes memory printable = new bytes(bound(len, 0, 64));
        for (uint256 i; i < printable.length; ++i) printable[i] = "a";
        string memory role = string(printable);
        bool tooLong = bytes(role).length > 32;
        if (tooLong) {
            vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleTooLong.selector, bytes(role).length, 32));
        }
        vm.prank(owner);
        if (viaRegistry) {
            registry.registerWithParties(
                CONTENT, hex"c1f3", address(multiParty), executor, PROCESS, new address[](0), _oneParty(role)
            );
        } else {
            multiParty.reserveToken(integraHash, 1, alice, 1, PROCESS, role);
        }
    }

    /// @dev The longest role through the registry too; a too-long role in the last party undoes the whole registration.
    function test_RegisterWithParties_LongestAccepted_LastTooLongUndoesAll() public {
        vm.prank(owner);
        registry.registerWithParties(
            CONTENT, hex"c1f3", address(multiParty), executor, PROCESS, new address[](0), _oneParty(LONGEST_ROLE)
        );
        IIntegraTokenizer.Party[] memory p = new IIntegraTokenizer.Party[](3);
        p[0] = IIntegraTokenizer.Party(alice, 1, "Buyer");
        p[1] = IIntegraTokenizer.Party(bob, 1, "Seller");
        p[2] = IIntegraTokenizer.Party(carol, 1, TOO_LONG_ROLE);
        uint256 nonce = registry.nonces(owner);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleTooLong.selector, 33, 32));
        vm.prank(owner);
        registry.registerWithParties(CONTENT, hex"c1f3", address(multiParty), executor, PROCESS, new address[](0), p);
        assertEq(registry.nonces(owner), nonce, "nothing registered");
    }

    /// @dev A role lands in its recipient's "reserved for me", written by any registrant: terminal control bytes or a
    /// newline are refused on both paths, at the first one.
    function test_RevertWhen_RoleHasControlBytes() public {
        vm.prank(stranger);
        bytes32 mine = registry.register(CONTENT, hex"", address(multiParty), address(0), bytes32(0), new address[](0));
        string memory escape = string(hex"1b5b324b0d233120636c61696d65640a");
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleNotPrintable.selector, 0));
        vm.prank(stranger);
        multiParty.reserveToken(mine, 1, alice, 1, bytes32(0), escape);

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleNotPrintable.selector, 6));
        vm.prank(owner);
        registry.registerWithParties(
            CONTENT, hex"c1f3", address(multiParty), executor, PROCESS, new address[](0), _oneParty("Seller\nPaid")
        );

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleNotPrintable.selector, 3));
        vm.prank(stranger);
        multiParty.reserveToken(mine, 1, alice, 1, bytes32(0), string(hex"4142437f"));
    }

    /// @dev Printable ASCII and multibyte UTF-8 (its bytes are all at least 0x80) pass.
    function test_PrintableAndUnicodeRolesPass() public {
        vm.startPrank(owner);
        multiParty.reserveToken(integraHash, 1, alice, 1, PROCESS, "Seller's lender (2nd) ~ #1");
        multiParty.reserveToken(integraHash, 2, bob, 1, PROCESS, unicode"Käufer, 買い手");
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- metadata: status over the claims, ERC-4906

    /// @dev The ERC-1155 ids named by the MetadataUpdate logs among `logs`, in order.
    function _metadataUpdates(Vm.Log[] memory logs) internal view returns (uint256[] memory ids) {
        uint256 count;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(multiParty) && logs[i].topics[0] == IntegraTokenizerBase.MetadataUpdate.selector) {
                ++count;
            }
        }
        ids = new uint256[](count);
        count = 0;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(multiParty) && logs[i].topics[0] == IntegraTokenizerBase.MetadataUpdate.selector) {
                ids[count++] = abi.decode(logs[i].data, (uint256));
            }
        }
    }

    /// @dev Claims `id` for `party` and returns the ERC-1155 ids the claim's MetadataUpdate logs named.
    function _claimUpdates(address party, uint256 id) internal returns (uint256[] memory) {
        return _claimUpdatesWith(party, id, _attestClaim(party, integraHash, id));
    }

    function _claimUpdatesWith(address party, uint256 id, bytes32 uid) internal returns (uint256[] memory) {
        vm.recordLogs();
        vm.prank(party);
        multiParty.claimToken(integraHash, id, uid, PROCESS);
        return _metadataUpdates(vm.getRecordedLogs());
    }

    function _assertIds(uint256[] memory got, uint256[] memory expected, string memory what) internal view {
        assertEq(got.length, expected.length, string.concat(what, ": how many"));
        for (uint256 i; i < got.length; ++i) {
            assertEq(got[i], multiParty.erc1155IdOf(integraHash, expected[i]), what);
        }
    }

    function _ids(uint256 a) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = a;
    }

    function _ids(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        (ids[0], ids[1]) = (a, b);
    }

    function _status(uint256 id) internal view returns (string memory) {
        return _attribute(_metadataJson(multiParty.uri(multiParty.erc1155IdOf(integraHash, id))), "Status");
    }

    function test_NameAndSymbol() public view {
        assertEq(multiParty.name(), "Integra Agreement", "name");
        assertEq(multiParty.symbol(), "IAGR", "symbol");
    }

    /// @dev Three parties with roles: each claim announces its own token, "Claimed"; the last claim turns every token
    /// "Agreement complete" and announces all three, in token order.
    function test_Uri_StatusFromClaimedToComplete_WithMetadataUpdates() public {
        IIntegraTokenizer.Party[] memory p = new IIntegraTokenizer.Party[](3);
        p[0] = IIntegraTokenizer.Party(alice, 1, "Buyer");
        p[1] = IIntegraTokenizer.Party(bob, 1, "Seller");
        p[2] = IIntegraTokenizer.Party(carol, 1, "Lender");
        vm.prank(owner);
        integraHash = registry.registerWithParties(
            CONTENT, hex"c1f3", address(multiParty), executor, PROCESS, new address[](0), p
        );
        _executorAccepts(integraHash);

        _assertIds(_claimUpdates(alice, 1), _ids(1), "alice's claim");
        string memory json = _metadataJson(multiParty.uri(multiParty.erc1155IdOf(integraHash, 1)));
        assertEq(vm.parseJsonString(json, ".name"), "Integra agreement token: Buyer", "name");
        assertEq(_attribute(json, "Status"), "Claimed", "claimed, the others not yet");
        assertEq(vm.parseJsonUint(json, _attributePath(json, "Parties")), 3, "three parties");
        assertTrue(_contains(_metadataSvg(json), ">Claimed</text>"), "the image says claimed");
        _assertIds(_claimUpdates(bob, 2), _ids(2), "bob's claim");
        assertEq(_status(2), "Claimed", "bob's");

        uint256[] memory all = new uint256[](3);
        (all[0], all[1], all[2]) = (1, 2, 3);
        bytes32 uid = _attestClaim(carol, integraHash, 3);
        uint256[] memory erc1155Ids = new uint256[](3);
        for (uint256 i; i < 3; ++i) {
            erc1155Ids[i] = multiParty.erc1155IdOf(integraHash, all[i]);
        }
        for (uint256 i; i < 3; ++i) {
            vm.expectEmit(true, true, true, true, address(multiParty));
            emit IntegraTokenizerBase.MetadataUpdate(erc1155Ids[i]);
        }
        _assertIds(_claimUpdatesWith(carol, 3, uid), all, "the completing claim");
        for (uint256 i; i < 3; ++i) {
            json = _metadataJson(multiParty.uri(multiParty.erc1155IdOf(integraHash, all[i])));
            assertEq(_attribute(json, "Status"), "Agreement complete", "every token shows the agreement complete");
            assertEq(_attribute(json, "Role"), p[i].role, "each its own role");
            assertTrue(_contains(_metadataSvg(json), ">Agreement complete</text>"), "and its image");
        }
    }

    /// @dev Ids reserved in order, one cancelled after the seal and its place refilled by another: completion
    /// announces the claimed tokens only, not the id whose reservation was cancelled (never minted).
    function test_Completion_AnnouncesClaimedTokensOnly_InOrder() public {
        _reserveId(1, alice, 1);
        _reserveId(2, bob, 1);
        _reserveId(3, carol, 1);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 3);
        _sealRecord(); // parties 1 and 2
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 2);
        _reserveId(3, carol, 1); // token 3 takes the vacated place
        _assertIds(_claimUpdates(alice, 1), _ids(1), "first claim");
        _assertIds(_claimUpdates(carol, 3), _ids(1, 3), "completion: 1 and 3, not the cancelled 2");
        uint256 cancelled = multiParty.erc1155IdOf(integraHash, 2);
        _expectNoSuchToken(cancelled);
        multiParty.uri(cancelled);
    }

    /// @dev Ids reserved out of order (5 before 2): completion reads them, in order of first reservation.
    function test_Completion_AnnouncesIdsReservedOutOfOrder() public {
        _reserveId(5, alice, 1);
        _reserveId(2, bob, 1);
        _sealRecord();
        _assertIds(_claimUpdates(bob, 2), _ids(2), "first claim");
        _assertIds(_claimUpdates(alice, 5), _ids(5, 2), "completion");
    }

    /// @dev Out of order with an id cancelled before the seal: neither announced nor given metadata.
    function test_Completion_AnnouncesIdsOutOfOrderSkippingTheCancelled() public {
        _reserveId(3, alice, 1);
        _reserveId(1, bob, 1);
        _reserveId(7, carol, 1);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 7);
        _sealRecord();
        _assertIds(_claimUpdates(alice, 3), _ids(3), "first claim");
        _assertIds(_claimUpdates(bob, 1), _ids(3, 1), "completion: 3 and 1, not the cancelled 7");
        assertEq(_status(3), "Agreement complete", "3");
        assertEq(_status(1), "Agreement complete", "1");
    }

    function test_TokenOfErc1155Id_InvertsErc1155IdOf() public {
        _reserveId(9, alice, 2);
        _sealRecord();
        uint256 id = multiParty.erc1155IdOf(integraHash, 9);
        vm.expectRevert(abi.encodeWithSelector(MultiPartyTokenizerV1.UnknownErc1155Id.selector, id));
        multiParty.tokenOfErc1155Id(id);
        _claimId(alice, 9);
        (bytes32 h, uint256 tokenIdInRecord) = multiParty.tokenOfErc1155Id(id);
        assertEq(h, integraHash, "record");
        assertEq(tokenIdInRecord, 9, "token id in the record");
    }

    /// @dev The metadata of a role token read inside its own claim (the receiver hook, after the mint) is whole.
    function test_Uri_ReadableFromTheReceiverHook() public {
        ClaimSpyReceiver spy = new ClaimSpyReceiver(multiParty);
        _reserveId(1, address(spy), 1);
        _sealRecord();
        spy.setRecord(integraHash);
        spy.push(abi.encodeCall(multiParty.uri, (multiParty.erc1155IdOf(integraHash, 1))));
        bytes32 uid = _attestClaim(address(spy), integraHash, 1);
        vm.prank(address(spy));
        multiParty.claimToken(integraHash, 1, uid, PROCESS);
        assertTrue(spy.okAt(0), "uri answered inside the claim");
        string memory json = _metadataJson(abi.decode(spy.retAt(0), (string)));
        assertEq(_attribute(json, "Status"), "Agreement complete", "the state the claim left");
    }

    // ---------------------------------------------------------------- holderOf / isReserved (IIntegraPartyTokens)

    function _moveRole(uint256 id, address from, address to, uint256 value) internal {
        uint256 erc1155Id = multiParty.erc1155IdOf(integraHash, id);
        vm.prank(from);
        multiParty.safeTransferFrom(from, to, erc1155Id, value, "");
    }

    function test_HolderOf_ZeroBeforeTheClaim() public {
        _reserveId(1, alice, 4);
        _sealRecord();
        assertEq(multiParty.holderOf(integraHash, 1), address(0), "reserved, not claimed");
        assertTrue(multiParty.isReserved(integraHash, 1), "reserved");
        assertTrue(!multiParty.isReserved(integraHash, 2), "never reserved");
        assertEq(multiParty.holderOf(integraHash, 2), address(0), "never reserved: no holder");
    }

    function test_HolderOf_IsTheClaimantAfterTheClaim() public {
        _reserveId(1, alice, 4);
        _sealRecord();
        _claimId(alice, 1);
        assertEq(multiParty.holderOf(integraHash, 1), alice, "claimant");
        assertTrue(multiParty.isReserved(integraHash, 1), "a claimed token is still a place of the party set");
    }

    function test_HolderOf_FollowsAWholeTransfer() public {
        _reserveId(1, alice, 4);
        _sealRecord();
        _claimId(alice, 1);
        _moveRole(1, alice, bob, 4);
        assertEq(multiParty.holderOf(integraHash, 1), bob, "receiver of all of it");
        _moveRole(1, bob, carol, 4);
        assertEq(multiParty.holderOf(integraHash, 1), carol, "and on");
    }

    function test_HolderOf_ZeroWhileSplit() public {
        _reserveId(1, alice, 4);
        _sealRecord();
        _claimId(alice, 1);
        _moveRole(1, alice, bob, 1);
        assertEq(multiParty.holderOf(integraHash, 1), address(0), "split between alice and bob");
        _moveRole(1, alice, carol, 1);
        assertEq(multiParty.holderOf(integraHash, 1), address(0), "split three ways");
    }

    function test_HolderOf_BackWhenReassembled() public {
        _reserveId(1, alice, 4);
        _sealRecord();
        _claimId(alice, 1);
        _moveRole(1, alice, bob, 1);
        _moveRole(1, bob, alice, 1);
        assertEq(multiParty.holderOf(integraHash, 1), alice, "back with the claimant");
        _moveRole(1, alice, bob, 3);
        _moveRole(1, alice, bob, 1);
        assertEq(multiParty.holderOf(integraHash, 1), bob, "reassembled elsewhere");
    }

    function test_HolderOf_FollowsABatchTransfer() public {
        _reserveId(1, alice, 4);
        _reserveId(2, alice, 2);
        _sealRecord();
        _claimId(alice, 1);
        _claimId(alice, 2);
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (multiParty.erc1155IdOf(integraHash, 1), multiParty.erc1155IdOf(integraHash, 2));
        uint256[] memory values = new uint256[](2);
        (values[0], values[1]) = (4, 1);
        vm.prank(alice);
        multiParty.safeBatchTransferFrom(alice, bob, ids, values, "");
        assertEq(multiParty.holderOf(integraHash, 1), bob, "whole token moved");
        assertEq(multiParty.holderOf(integraHash, 2), address(0), "half of the other moved");
    }

    function test_IsReserved_FalseOnceCancelled() public {
        _reserveId(1, alice, 4);
        vm.prank(owner);
        multiParty.cancelReservation(integraHash, 1);
        assertTrue(!multiParty.isReserved(integraHash, 1), "cancelled");
        assertEq(multiParty.holderOf(integraHash, 1), address(0), "no holder");
    }
}
