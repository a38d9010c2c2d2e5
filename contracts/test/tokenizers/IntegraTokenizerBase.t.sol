// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    AttestationRequest,
    AttestationRequestData
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IntegraFixture} from "../utils/IntegraFixture.sol";
import {TokenMetadataReader} from "../utils/TokenMetadataReader.sol";
import {Vm} from "../utils/Vm.sol";
import {IntegraRecordV1} from "../../src/IntegraRecordV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {IIntegraTokenizer} from "../../src/interfaces/IIntegraTokenizer.sol";
import {Capabilities} from "../../src/Capabilities.sol";

/// @notice IntegraTokenizerBase: the reserve / seal / cancel / claim behaviour every Integra tokenizer shares. The
/// suite is abstract: each concrete tokenizer's suite inherits it (so forge runs it once per tokenizer) and says which
/// tokenizer, token id and amount to use, and how to check the minted token.
/// No token can be claimed before the record's party set is sealed, so a test that needs a claim seals first
/// (`_reserveSealed`, `_seal`, or `registerWithParties`); the ownership tokenizer seals as it reserves.
/// @dev A test that expects a revert ends its checks at that call: the EVM rolls the call back, so state read
/// after it only repeats the setup. What a revert must not change is checked after a later successful call.
abstract contract IntegraTokenizerBaseTest is IntegraFixture, TokenMetadataReader {
    IntegraTokenizerBase internal tokenizer;
    IntegraTokenizerBase internal otherTokenizer;
    /// @dev A token id and amount the tokenizer under test accepts.
    uint256 internal tokenId;
    uint256 internal amount;
    /// @dev A record bound to `tokenizer`, owned by `owner` with `executor`, registered without parties.
    bytes32 internal integraHash;

    bytes32 internal constant OTHER_PROCESS = keccak256("another workflow");
    bytes32 internal constant UNKNOWN = keccak256("no such record");

    /// @dev Sets tokenizer, otherTokenizer, tokenId and amount.
    function _configure() internal virtual;

    /// @dev Checks `holder` holds the minted token (and nobody else among the named parties does).
    function _assertMinted(bytes32 hash, uint256 id, address holder, uint256 value) internal view virtual;

    /// @dev Checks nothing was minted for the token.
    function _assertNotMinted(bytes32 hash, uint256 id) internal view virtual;

    /// @dev Moves all of `from`'s units of the record's token `id` to `to` (an ERC-721 or ERC-1155 transfer).
    function _transferAll(bytes32 hash, uint256 id, address from, address to) internal virtual;

    /// @dev True when reserving `tokenId` alone fixes the party set (a tokenizer with one token per record).
    function _sealsOnReserve() internal pure virtual returns (bool);

    /// @dev The ERC-721 / ERC-1155 id of the record's token `id`: what `tokenURI` / `uri` and MetadataUpdate name.
    function _metadataIdOf(bytes32 hash, uint256 id) internal view virtual returns (uint256);

    /// @dev `tokenURI` / `uri` of a token.
    function _tokenUri(uint256 metadataId) internal view virtual returns (string memory);

    /// @dev Expects the next call, `tokenURI` / `uri` of a token never minted, to revert with the tokenizer's error.
    function _expectNoSuchToken(uint256 metadataId) internal virtual;

    /// @dev The metadata's name of a token reserved without a role; before ": <role>" when it has one.
    function _metadataName() internal pure virtual returns (string memory);

    /// @dev The name of the suite's `tokenId` reserved without a role, and what its image shows in the role's place.
    function _unnamedName() internal view virtual returns (string memory);
    function _unnamedImageRole() internal view virtual returns (string memory);

    /// @dev The metadata's "Token kind" and the ERC-165 id of the token standard's metadata interface.
    function _metadataKind() internal pure virtual returns (string memory);
    function _metadataInterfaceId() internal pure virtual returns (bytes4);

    function setUp() public virtual override {
        super.setUp();
        _configure();
        integraHash = _register(address(tokenizer));
    }

    // ---------------------------------------------------------------- helpers

    function _reserve(address caller, address recipient) internal {
        vm.prank(caller);
        tokenizer.reserveToken(integraHash, tokenId, recipient, amount, PROCESS, "");
    }

    /// @dev Fixes the party set of `integraHash` unless reserving already did.
    function _seal() internal {
        (bool isSealed,) = tokenizer.partySetOf(integraHash);
        if (isSealed) return;
        vm.prank(owner);
        tokenizer.sealParties(integraHash);
    }

    /// @dev Reserves `tokenId` for `recipient` and fixes the party set: a claim needs a sealed set.
    function _reserveSealed(address caller, address recipient) internal {
        _reserve(caller, recipient);
        _seal();
    }

    function _claimAs(address caller, bytes32 uid) internal {
        vm.prank(caller);
        tokenizer.claimToken(integraHash, tokenId, uid, PROCESS);
    }

    function _status(bytes32 hash, uint256 id) internal view returns (IntegraTokenizerBase.TokenStatus status) {
        (status,,,) = tokenizer.tokenStatus(hash, id);
    }

    function _assertProgress(bytes32 hash, uint256 reserved, uint256 claimed, bool complete) internal view {
        (uint256 r, uint256 c, bool done) = tokenizer.progressOf(hash);
        assertEq(r, reserved, "reserved");
        assertEq(c, claimed, "claimed");
        assertEq(done, complete, "complete");
    }

    function _assertPartySet(bytes32 hash, bool isSealed, uint256 parties) internal view {
        (bool s, uint256 n) = tokenizer.partySetOf(hash);
        assertEq(s, isSealed, "sealed");
        assertEq(n, parties, "parties");
    }

    function _countDocumentComplete(Vm.Log[] memory logs) internal view returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(tokenizer) && logs[i].topics[0] == IntegraTokenizerBase.DocumentComplete.selector) count++;
        }
    }

    function _one(address recipient, uint256 value) internal pure returns (address[] memory r, uint256[] memory a) {
        r = new address[](1);
        r[0] = recipient;
        a = new uint256[](1);
        a[0] = value;
    }

    // ---------------------------------------------------------------- reserve

    function test_ReserveToken_ByOwnerStoresReservationAndEmits() public {
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.TokenReserved(integraHash, PROCESS, alice, tokenId, amount, owner, "", block.timestamp);
        _reserve(owner, alice);

        (IntegraTokenizerBase.TokenStatus status, address reservedFor, uint256 value, bytes32 processHash) =
            tokenizer.tokenStatus(integraHash, tokenId);
        assertEq(uint256(status), uint256(IntegraTokenizerBase.TokenStatus.Reserved), "status");
        assertEq(reservedFor, alice, "reservedFor");
        assertEq(value, amount, "amount");
        assertEq(processHash, PROCESS, "processHash");
        uint256[] memory ids = tokenizer.tokenIdsOf(integraHash);
        assertEq(ids.length, 1, "one id");
        assertEq(ids[0], tokenId, "id");
        _assertProgress(integraHash, 1, 0, false);
        _assertPartySet(integraHash, _sealsOnReserve(), _sealsOnReserve() ? 1 : 0);
        assertTrue(!tokenizer.isHolder(integraHash, tokenId, alice), "reserved is not held");
        assertTrue(!tokenizer.isParty(integraHash, tokenId, alice), "reserved is not a party");
        _assertNotMinted(integraHash, tokenId);
    }

    function test_ReserveToken_ByExecutor() public {
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.TokenReserved(integraHash, PROCESS, bob, tokenId, amount, executor, "", block.timestamp);
        _reserve(executor, bob);
        assertEq(uint256(_status(integraHash, tokenId)), uint256(IntegraTokenizerBase.TokenStatus.Reserved), "status");
    }

    /// @dev A token's processHash is read from the registry: a token of a record nobody registered is None, without a revert.
    function test_TokenStatus_OfUnknownRecordIsNone() public view {
        (IntegraTokenizerBase.TokenStatus status, address reservedFor, uint256 value, bytes32 processHash) =
            tokenizer.tokenStatus(keccak256("no such record"), tokenId);
        assertEq(uint256(status), uint256(IntegraTokenizerBase.TokenStatus.None), "status");
        assertEq(reservedFor, address(0), "reservedFor");
        assertEq(value, 0, "amount");
        assertEq(processHash, bytes32(0), "processHash");
    }

    function test_TokenStatus_OfCancelledTokenKeepsTheRecordsProcessHash() public {
        _reserve(owner, alice);
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
        (IntegraTokenizerBase.TokenStatus status,,, bytes32 processHash) = tokenizer.tokenStatus(integraHash, tokenId);
        assertEq(uint256(status), uint256(IntegraTokenizerBase.TokenStatus.Cancelled), "status");
        assertEq(processHash, PROCESS, "the record's processHash");
    }

    function test_TokenStatus_OfUnreservedTokenIsNone() public view {
        (IntegraTokenizerBase.TokenStatus status, address reservedFor, uint256 value, bytes32 processHash) =
            tokenizer.tokenStatus(integraHash, tokenId);
        assertEq(uint256(status), uint256(IntegraTokenizerBase.TokenStatus.None), "status");
        assertEq(reservedFor, address(0), "reservedFor");
        assertEq(value, 0, "amount");
        assertEq(processHash, bytes32(0), "processHash");
        assertEq(tokenizer.tokenIdsOf(integraHash).length, 0, "no ids");
        _assertProgress(integraHash, 0, 0, false);
        _assertPartySet(integraHash, false, 0);
    }

    function test_RevertWhen_ReserveOnRecordOfOtherTokenizer() public {
        bytes32 other = _register(address(otherTokenizer));
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.WrongTokenizer.selector, other, address(otherTokenizer))
        );
        vm.prank(owner);
        tokenizer.reserveToken(other, tokenId, alice, amount, PROCESS, "");
    }

    function test_RevertWhen_ReserveOnRecordWithoutTokenizer() public {
        bytes32 other = _register(address(0));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.WrongTokenizer.selector, other, address(0)));
        vm.prank(owner);
        tokenizer.reserveToken(other, tokenId, alice, amount, PROCESS, "");
    }

    function test_RevertWhen_StrangerReserves() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, stranger));
        _reserve(stranger, stranger);
    }

    function test_RevertWhen_RecipientReservesForThemselves() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, alice));
        _reserve(alice, alice);
    }

    function test_RevertWhen_ReserveOnUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(owner);
        tokenizer.reserveToken(UNKNOWN, tokenId, alice, amount, PROCESS, "");
    }

    function test_RevertWhen_ReserveForZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.ZeroAddress.selector));
        _reserve(owner, address(0));
    }

    function test_RevertWhen_ReserveAnAlreadyReservedToken() public {
        _reserve(owner, alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AlreadyReserved.selector, integraHash, tokenId));
        _reserve(executor, bob);
    }

    /// @dev The reservation names the record's own workflow, so that every event of the record carries its
    /// processHash: reserveToken refuses any other processHash rather than storing and emitting it.
    function test_RevertWhen_ReserveWithOtherProcessHash() public {
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.ProcessHashMismatch.selector, PROCESS, OTHER_PROCESS)
        );
        vm.prank(owner);
        tokenizer.reserveToken(integraHash, tokenId, alice, amount, OTHER_PROCESS, "");
    }

    function test_RevertWhen_ReserveWithZeroProcessHash() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.ProcessHashMismatch.selector, PROCESS, bytes32(0)));
        vm.prank(executor);
        tokenizer.reserveToken(integraHash, tokenId, alice, amount, bytes32(0), "");
    }

    function test_RevertWhen_FormerOwnerReservesAfterSale() public {
        _sell(integraHash, bob);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, owner));
        _reserve(owner, alice);
    }

    /// @dev A sale removes the seller's executor: it can no longer reserve on the sold record.
    function test_RevertWhen_FormerExecutorReservesAfterSale() public {
        _sell(integraHash, bob);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, executor));
        _reserve(executor, alice);
    }

    function test_ReserveToken_ByNewOwnerAfterSale() public {
        _sell(integraHash, bob);
        _reserve(bob, alice);
        assertEq(uint256(_status(integraHash, tokenId)), uint256(IntegraTokenizerBase.TokenStatus.Reserved), "reserved");
    }

    // ---------------------------------------------------------------- seal

    function test_SealParties_ByOwnerFixesTheSetAndEmits() public {
        _reserve(owner, alice);
        if (_sealsOnReserve()) {
            // The only token is reserved: the set is already fixed.
            _assertPartySet(integraHash, true, 1);
            return;
        }
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.PartiesSealed(integraHash, PROCESS, 1, block.timestamp);
        vm.prank(owner);
        tokenizer.sealParties(integraHash);
        _assertPartySet(integraHash, true, 1);
        _assertProgress(integraHash, 1, 0, false);
    }

    function test_SealParties_ByExecutor() public {
        _reserve(owner, alice);
        if (_sealsOnReserve()) return;
        vm.prank(executor);
        tokenizer.sealParties(integraHash);
        _assertPartySet(integraHash, true, 1);
    }

    function test_RevertWhen_SealWithoutParties() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NoParties.selector, integraHash));
        vm.prank(owner);
        tokenizer.sealParties(integraHash);
    }

    function test_RevertWhen_SealTwice() public {
        _reserve(owner, alice);
        _seal();
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesAlreadySealed.selector, integraHash));
        vm.prank(executor);
        tokenizer.sealParties(integraHash);
    }

    function test_RevertWhen_StrangerSeals() public {
        _reserve(owner, alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, stranger));
        vm.prank(stranger);
        tokenizer.sealParties(integraHash);
    }

    function test_RevertWhen_PartySeals() public {
        _reserve(owner, alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, alice));
        vm.prank(alice);
        tokenizer.sealParties(integraHash);
    }

    function test_RevertWhen_SealOnRecordOfOtherTokenizer() public {
        bytes32 other = _register(address(otherTokenizer));
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.WrongTokenizer.selector, other, address(otherTokenizer))
        );
        vm.prank(owner);
        tokenizer.sealParties(other);
    }

    function test_RevertWhen_SealOnUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(owner);
        tokenizer.sealParties(UNKNOWN);
    }

    /// @dev A reservation cancelled and made again: the set holds the one live reservation, and completes when
    /// it is claimed.
    function test_SealParties_CountsTheLiveReservation() public {
        _reserve(owner, alice);
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
        _reserve(executor, bob);
        _seal();
        _assertPartySet(integraHash, true, 1);
        _assertProgress(integraHash, 1, 0, false);
        _claimAs(bob, _attestClaim(bob, integraHash, tokenId));
        _assertProgress(integraHash, 1, 1, true);
        _assertMinted(integraHash, tokenId, bob, amount);
    }

    // ---------------------------------------------------------------- registerWithParties

    function test_RegisterWithParties_ReservesTokenOneAndSeals() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, 1);
        bytes32 expected = keccak256(abi.encode(block.chainid, address(registry), owner, CONTENT, registry.nonces(owner)));
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.TokenReserved(expected, PROCESS, alice, 1, 1, owner, "", block.timestamp);
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.PartiesSealed(expected, PROCESS, 1, block.timestamp);
        bytes32 h = _registerWithParties(address(tokenizer), recipients, amounts);
        assertEq(h, expected, "integraHash");
        _assertPartySet(h, true, 1);
        _assertProgress(h, 1, 0, false);
        (IntegraTokenizerBase.TokenStatus status, address reservedFor,, bytes32 processHash) = tokenizer.tokenStatus(h, 1);
        assertEq(uint256(status), uint256(IntegraTokenizerBase.TokenStatus.Reserved), "reserved");
        assertEq(reservedFor, alice, "for alice");
        assertEq(processHash, PROCESS, "record's processHash");

        bytes32 uid = _attestClaim(alice, h, 1);
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.DocumentComplete(h, PROCESS, 1, block.timestamp);
        vm.prank(alice);
        tokenizer.claimToken(h, 1, uid, PROCESS);
        _assertProgress(h, 1, 1, true);
    }

    /// @dev A role of exactly MAX_ROLE_BYTES bytes: the longest accepted.
    string internal constant LONGEST_ROLE = "Seller's lender, second position";
    string internal constant TOO_LONG_ROLE = "Seller's lender, second position.";

    function test_RegisterWithParties_EmitsEachPartysRole() public {
        IIntegraTokenizer.Party[] memory parties = new IIntegraTokenizer.Party[](1);
        parties[0] = IIntegraTokenizer.Party({recipient: alice, amount: 1, role: "Buyer"});
        bytes32 expected = keccak256(abi.encode(block.chainid, address(registry), owner, CONTENT, registry.nonces(owner)));
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.TokenReserved(expected, PROCESS, alice, 1, 1, owner, "Buyer", block.timestamp);
        vm.prank(owner);
        registry.registerWithParties(CONTENT, hex"c1f3", address(tokenizer), executor, PROCESS, new address[](0), parties);
    }

    function test_ReserveToken_EmitsTheLongestRole() public {
        assertEq(bytes(LONGEST_ROLE).length, tokenizer.MAX_ROLE_BYTES(), "the longest role");
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.TokenReserved(integraHash, PROCESS, alice, tokenId, amount, owner, LONGEST_ROLE, block.timestamp);
        vm.prank(owner);
        tokenizer.reserveToken(integraHash, tokenId, alice, amount, PROCESS, LONGEST_ROLE);
    }

    function test_RevertWhen_ReserveTokenRoleTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleTooLong.selector, 33, 32));
        vm.prank(owner);
        tokenizer.reserveToken(integraHash, tokenId, alice, amount, PROCESS, TOO_LONG_ROLE);
    }

    function test_RevertWhen_RegisterWithPartiesRoleTooLong() public {
        IIntegraTokenizer.Party[] memory parties = new IIntegraTokenizer.Party[](1);
        parties[0] = IIntegraTokenizer.Party({recipient: alice, amount: 1, role: TOO_LONG_ROLE});
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleTooLong.selector, 33, 32));
        vm.prank(owner);
        registry.registerWithParties(CONTENT, hex"c1f3", address(tokenizer), executor, PROCESS, new address[](0), parties);
    }

    function test_RevertWhen_RegisterWithNoParties() public {
        bytes32 expected = keccak256(abi.encode(block.chainid, address(registry), owner, CONTENT, registry.nonces(owner)));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NoParties.selector, expected));
        _registerWithParties(address(tokenizer), new address[](0), new uint256[](0));
    }

    function test_RevertWhen_RegisterWithZeroAddressParty() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(address(0), 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.ZeroAddress.selector));
        _registerWithParties(address(tokenizer), recipients, amounts);
    }

    function test_RevertWhen_RegisterWithZeroAmountParty() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, 0);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidAmount.selector, 0));
        _registerWithParties(address(tokenizer), recipients, amounts);
    }

    function test_RevertWhen_ReservePartiesCalledByOwner() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotRegistry.selector, owner));
        vm.prank(owner);
        tokenizer.reserveParties(integraHash, _parties(recipients, amounts), owner);
    }

    function test_RevertWhen_ReservePartiesCalledByStranger() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(stranger, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotRegistry.selector, stranger));
        vm.prank(stranger);
        tokenizer.reserveParties(integraHash, _parties(recipients, amounts), owner);
    }

    /// @dev Defensive: the registry only calls the record's own tokenizer, but a tokenizer refuses records of others.
    function test_RevertWhen_ReservePartiesForRecordOfOtherTokenizer() public {
        bytes32 other = _register(address(otherTokenizer));
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.WrongTokenizer.selector, other, address(otherTokenizer))
        );
        vm.prank(address(registry));
        tokenizer.reserveParties(other, _parties(recipients, amounts), owner);
    }

    /// @dev Defensive: even the registry cannot reserve parties for a record that does not exist...
    function test_RevertWhen_ReservePartiesForUnknownRecord() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(address(registry));
        tokenizer.reserveParties(UNKNOWN, _parties(recipients, amounts), owner);
    }

    /// @dev ...nor reserve a second party set over a record's first (the registry calls it once, at registration).
    function test_RevertWhen_ReservePartiesTwice() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, 1);
        bytes32 h = _registerWithParties(address(tokenizer), recipients, amounts);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AlreadyReserved.selector, h, 1));
        vm.prank(address(registry));
        tokenizer.reserveParties(h, _parties(recipients, amounts), owner);
    }

    // ---------------------------------------------------------------- cancel

    function test_CancelReservation_ByOwnerEmitsAndFreesToken() public {
        _reserve(owner, alice);
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.ReservationCancelled(integraHash, PROCESS, alice, tokenId, owner, block.timestamp);
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);

        assertEq(uint256(_status(integraHash, tokenId)), uint256(IntegraTokenizerBase.TokenStatus.Cancelled), "status");
        _assertProgress(integraHash, 0, 0, false);
        assertEq(tokenizer.tokenIdsOf(integraHash).length, 1, "id still listed");
    }

    function test_CancelReservation_ByExecutor() public {
        _reserve(owner, alice);
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.ReservationCancelled(integraHash, PROCESS, alice, tokenId, executor, block.timestamp);
        vm.prank(executor);
        tokenizer.cancelReservation(integraHash, tokenId);
        assertEq(uint256(_status(integraHash, tokenId)), uint256(IntegraTokenizerBase.TokenStatus.Cancelled), "status");
    }

    function test_CancelReservation_NothingClaimedEmitsNoDocumentComplete() public {
        _reserve(owner, alice);
        _seal();
        vm.recordLogs();
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
        assertEq(_countDocumentComplete(vm.getRecordedLogs()), 0, "no DocumentComplete");
        _assertProgress(integraHash, 0, 0, false);
    }

    function test_CancelledToken_CanBeReservedAgainForSomeoneElse() public {
        _reserve(owner, alice);
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
        _reserve(executor, bob);
        (IntegraTokenizerBase.TokenStatus status, address reservedFor,,) = tokenizer.tokenStatus(integraHash, tokenId);
        assertEq(uint256(status), uint256(IntegraTokenizerBase.TokenStatus.Reserved), "reserved again");
        assertEq(reservedFor, bob, "for bob");
        assertEq(tokenizer.tokenIdsOf(integraHash).length, 1, "id listed once");
        _assertProgress(integraHash, 1, 0, false);

        _seal();
        bytes32 uid = _attestClaim(bob, integraHash, tokenId);
        _claimAs(bob, uid);
        _assertMinted(integraHash, tokenId, bob, amount);
        _assertProgress(integraHash, 1, 1, true);
    }

    /// @dev After the seal and before the first claim, a cancelled token of the set may be reserved again (a party
    /// who lost their wallet), and the set completes when it is claimed.
    function test_CancelledToken_OfASealedSetCanBeReservedAgain() public {
        _reserve(owner, alice);
        _seal();
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
        _reserve(owner, bob);
        _assertPartySet(integraHash, true, 1);
        _claimAs(bob, _attestClaim(bob, integraHash, tokenId));
        _assertProgress(integraHash, 1, 1, true);
        _assertMinted(integraHash, tokenId, bob, amount);
    }

    function test_RevertWhen_CancelNeverReservedToken() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotReserved.selector, integraHash, tokenId));
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
    }

    function test_RevertWhen_CancelTwice() public {
        _reserve(owner, alice);
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotReserved.selector, integraHash, tokenId));
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
    }

    function test_RevertWhen_CancelClaimedToken() public {
        _reserveSealed(owner, alice);
        _claimAs(alice, _attestClaim(alice, integraHash, tokenId));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AlreadyClaimed.selector, integraHash, tokenId));
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
    }

    function test_RevertWhen_StrangerCancels() public {
        _reserve(owner, alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, stranger));
        vm.prank(stranger);
        tokenizer.cancelReservation(integraHash, tokenId);
    }

    /// @dev A sale removes the seller's executor: it cannot cancel the buyer's reservations.
    function test_RevertWhen_FormerExecutorCancelsAfterSale() public {
        _reserve(owner, alice);
        _sell(integraHash, bob);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, executor));
        vm.prank(executor);
        tokenizer.cancelReservation(integraHash, tokenId);
    }

    function test_RevertWhen_CancelOnRecordOfOtherTokenizer() public {
        bytes32 other = _register(address(otherTokenizer));
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.WrongTokenizer.selector, other, address(otherTokenizer))
        );
        vm.prank(owner);
        tokenizer.cancelReservation(other, tokenId);
    }

    function test_RevertWhen_CancelOnUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(owner);
        tokenizer.cancelReservation(UNKNOWN, tokenId);
    }

    // ---------------------------------------------------------------- claim

    function test_ClaimToken_MintsToClaimantAndEmits() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);

        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.TokenClaimed(integraHash, PROCESS, alice, tokenId, amount, uid, block.timestamp);
        _claimAs(alice, uid);

        (IntegraTokenizerBase.TokenStatus status, address reservedFor, uint256 value, bytes32 processHash) =
            tokenizer.tokenStatus(integraHash, tokenId);
        assertEq(uint256(status), uint256(IntegraTokenizerBase.TokenStatus.Claimed), "status");
        assertEq(reservedFor, alice, "claimant kept");
        assertEq(value, amount, "amount kept");
        assertEq(processHash, PROCESS, "the record's processHash");
        assertTrue(tokenizer.isHolder(integraHash, tokenId, alice), "alice holds");
        assertTrue(!tokenizer.isHolder(integraHash, tokenId, bob), "bob does not");
        assertTrue(!tokenizer.isHolder(integraHash, tokenId, address(0)), "zero does not");
        assertTrue(tokenizer.isParty(integraHash, tokenId, alice), "alice is a party");
        assertTrue(!tokenizer.isParty(integraHash, tokenId, bob), "bob is not");
        _assertMinted(integraHash, tokenId, alice, amount);
    }

    function test_ClaimToken_LastReservationOfSealedSetEmitsDocumentComplete() public {
        _reserve(owner, alice);
        _seal();
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.DocumentComplete(integraHash, PROCESS, 1, block.timestamp);
        vm.recordLogs();
        _claimAs(alice, uid);
        assertEq(_countDocumentComplete(vm.getRecordedLogs()), 1, "exactly one DocumentComplete");
        _assertProgress(integraHash, 1, 1, true);
    }

    function test_ClaimToken_WithExecutorAttestation() public {
        _reserveSealed(executor, alice);
        bytes32 uid = _attest(executor, alice, integraHash, tokenId, Capabilities.CLAIM, 0);
        _claimAs(alice, uid);
        _assertMinted(integraHash, tokenId, alice, amount);
    }

    function test_ClaimToken_WithAnyTokenAttestation() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, 0);
        _claimAs(alice, uid);
        _assertMinted(integraHash, tokenId, alice, amount);
    }

    function test_ClaimToken_WithSeveralCapabilitiesIncludingClaim() public {
        _reserveSealed(owner, alice);
        uint256 caps =
            Capabilities.CLAIM | Capabilities.TRANSFER | Capabilities.REQUEST_PAYMENT | Capabilities.APPROVE_PAYMENT;
        bytes32 uid = _attest(owner, alice, integraHash, tokenId, caps, 0);
        _claimAs(alice, uid);
        _assertMinted(integraHash, tokenId, alice, amount);
    }

    function test_ClaimToken_JustBeforeExpiry() public {
        _reserveSealed(owner, alice);
        uint64 expiry = uint64(block.timestamp + 1 hours);
        bytes32 uid = _attest(owner, alice, integraHash, tokenId, Capabilities.CLAIM, expiry);
        vm.warp(expiry - 1);
        _claimAs(alice, uid);
        _assertMinted(integraHash, tokenId, alice, amount);
    }

    /// @dev An attestation made by the new owner after a sale authorizes claims.
    function test_ClaimToken_WithNewOwnersAttestationAfterSale() public {
        _reserveSealed(owner, alice);
        _sell(integraHash, bob);
        bytes32 uid = _attest(bob, alice, integraHash, tokenId, Capabilities.CLAIM, 0);
        _claimAs(alice, uid);
        _assertMinted(integraHash, tokenId, alice, amount);
    }

    function test_RevertWhen_ClaimWithUnknownAttestation() public {
        _reserveSealed(owner, alice);
        bytes32 uid = keccak256("made up");
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.UnknownAttestation.selector, uid));
        _claimAs(alice, uid);
    }

    function test_RevertWhen_ClaimWithAttestationOfOtherSchema() public {
        _reserveSealed(owner, alice);
        // The same schema text without the Integra resolver: a different schema UID that anyone may attest on.
        bytes32 otherSchema = schemaRegistry.register(Capabilities.SCHEMA, ISchemaResolver(address(0)), true);
        AttestationRequest memory request = AttestationRequest({
            schema: otherSchema,
            data: AttestationRequestData({
                recipient: alice,
                expirationTime: 0,
                revocable: true,
                refUID: bytes32(0),
                data: abi.encode(integraHash, tokenId, Capabilities.CLAIM, PROCESS),
                value: 0
            })
        });
        vm.prank(owner);
        bytes32 uid = eas.attest(request);

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.WrongSchema.selector, uid, otherSchema));
        _claimAs(alice, uid);
    }

    function test_RevertWhen_ClaimWithRevokedAttestation() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        _revoke(owner, uid);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationRevoked.selector, uid));
        _claimAs(alice, uid);
    }

    function test_RevertWhen_ClaimWithExpiredAttestation() public {
        _reserveSealed(owner, alice);
        uint64 expiry = uint64(block.timestamp + 1 hours);
        bytes32 uid = _attest(owner, alice, integraHash, tokenId, Capabilities.CLAIM, expiry);
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationExpired.selector, uid, expiry));
        _claimAs(alice, uid);
    }

    function test_RevertWhen_ClaimAtTheExpirationTime() public {
        _reserveSealed(owner, alice);
        uint64 expiry = uint64(block.timestamp + 1 hours);
        bytes32 uid = _attest(owner, alice, integraHash, tokenId, Capabilities.CLAIM, expiry);
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationExpired.selector, uid, expiry));
        _claimAs(alice, uid);
    }

    function test_RevertWhen_ClaimWithSomeoneElsesAttestation() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotAttestationRecipient.selector, alice, bob));
        _claimAs(bob, uid);
    }

    function test_RevertWhen_AttestingExecutorWasReplaced() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attest(executor, alice, integraHash, tokenId, Capabilities.CLAIM, 0);
        _appointExecutor(integraHash, carol);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationFromEarlierAuthority.selector, uid));
        _claimAs(alice, uid);
    }

    /// @dev An executor change moves the epoch for everyone: the owner's own earlier attestation dies too.
    function test_RevertWhen_OwnerAttestedBeforeExecutorChange() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        _appointExecutor(integraHash, carol);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationFromEarlierAuthority.selector, uid));
        _claimAs(alice, uid);
    }

    function test_RevertWhen_AttestingOwnerSoldTheRecord() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        _sell(integraHash, bob);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationFromEarlierAuthority.selector, uid));
        _claimAs(alice, uid);
    }

    /// @dev An offer alone changes nothing: attestations stay good until the offer is accepted.
    function test_ClaimToken_PendingOfferKeepsAttestationsValid() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "offered, not accepted");
        _claimAs(alice, uid);
        _assertMinted(integraHash, tokenId, alice, amount);
    }

    function test_RevertWhen_ClaimWithAttestationForOtherRecord() public {
        _reserveSealed(owner, alice);
        bytes32 other = _register(address(tokenizer));
        bytes32 uid = _attestClaim(alice, other, tokenId);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.AttestationForOtherRecord.selector, other, integraHash)
        );
        _claimAs(alice, uid);
    }

    function test_RevertWhen_ClaimWithAttestationForOtherToken() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.AttestationForOtherToken.selector, tokenId + 1, tokenId)
        );
        _claimAs(alice, uid);
    }

    function test_RevertWhen_AttestationLacksClaimCapability() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attest(owner, alice, integraHash, tokenId, Capabilities.TRANSFER, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.MissingClaimCapability.selector, Capabilities.TRANSFER)
        );
        _claimAs(alice, uid);
    }

    /// @dev Nothing reserved, so nothing sealed: the seal is checked before the token's status.
    function test_RevertWhen_ClaimOnRecordWithNothingReserved() public {
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesNotSealed.selector, integraHash));
        _claimAs(alice, uid);
    }

    /// @dev A sealed set, its only reservation cancelled before any claim: the token is open until reserved again.
    /// @dev A cancelled party leaves its place vacant, and no one claims until it is filled again.
    function test_RevertWhen_ClaimWhileAPlaceIsVacant() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        vm.prank(executor);
        tokenizer.cancelReservation(integraHash, tokenId);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.VacantPartyPlace.selector, integraHash));
        _claimAs(alice, uid);
    }

    function test_RevertWhen_ClaimTokenReservedForSomeoneElse() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(bob, integraHash, tokenId);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotReservedForCaller.selector, alice, bob));
        _claimAs(bob, uid);
    }

    function test_RevertWhen_ClaimWithOtherProcessHash() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.ProcessHashMismatch.selector, PROCESS, OTHER_PROCESS)
        );
        vm.prank(alice);
        tokenizer.claimToken(integraHash, tokenId, uid, OTHER_PROCESS);
    }

    function test_RevertWhen_ClaimTwice() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        _claimAs(alice, uid);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AlreadyClaimed.selector, integraHash, tokenId));
        _claimAs(alice, uid);
    }

    function test_RevertWhen_ReserveAfterDocumentComplete() public {
        _reserve(owner, alice);
        _seal();
        _claimAs(alice, _attestClaim(alice, integraHash, tokenId));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.DocumentAlreadyComplete.selector, integraHash));
        _reserve(owner, bob);
    }

    // ---------------------------------------------------------------- parties

    /// @dev A token handed on by transfer makes its new holder a holder, never a party; the claimant who gave it
    /// away stops being one, and is one again once it holds the token again.
    function test_IsParty_OnlyTheClaimantWhileItHolds() public {
        _reserveSealed(owner, alice);
        _claimAs(alice, _attestClaim(alice, integraHash, tokenId));
        assertTrue(tokenizer.isParty(integraHash, tokenId, alice), "claimant is a party");

        _transferAll(integraHash, tokenId, alice, bob);
        assertTrue(tokenizer.isHolder(integraHash, tokenId, bob), "bob holds");
        assertTrue(!tokenizer.isParty(integraHash, tokenId, bob), "but is no party");
        assertTrue(!tokenizer.isParty(integraHash, tokenId, alice), "alice gave it away");

        _transferAll(integraHash, tokenId, bob, alice);
        assertTrue(tokenizer.isParty(integraHash, tokenId, alice), "alice holds it again");
    }

    function test_IsParty_FalseForReservedUnknownAndZero() public {
        _reserve(owner, alice);
        assertTrue(!tokenizer.isParty(integraHash, tokenId, alice), "reserved only");
        assertTrue(!tokenizer.isParty(integraHash, tokenId, address(0)), "zero");
        assertTrue(!tokenizer.isParty(UNKNOWN, tokenId, alice), "unknown record");
    }

    // ---------------------------------------------------------------- changesOf

    /// @dev Every reservation, cancel, seal and claim moves the count by one; the registry adds it to the record's
    /// version, so a buyer's accept names it.
    function test_ChangesOf_CountsEveryReservationCancelSealAndClaim() public {
        assertEq(tokenizer.changesOf(integraHash), 0, "nothing yet");
        _reserve(owner, alice);
        uint256 expected = _sealsOnReserve() ? 2 : 1; // reserving the only token seals the set too
        assertEq(tokenizer.changesOf(integraHash), expected, "reserved");
        vm.prank(executor);
        tokenizer.cancelReservation(integraHash, tokenId);
        assertEq(tokenizer.changesOf(integraHash), ++expected, "cancelled");
        _reserve(executor, bob);
        assertEq(tokenizer.changesOf(integraHash), ++expected, "reserved again");
        if (!_sealsOnReserve()) {
            _seal();
            assertEq(tokenizer.changesOf(integraHash), ++expected, "sealed");
        }
        uint256 version = registry.recordVersionOf(integraHash);
        _claimAs(bob, _attestClaim(bob, integraHash, tokenId));
        assertEq(tokenizer.changesOf(integraHash), ++expected, "claimed");
        assertEq(registry.recordVersionOf(integraHash), version + 1, "the record's version moved with it");
    }

    function test_ChangesOf_RegisterWithPartiesCountsEachReservationAndTheSeal() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, 1);
        bytes32 h = _registerWithParties(address(tokenizer), recipients, amounts);
        assertEq(tokenizer.changesOf(h), 2, "one reservation and the seal");
        assertEq(registry.recordVersionOf(h), 3, "and the executor's acceptance");
    }

    /// @dev Token moves between holders and refused calls are no change of the record; other records are apart.
    function test_ChangesOf_TransfersAndRefusedCallsMoveNothing() public {
        _reserveSealed(owner, alice);
        _claimAs(alice, _attestClaim(alice, integraHash, tokenId));
        uint256 before = tokenizer.changesOf(integraHash);
        _transferAll(integraHash, tokenId, alice, bob);
        vm.prank(stranger);
        (bool ok,) = address(tokenizer).call(abi.encodeCall(tokenizer.cancelReservation, (integraHash, tokenId)));
        assertTrue(!ok, "refused");
        assertEq(tokenizer.changesOf(integraHash), before, "unchanged");
        assertEq(tokenizer.changesOf(UNKNOWN), 0, "an unknown record");
        assertEq(tokenizer.changesOf(_register(address(tokenizer))), 0, "another record");
    }

    // ---------------------------------------------------------------- metadata: tokenURI / uri and ERC-4906

    /// @dev `tokenId` reserved for alice in `role` in the fixture's record, the set sealed, and alice's claim (which
    /// completes the set of one); returns the token's metadata JSON.
    function _claimedWithRole(string memory role) internal returns (string memory json) {
        vm.prank(owner);
        tokenizer.reserveToken(integraHash, tokenId, alice, amount, PROCESS, role);
        _seal();
        _claimAs(alice, _attestClaim(alice, integraHash, tokenId));
        return _metadataJson(_tokenUri(_metadataIdOf(integraHash, tokenId)));
    }

    /// @dev "0x", the first 8 hex digits, an ellipsis, the last 4: how the image shows a record.
    function _shortRecord(bytes32 hash) internal pure returns (string memory) {
        bytes memory full = bytes(Strings.toHexString(uint256(hash), 32));
        bytes memory head = new bytes(10);
        bytes memory tail = new bytes(4);
        for (uint256 i; i < 10; ++i) {
            head[i] = full[i];
        }
        for (uint256 i; i < 4; ++i) {
            tail[i] = full[62 + i];
        }
        return string.concat(string(head), "\u2026", string(tail));
    }

    function test_TokenUri_DescribesTheClaimedToken() public {
        string memory json = _claimedWithRole("Seller");
        _assertShape(json);
        string memory record = Strings.toHexString(uint256(integraHash), 32);
        assertEq(vm.parseJsonString(json, ".name"), string.concat(_metadataName(), ": Seller"), "name");
        string memory description = vm.parseJsonString(json, ".description");
        assertTrue(_contains(description, record), "the description names the record");
        assertTrue(_contains(description, Strings.toChecksumHexString(address(registry))), "and the registry");
        assertTrue(_contains(description, "SHA-256"), "and how a copy is checked");
        assertEq(_attribute(json, "Role"), "Seller", "role");
        assertEq(_attribute(json, "Record"), record, "record");
        assertEq(_attribute(json, "Workflow"), Strings.toHexString(uint256(PROCESS), 32), "workflow");
        assertEq(_attribute(json, "Status"), "Agreement complete", "a set of one completes with its claim");
        assertEq(_attribute(json, "Token kind"), _metadataKind(), "kind");
        assertEq(_attribute(json, "Token id in record"), Strings.toString(tokenId), "token id");
        assertEq(vm.parseJsonUint(json, _attributePath(json, "Parties")), 1, "parties");

        string memory svg = _metadataSvg(json);
        _assertSafeSvg(svg);
        assertTrue(_contains(svg, ">Seller</text>"), "the image shows the role");
        assertTrue(_contains(svg, string.concat(">", _shortRecord(integraHash), "</text>")), "the short record");
        assertTrue(_contains(svg, ">Agreement complete</text>"), "the status");
    }

    function test_TokenUri_WithoutRoleOrWorkflowSaysNone() public {
        vm.prank(owner);
        bytes32 h = registry.register(CONTENT, hex"c1f3", address(tokenizer), executor, bytes32(0), new address[](0));
        _executorAccepts(h);
        vm.prank(owner);
        tokenizer.reserveToken(h, tokenId, alice, amount, bytes32(0), "");
        if (!_sealsOnReserve()) {
            vm.prank(owner);
            tokenizer.sealParties(h);
        }
        bytes32 uid = _attestUnder(bytes32(0), owner, alice, h, tokenId, Capabilities.CLAIM, 0);
        vm.prank(alice);
        tokenizer.claimToken(h, tokenId, uid, bytes32(0));

        string memory json = _metadataJson(_tokenUri(_metadataIdOf(h, tokenId)));
        _assertShape(json);
        assertEq(vm.parseJsonString(json, ".name"), _unnamedName(), "name");
        assertEq(_attribute(json, "Role"), "none", "role");
        assertEq(_attribute(json, "Workflow"), "none", "workflow");
        string memory svg = _metadataSvg(json);
        _assertSafeSvg(svg);
        assertTrue(_contains(svg, string.concat(">", _unnamedImageRole(), "</text>")), "the image's stand-in for a role");
    }

    /// @dev ERC-4906: the claim announces the token's metadata once, after the mint that creates the token.
    function test_ClaimToken_EmitsMetadataUpdateAfterTheMint() public {
        _reserveSealed(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        uint256 id = _metadataIdOf(integraHash, tokenId);
        vm.recordLogs();
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.MetadataUpdate(id);
        _claimAs(alice, uid);

        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 updates;
        uint256 mintAt = type(uint256).max;
        uint256 updateAt;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(tokenizer)) continue;
            bytes32 topic0 = logs[i].topics[0];
            if (topic0 == IERC721.Transfer.selector || topic0 == IERC1155.TransferSingle.selector) mintAt = i;
            if (topic0 == IntegraTokenizerBase.MetadataUpdate.selector) {
                ++updates;
                updateAt = i;
                assertEq(abi.decode(logs[i].data, (uint256)), id, "the claimed token's id");
            }
        }
        assertEq(updates, 1, "one MetadataUpdate");
        assertTrue(mintAt < updateAt, "after the mint");
    }

    /// @dev A token has metadata from its claim on: before it, and for ids no record gives, the call reverts.
    function test_RevertWhen_TokenUriOfTokenNeverClaimed() public {
        uint256 id = _metadataIdOf(integraHash, tokenId);
        _reserveSealed(owner, alice);
        _expectNoSuchToken(id);
        _tokenUri(id);
    }

    function test_RevertWhen_TokenUriOfIdNoRecordGives() public {
        _expectNoSuchToken(12345);
        _tokenUri(12345);
    }

    function test_TokenUri_UnchangedByATransfer() public {
        _claimedWithRole("Buyer");
        uint256 id = _metadataIdOf(integraHash, tokenId);
        string memory before = _tokenUri(id);
        _transferAll(integraHash, tokenId, alice, bob);
        assertEq(_tokenUri(id), before, "the token's metadata, whoever holds it");
    }

    function test_SupportsInterface_Erc4906AndMetadata() public view {
        (bool ok, bytes memory ret) =
            address(tokenizer).staticcall(abi.encodeWithSignature("supportsInterface(bytes4)", bytes4(0x49064906)));
        assertTrue(ok && abi.decode(ret, (bool)), "ERC-4906");
        (ok, ret) = address(tokenizer).staticcall(abi.encodeWithSignature("supportsInterface(bytes4)", _metadataInterfaceId()));
        assertTrue(ok && abi.decode(ret, (bool)), "the standard's metadata interface");
        (ok, ret) = address(tokenizer).staticcall(abi.encodeWithSignature("supportsInterface(bytes4)", bytes4(0xffffffff)));
        assertTrue(ok && !abi.decode(ret, (bool)), "never 0xffffffff");
    }

    /// @dev Pieces of hostile roles a registrant might try: JSON string ends and escapes, SVG markup and entities,
    /// an invisible right-to-left override, zero-width characters, the two characters XML forbids, invalid UTF-8.
    /// None is a control byte, so a reservation accepts them.
    function _hostilePieces() internal pure returns (bytes[] memory pieces) {
        pieces = new bytes[](18);
        pieces[0] = bytes('"');
        pieces[1] = bytes("\\");
        pieces[2] = bytes("</text>");
        pieces[3] = bytes("<script>");
        pieces[4] = bytes("&amp;");
        pieces[5] = bytes("'");
        pieces[6] = bytes("\\u0000");
        pieces[7] = bytes('"},{"trait_type":"');
        pieces[8] = hex"c3a9"; // e acute
        pieces[9] = hex"e280ae"; // U+202E right-to-left override
        pieces[10] = hex"ff"; // never valid in UTF-8
        pieces[11] = hex"e282"; // a truncated sequence
        pieces[12] = bytes("Seller");
        pieces[13] = bytes(" ]}>&");
        pieces[14] = hex"efbfbe"; // U+FFFE, not a character in XML
        pieces[15] = hex"efbfbf"; // U+FFFF, not a character in XML
        pieces[16] = hex"e2808b"; // U+200B zero-width space
        pieces[17] = hex"efbbbf"; // U+FEFF zero-width no-break space
    }

    /// @dev Whatever a role holds, the metadata is valid JSON whose role is valid UTF-8 of at most 32 characters (a
    /// printable ASCII role comes back exactly), and the image adds no markup.
    function testFuzz_TokenUri_HostileRoleStaysData(uint256 seed, uint256 length) public {
        length = bound(length, 1, tokenizer.MAX_ROLE_BYTES());
        bytes[] memory pieces = _hostilePieces();
        bytes memory role;
        for (uint256 i; role.length < length; ++i) {
            bytes memory piece = pieces[uint256(keccak256(abi.encode(seed, i))) % pieces.length];
            if (role.length + piece.length > length) piece = hex"3c"; // "<"
            role = bytes.concat(role, piece);
        }
        string memory json = _claimedWithRole(string(role));
        _assertShape(json);
        string memory shown = _attribute(json, "Role");
        assertTrue(_isValidUtf8(bytes(shown)), "the role is valid UTF-8");
        assertLe(_charCount(bytes(shown)), 32, "of at most 32 characters");
        if (_isPrintableAscii(role)) {
            assertEq(shown, string(role), "a printable ASCII role comes back as it is");
            assertEq(vm.parseJsonString(json, ".name"), string.concat(_metadataName(), ": ", string(role)), "name");
        }
        assertEq(tokenizer.roleOf(integraHash, tokenId), string(role), "the stored role is untouched");
        _assertSafeSvg(_metadataSvg(json));
    }
}
