// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraFixture} from "../utils/IntegraFixture.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {Capabilities} from "../../src/Capabilities.sol";

/// @notice Amounts, token ids, attested token ids and capability bits across their whole ranges.
contract TokenizerFuzzTest is IntegraFixture {
    uint256 internal constant SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    bytes32 internal deal;
    bytes32 internal deed;

    function setUp() public override {
        super.setUp();
        deal = _register(address(multiParty));
        deed = _register(address(ownership));
    }

    function _reserveDeal(uint256 tokenId, address recipient, uint256 amount) internal {
        vm.prank(owner);
        multiParty.reserveToken(deal, tokenId, recipient, amount, PROCESS, "");
    }

    /// @dev Fixes the deal's party set: no token can be claimed before the seal.
    function _sealDeal() internal {
        vm.prank(owner);
        multiParty.sealParties(deal);
    }

    function _claimDeal(address party, uint256 tokenId, bytes32 uid) internal {
        vm.prank(party);
        multiParty.claimToken(deal, tokenId, uid, PROCESS);
    }

    function testFuzz_MultiParty_ReserveAndClaimAnyAmount(uint256 amount, uint256 tokenId) public {
        amount = bound(amount, 1, type(uint88).max);
        tokenId = bound(tokenId, 1, type(uint256).max);
        _reserveDeal(tokenId, alice, amount);
        _sealDeal();
        _claimDeal(alice, tokenId, _attestClaim(alice, deal, tokenId));

        assertEq(multiParty.balanceOf(alice, multiParty.erc1155IdOf(deal, tokenId)), amount, "balance == amount");
        (,, uint256 stored,) = multiParty.tokenStatus(deal, tokenId);
        assertEq(stored, amount, "stored amount");
        assertTrue(multiParty.isHolder(deal, tokenId, alice), "holder");
    }

    function testFuzz_RevertWhen_MultiPartyAmountAboveUint88(uint256 amount) public {
        amount = bound(amount, uint256(type(uint88).max) + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidAmount.selector, amount));
        _reserveDeal(1, alice, amount);
    }

    function testFuzz_MultiParty_AnyNonzeroTokenIdRoundTrips(uint256 tokenId) public {
        tokenId = bound(tokenId, 1, type(uint256).max);
        _reserveDeal(tokenId, bob, 1);
        uint256[] memory ids = multiParty.tokenIdsOf(deal);
        assertEq(ids.length, 1, "one id");
        assertEq(ids[0], tokenId, "the id");
        _sealDeal();
        _claimDeal(bob, tokenId, _attestClaim(bob, deal, tokenId));
        (IntegraTokenizerBase.TokenStatus status,,,) = multiParty.tokenStatus(deal, tokenId);
        assertEq(uint256(status), uint256(IntegraTokenizerBase.TokenStatus.Claimed), "claimed");
        assertEq(multiParty.balanceOf(bob, multiParty.erc1155IdOf(deal, tokenId)), 1, "minted");
    }

    function testFuzz_Ownership_RevertWhen_TokenIdIsNotOne(uint256 tokenId) public {
        vm.assume(tokenId != 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidTokenId.selector, tokenId));
        vm.prank(owner);
        ownership.reserveToken(deed, tokenId, alice, 1, PROCESS, "");
    }

    function testFuzz_Ownership_RevertWhen_AmountIsNotOne(uint256 amount) public {
        vm.assume(amount != 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.InvalidAmount.selector, amount));
        vm.prank(owner);
        ownership.reserveToken(deed, 1, alice, amount, PROCESS, "");
    }

    function testFuzz_RevertWhen_AttestedTokenIdDiffers(uint256 attested, uint256 tokenId) public {
        tokenId = bound(tokenId, 1, type(uint256).max);
        attested = bound(attested, 1, type(uint256).max);
        vm.assume(attested != tokenId);
        _reserveDeal(tokenId, alice, 1);
        _sealDeal();
        bytes32 uid = _attestClaim(alice, deal, attested);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.AttestationForOtherToken.selector, attested, tokenId)
        );
        _claimDeal(alice, tokenId, uid);
    }

    function testFuzz_AttestationForToken0ClaimsAnyToken(uint256 tokenId) public {
        tokenId = bound(tokenId, 1, type(uint256).max);
        _reserveDeal(tokenId, alice, 3);
        _sealDeal();
        _claimDeal(alice, tokenId, _attestClaim(alice, deal, 0));
        assertEq(multiParty.balanceOf(alice, multiParty.erc1155IdOf(deal, tokenId)), 3, "minted");
    }

    function testFuzz_ClaimNeedsTheClaimBit(uint256 caps) public {
        caps = bound(caps, 1, type(uint256).max);
        _reserveDeal(1, alice, 1);
        _sealDeal();
        bytes32 uid = _attest(owner, alice, deal, 1, caps, 0);
        if (caps & Capabilities.CLAIM == 0) {
            vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.MissingClaimCapability.selector, caps));
            _claimDeal(alice, 1, uid);
        } else {
            _claimDeal(alice, 1, uid);
            assertTrue(multiParty.isHolder(deal, 1, alice), "minted with CLAIM");
        }
    }

    function testFuzz_RevertWhen_ClaimantIsNotTheReservedRecipient(uint256 key) public {
        address claimant = vm.addr(bound(key, 1, SECP256K1_ORDER - 1));
        vm.assume(claimant != alice);
        _reserveDeal(1, alice, 1);
        _sealDeal();
        bytes32 uid = _attestClaim(claimant, deal, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotReservedForCaller.selector, alice, claimant));
        _claimDeal(claimant, 1, uid);
    }

    /// @dev Whatever the token id, a claim into an unsealed set is refused.
    function testFuzz_RevertWhen_ClaimBeforeSeal(uint256 tokenId) public {
        tokenId = bound(tokenId, 1, type(uint256).max);
        _reserveDeal(tokenId, alice, 1);
        bytes32 uid = _attestClaim(alice, deal, tokenId);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartiesNotSealed.selector, deal));
        _claimDeal(alice, tokenId, uid);
    }

    /// @dev Whichever of a sealed set's tokens is claimed first, no other token of it can be cancelled after.
    function testFuzz_RevertWhen_CancelAnyTokenAfterFirstClaim(uint256 parties, uint256 first, uint256 other) public {
        parties = bound(parties, 2, 6);
        first = bound(first, 1, parties);
        other = bound(other, 1, parties - 1);
        if (other >= first) other++;
        for (uint256 id = 1; id <= parties; ++id) {
            _reserveDeal(id, vm.addr(0x1000 + id), 1);
        }
        _sealDeal();
        address claimant = vm.addr(0x1000 + first);
        _claimDeal(claimant, first, _attestClaim(claimant, deal, first));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.PartySetLocked.selector, deal));
        vm.prank(owner);
        multiParty.cancelReservation(deal, other);
    }
}
