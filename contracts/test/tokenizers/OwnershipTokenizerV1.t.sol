// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraTokenizerBaseTest} from "./IntegraTokenizerBase.t.sol";
import {Vm} from "../utils/Vm.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";

/// @notice IntegraTokenizerBase's shared suite against the ERC-721 ownership tokenizer, plus what is ERC-721 specific.
contract OwnershipTokenizerV1Test is IntegraTokenizerBaseTest {
    function _configure() internal override {
        tokenizer = ownership;
        otherTokenizer = multiParty;
        tokenId = 1;
        amount = 1;
    }

    function _assertMinted(bytes32 hash, uint256 id, address holder, uint256) internal view override {
        assertEq(id, 1, "ownership token id");
        assertEq(ownership.ownerOf(ownership.erc721IdOf(hash)), holder, "ownerOf");
        assertEq(ownership.balanceOf(holder), 1, "holder balance");
    }

    function _assertNotMinted(bytes32 hash, uint256 id) internal view override {
        assertTrue(!ownership.isHolder(hash, id, alice) && !ownership.isHolder(hash, id, bob), "nobody holds");
        assertEq(ownership.balanceOf(alice) + ownership.balanceOf(bob), 0, "no balances");
    }

    function _transferAll(bytes32 hash, uint256, address from, address to) internal override {
        uint256 id = ownership.erc721IdOf(hash);
        vm.prank(from);
        ownership.transferFrom(from, to, id);
    }

    function _sealsOnReserve() internal pure override returns (bool) {
        return true;
    }

    function _metadataIdOf(bytes32 hash, uint256) internal view override returns (uint256) {
        return ownership.erc721IdOf(hash);
    }

    function _tokenUri(uint256 id) internal view override returns (string memory) {
        return ownership.tokenURI(id);
    }

    /// @dev As OpenZeppelin's ERC-721 does for every call about a token that does not exist.
    function _expectNoSuchToken(uint256 id) internal override {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, id));
    }

    function _metadataName() internal pure override returns (string memory) {
        return "Integra ownership token";
    }

    function _unnamedName() internal pure override returns (string memory) {
        return "Integra ownership token";
    }

    function _unnamedImageRole() internal pure override returns (string memory) {
        return "Ownership";
    }

    function _metadataKind() internal pure override returns (string memory) {
        return "Ownership (ERC-721)";
    }

    function _metadataInterfaceId() internal pure override returns (bytes4) {
        return type(IERC721Metadata).interfaceId;
    }

    function _claimOwnership(address party) internal {
        _reserve(owner, party);
        _claimAs(party, _attestClaim(party, integraHash, 1));
    }

    function test_Metadata() public view {
        assertEq(ownership.name(), "Integra Ownership", "name");
        assertEq(ownership.symbol(), "IOWN", "symbol");
        assertEq(ownership.OWNERSHIP_TOKEN_ID(), 1, "token id");
        assertEq(address(ownership.registry()), address(registry), "registry");
        assertEq(address(ownership.eas()), address(eas), "eas");
        assertEq(ownership.capabilitySchema(), capabilitySchema, "schema");
    }

    function test_Erc721IdOf_IsTheIntegraHash() public view {
        assertEq(ownership.erc721IdOf(integraHash), uint256(integraHash), "erc721 id");
    }

    function test_ClaimToken_MintsErc721ToClaimant() public {
        _claimOwnership(alice);
        uint256 id = uint256(integraHash);
        assertEq(ownership.ownerOf(id), alice, "ownerOf");
        assertEq(ownership.balanceOf(alice), 1, "balance");
        assertTrue(ownership.isHolder(integraHash, 1, alice), "isHolder");
        assertTrue(!ownership.isHolder(integraHash, 0, alice), "token id 0 is never held");
        assertTrue(!ownership.isHolder(integraHash, 2, alice), "token id 2 is never held");
    }

    function test_IsHolder_FollowsErc721Transfers() public {
        _claimOwnership(alice);
        uint256 id = uint256(integraHash);
        vm.prank(alice);
        ownership.transferFrom(alice, bob, id);
        assertTrue(!ownership.isHolder(integraHash, 1, alice), "alice no longer");
        assertTrue(ownership.isHolder(integraHash, 1, bob), "bob now");
        assertEq(ownership.ownerOf(id), bob, "ownerOf");
    }

    function test_OwnershipTokensOfTwoRecordsAreDistinct() public {
        _claimOwnership(alice);
        bytes32 second = _register(address(ownership));
        vm.prank(owner);
        ownership.reserveToken(second, 1, alice, 1, PROCESS, "");
        bytes32 uid = _attestClaim(alice, second, 1);
        vm.prank(alice);
        ownership.claimToken(second, 1, uid, PROCESS);
        assertEq(ownership.balanceOf(alice), 2, "two deeds");
        assertEq(ownership.ownerOf(uint256(second)), alice, "second deed");
    }

    function test_RevertWhen_Erc721OfUnclaimedRecordQueried() public {
        _reserve(owner, alice);
        uint256 id = uint256(integraHash);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, id));
        ownership.ownerOf(id);
    }

    function test_RevertWhen_ReserveTokenIdZero() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidTokenId.selector, 0));
        vm.prank(owner);
        ownership.reserveToken(integraHash, 0, alice, 1, PROCESS, "");
    }

    function test_RevertWhen_ReserveTokenIdTwo() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidTokenId.selector, 2));
        vm.prank(owner);
        ownership.reserveToken(integraHash, 2, alice, 1, PROCESS, "");
    }

    function test_RevertWhen_ReserveAmountZero() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidAmount.selector, 0));
        vm.prank(owner);
        ownership.reserveToken(integraHash, 1, alice, 0, PROCESS, "");
    }

    function test_RevertWhen_ReserveAmountTwo() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidAmount.selector, 2));
        vm.prank(owner);
        ownership.reserveToken(integraHash, 1, alice, 2, PROCESS, "");
    }

    /// @dev With one token per record a claimed ownership token always completes the record, so reserving it
    /// again reports DocumentAlreadyComplete (AlreadyClaimed on reserve is reachable on the multi-party tokenizer).
    function test_RevertWhen_ReserveClaimedOwnershipToken() public {
        _claimOwnership(alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.DocumentAlreadyComplete.selector, integraHash));
        _reserve(owner, bob);
    }

    function test_RevertWhen_ClaimingContractCannotReceiveErc721() public {
        address sink = address(registry); // a contract without onERC721Received
        _reserve(owner, sink);
        bytes32 uid = _attestClaim(sink, integraHash, 1);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, sink));
        _claimAs(sink, uid);
    }

    /// @dev One token per record: reserving it seals the set of one, in the same transaction, after TokenReserved.
    function test_ReserveToken_SealsTheSetOfOne() public {
        vm.expectEmit(true, true, true, true, address(ownership));
        emit IntegraTokenizerBase.TokenReserved(integraHash, PROCESS, alice, 1, 1, owner, "", block.timestamp);
        vm.expectEmit(true, true, true, true, address(ownership));
        emit IntegraTokenizerBase.PartiesSealed(integraHash, PROCESS, 1, block.timestamp);
        _reserve(owner, alice);
        (bool isSealed, uint256 parties) = ownership.partySetOf(integraHash);
        assertTrue(isSealed, "sealed");
        assertEq(parties, 1, "one party");
    }

    function test_ReserveAgainAfterCancel_DoesNotSealAgain() public {
        _reserve(owner, alice);
        vm.prank(owner);
        ownership.cancelReservation(integraHash, 1);
        vm.recordLogs();
        _reserve(owner, bob);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != IntegraTokenizerBase.PartiesSealed.selector, "no second PartiesSealed");
        }
        (bool isSealed, uint256 parties) = ownership.partySetOf(integraHash);
        assertTrue(isSealed && parties == 1, "still a sealed set of one");
    }

    function test_RevertWhen_RegisterWithTwoOwnershipParties() public {
        address[] memory recipients = new address[](2);
        (recipients[0], recipients[1]) = (alice, bob);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (1, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidTokenId.selector, 2));
        _registerWithParties(address(ownership), recipients, amounts);
    }

    function test_RevertWhen_RegisterWithOwnershipAmountTwo() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, 2);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidAmount.selector, 2));
        _registerWithParties(address(ownership), recipients, amounts);
    }

    /// @dev The ownership token's only metadata change is its claim, which also completes the record: one
    /// MetadataUpdate, not one for the claim and one for the completion.
    function test_ClaimToken_OneMetadataUpdateForClaimAndCompletion() public {
        _reserve(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, 1);
        vm.recordLogs();
        _claimAs(alice, uid);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 updates;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == IntegraTokenizerBase.MetadataUpdate.selector) ++updates;
        }
        assertEq(updates, 1, "one MetadataUpdate");
        assertEq(_countDocumentComplete(logs), 1, "the claim completed the record");
    }

    // ---------------------------------------------------------------- holderOf / isReserved (IIntegraPartyTokens)

    function test_HolderOf_ZeroBeforeTheClaim() public {
        _reserve(owner, alice);
        assertEq(ownership.holderOf(integraHash, 1), address(0), "reserved, not claimed");
        assertTrue(ownership.isReserved(integraHash, 1), "reserved");
        assertTrue(!ownership.isReserved(integraHash, 2), "no second token");
    }

    function test_HolderOf_IsTheClaimantAfterTheClaim() public {
        _reserve(owner, alice);
        _claimAs(alice, _attestClaim(alice, integraHash, 1));
        assertEq(ownership.holderOf(integraHash, 1), alice, "claimant");
        assertTrue(ownership.isReserved(integraHash, 1), "a claimed token is still a place of the party set");
        assertEq(ownership.holderOf(integraHash, 2), address(0), "no second token");
    }

    function test_HolderOf_FollowsATransfer() public {
        _reserve(owner, alice);
        _claimAs(alice, _attestClaim(alice, integraHash, 1));
        _transferAll(integraHash, 1, alice, bob);
        assertEq(ownership.holderOf(integraHash, 1), bob, "new owner of the token");
        _transferAll(integraHash, 1, bob, alice);
        assertEq(ownership.holderOf(integraHash, 1), alice, "back");
    }

    function test_IsReserved_FalseOnceCancelled() public {
        _reserve(owner, alice);
        vm.prank(owner);
        ownership.cancelReservation(integraHash, 1);
        assertTrue(!ownership.isReserved(integraHash, 1), "cancelled");
        assertEq(ownership.holderOf(integraHash, 1), address(0), "no holder");
    }
}
