// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    AttestationRequest,
    AttestationRequestData
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {IntegraFixture} from "./IntegraFixture.sol";
import {Vm} from "./Vm.sol";
import {IntegraRecordV1} from "../../src/IntegraRecordV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {Capabilities} from "../../src/Capabilities.sol";

/// @notice The reserve / cancel / claim behaviour every Integra tokenizer shares. Each concrete tokenizer test
/// inherits it and says which tokenizer, token id and amount to use, and how to check the minted token.
abstract contract TokenizerSuite is IntegraFixture {
    IntegraTokenizerBase internal tokenizer;
    IntegraTokenizerBase internal otherTokenizer;
    /// @dev A token id and amount the tokenizer under test accepts.
    uint256 internal tokenId;
    uint256 internal amount;
    /// @dev A record bound to `tokenizer`, owned by `owner` with `executor`.
    bytes32 internal integraHash;

    bytes32 internal constant OTHER_PROCESS = keccak256("another workflow");
    bytes32 internal constant UNKNOWN = keccak256("no such record");

    /// @dev Sets tokenizer, otherTokenizer, tokenId and amount.
    function _configure() internal virtual;

    /// @dev Checks `holder` holds the minted token (and nobody else among the named parties does).
    function _assertMinted(bytes32 hash, uint256 id, address holder, uint256 value) internal view virtual;

    /// @dev Checks nothing was minted for the token.
    function _assertNotMinted(bytes32 hash, uint256 id) internal view virtual;

    function setUp() public virtual override {
        super.setUp();
        _configure();
        integraHash = _register(address(tokenizer));
    }

    // ---------------------------------------------------------------- helpers

    function _reserve(address caller, address recipient) internal {
        vm.prank(caller);
        tokenizer.reserveToken(integraHash, tokenId, recipient, amount, PROCESS);
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

    function _countDocumentComplete(Vm.Log[] memory logs) internal view returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(tokenizer) && logs[i].topics[0] == IntegraTokenizerBase.DocumentComplete.selector) count++;
        }
    }

    // ---------------------------------------------------------------- reserve

    function test_ReserveToken_ByOwnerStoresReservationAndEmits() public {
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.TokenReserved(integraHash, PROCESS, alice, tokenId, amount, owner, block.timestamp);
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
        assertTrue(!tokenizer.isHolder(integraHash, tokenId, alice), "reserved is not held");
        _assertNotMinted(integraHash, tokenId);
    }

    function test_ReserveToken_ByExecutor() public {
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.TokenReserved(integraHash, PROCESS, bob, tokenId, amount, executor, block.timestamp);
        _reserve(executor, bob);
        assertEq(uint256(_status(integraHash, tokenId)), uint256(IntegraTokenizerBase.TokenStatus.Reserved), "status");
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
    }

    function test_RevertWhen_ReserveOnRecordOfOtherTokenizer() public {
        bytes32 other = _register(address(otherTokenizer));
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.WrongTokenizer.selector, other, address(otherTokenizer))
        );
        vm.prank(owner);
        tokenizer.reserveToken(other, tokenId, alice, amount, PROCESS);
        assertEq(tokenizer.tokenIdsOf(other).length, 0, "nothing reserved");
    }

    function test_RevertWhen_ReserveOnRecordWithoutTokenizer() public {
        bytes32 other = _register(address(0));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.WrongTokenizer.selector, other, address(0)));
        vm.prank(owner);
        tokenizer.reserveToken(other, tokenId, alice, amount, PROCESS);
        assertEq(tokenizer.tokenIdsOf(other).length, 0, "nothing reserved");
    }

    function test_RevertWhen_StrangerReserves() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, stranger));
        _reserve(stranger, stranger);
        assertEq(uint256(_status(integraHash, tokenId)), 0, "not reserved");
    }

    function test_RevertWhen_RecipientReservesForThemselves() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, alice));
        _reserve(alice, alice);
        assertEq(uint256(_status(integraHash, tokenId)), 0, "not reserved");
    }

    function test_RevertWhen_ReserveOnUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(owner);
        tokenizer.reserveToken(UNKNOWN, tokenId, alice, amount, PROCESS);
        assertEq(tokenizer.tokenIdsOf(UNKNOWN).length, 0, "nothing reserved");
    }

    function test_RevertWhen_ReserveForZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.ZeroAddress.selector));
        _reserve(owner, address(0));
        assertEq(uint256(_status(integraHash, tokenId)), 0, "not reserved");
    }

    function test_RevertWhen_ReserveAnAlreadyReservedToken() public {
        _reserve(owner, alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AlreadyReserved.selector, integraHash, tokenId));
        _reserve(executor, bob);
        (, address reservedFor,,) = tokenizer.tokenStatus(integraHash, tokenId);
        assertEq(reservedFor, alice, "still alice's");
        _assertProgress(integraHash, 1, 0, false);
    }

    function test_RevertWhen_ReserveAfterRecordOwnershipMoved() public {
        vm.prank(owner);
        registry.transferRecordOwnership(integraHash, bob, "sold");
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, owner));
        _reserve(owner, alice);
        _reserve(bob, alice);
        assertEq(
            uint256(_status(integraHash, tokenId)), uint256(IntegraTokenizerBase.TokenStatus.Reserved), "new owner"
        );
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

        bytes32 uid = _attestClaim(bob, integraHash, tokenId);
        _claimAs(bob, uid);
        _assertMinted(integraHash, tokenId, bob, amount);
    }

    function test_RevertWhen_CancelNeverReservedToken() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotReserved.selector, integraHash, tokenId));
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
        assertEq(uint256(_status(integraHash, tokenId)), 0, "still none");
    }

    function test_RevertWhen_CancelTwice() public {
        _reserve(owner, alice);
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotReserved.selector, integraHash, tokenId));
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
        _assertProgress(integraHash, 0, 0, false);
    }

    function test_RevertWhen_CancelClaimedToken() public {
        _reserve(owner, alice);
        _claimAs(alice, _attestClaim(alice, integraHash, tokenId));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AlreadyClaimed.selector, integraHash, tokenId));
        vm.prank(owner);
        tokenizer.cancelReservation(integraHash, tokenId);
        assertEq(uint256(_status(integraHash, tokenId)), uint256(IntegraTokenizerBase.TokenStatus.Claimed), "claimed");
    }

    function test_RevertWhen_StrangerCancels() public {
        _reserve(owner, alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, integraHash, stranger));
        vm.prank(stranger);
        tokenizer.cancelReservation(integraHash, tokenId);
        assertEq(uint256(_status(integraHash, tokenId)), uint256(IntegraTokenizerBase.TokenStatus.Reserved), "reserved");
    }

    function test_RevertWhen_CancelOnRecordOfOtherTokenizer() public {
        bytes32 other = _register(address(otherTokenizer));
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.WrongTokenizer.selector, other, address(otherTokenizer))
        );
        vm.prank(owner);
        tokenizer.cancelReservation(other, tokenId);
        assertEq(tokenizer.tokenIdsOf(other).length, 0, "nothing reserved");
    }

    function test_RevertWhen_CancelOnUnknownRecord() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, UNKNOWN));
        vm.prank(owner);
        tokenizer.cancelReservation(UNKNOWN, tokenId);
        assertEq(tokenizer.tokenIdsOf(UNKNOWN).length, 0, "nothing reserved");
    }

    // ---------------------------------------------------------------- claim

    function test_ClaimToken_MintsToClaimantAndEmits() public {
        _reserve(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);

        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.TokenClaimed(integraHash, PROCESS, alice, tokenId, amount, uid, block.timestamp);
        _claimAs(alice, uid);

        (IntegraTokenizerBase.TokenStatus status, address reservedFor, uint256 value,) =
            tokenizer.tokenStatus(integraHash, tokenId);
        assertEq(uint256(status), uint256(IntegraTokenizerBase.TokenStatus.Claimed), "status");
        assertEq(reservedFor, alice, "claimant kept");
        assertEq(value, amount, "amount kept");
        assertTrue(tokenizer.isHolder(integraHash, tokenId, alice), "alice holds");
        assertTrue(!tokenizer.isHolder(integraHash, tokenId, bob), "bob does not");
        assertTrue(!tokenizer.isHolder(integraHash, tokenId, address(0)), "zero does not");
        _assertMinted(integraHash, tokenId, alice, amount);
    }

    function test_ClaimToken_LastReservationEmitsDocumentComplete() public {
        _reserve(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.DocumentComplete(integraHash, PROCESS, 1, block.timestamp);
        vm.recordLogs();
        _claimAs(alice, uid);
        assertEq(_countDocumentComplete(vm.getRecordedLogs()), 1, "exactly one DocumentComplete");
        _assertProgress(integraHash, 1, 1, true);
    }

    function test_ClaimToken_WithExecutorAttestation() public {
        _reserve(executor, alice);
        bytes32 uid = _attest(executor, alice, integraHash, tokenId, Capabilities.CLAIM, 0);
        _claimAs(alice, uid);
        _assertMinted(integraHash, tokenId, alice, amount);
    }

    function test_ClaimToken_WithAnyTokenAttestation() public {
        _reserve(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, 0);
        _claimAs(alice, uid);
        _assertMinted(integraHash, tokenId, alice, amount);
    }

    function test_ClaimToken_WithSeveralCapabilitiesIncludingClaim() public {
        _reserve(owner, alice);
        uint256 caps =
            Capabilities.CLAIM | Capabilities.TRANSFER | Capabilities.REQUEST_PAYMENT | Capabilities.APPROVE_PAYMENT;
        bytes32 uid = _attest(owner, alice, integraHash, tokenId, caps, 0);
        _claimAs(alice, uid);
        _assertMinted(integraHash, tokenId, alice, amount);
    }

    function test_ClaimToken_JustBeforeExpiry() public {
        _reserve(owner, alice);
        uint64 expiry = uint64(block.timestamp + 1 hours);
        bytes32 uid = _attest(owner, alice, integraHash, tokenId, Capabilities.CLAIM, expiry);
        vm.warp(expiry - 1);
        _claimAs(alice, uid);
        _assertMinted(integraHash, tokenId, alice, amount);
    }

    function test_RevertWhen_ClaimWithUnknownAttestation() public {
        _reserve(owner, alice);
        bytes32 uid = keccak256("made up");
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.UnknownAttestation.selector, uid));
        _claimAs(alice, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_ClaimWithAttestationOfOtherSchema() public {
        _reserve(owner, alice);
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
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_ClaimWithRevokedAttestation() public {
        _reserve(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        _revoke(owner, uid);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationRevoked.selector, uid));
        _claimAs(alice, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_ClaimWithExpiredAttestation() public {
        _reserve(owner, alice);
        uint64 expiry = uint64(block.timestamp + 1 hours);
        bytes32 uid = _attest(owner, alice, integraHash, tokenId, Capabilities.CLAIM, expiry);
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationExpired.selector, uid, expiry));
        _claimAs(alice, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_ClaimAtTheExpirationTime() public {
        _reserve(owner, alice);
        uint64 expiry = uint64(block.timestamp + 1 hours);
        bytes32 uid = _attest(owner, alice, integraHash, tokenId, Capabilities.CLAIM, expiry);
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationExpired.selector, uid, expiry));
        _claimAs(alice, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_ClaimWithSomeoneElsesAttestation() public {
        _reserve(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotAttestationRecipient.selector, alice, bob));
        _claimAs(bob, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_AttestingExecutorWasReplaced() public {
        _reserve(owner, alice);
        bytes32 uid = _attest(executor, alice, integraHash, tokenId, Capabilities.CLAIM, 0);
        vm.prank(owner);
        registry.setExecutor(integraHash, carol);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttesterNotAuthorized.selector, executor));
        _claimAs(alice, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_AttestingOwnerTransferredTheRecord() public {
        _reserve(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        vm.prank(owner);
        registry.transferRecordOwnership(integraHash, bob, "sold before the claim");
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttesterNotAuthorized.selector, owner));
        _claimAs(alice, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_ClaimWithAttestationForOtherRecord() public {
        _reserve(owner, alice);
        bytes32 other = _register(address(tokenizer));
        bytes32 uid = _attestClaim(alice, other, tokenId);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.AttestationForOtherRecord.selector, other, integraHash)
        );
        _claimAs(alice, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_ClaimWithAttestationForOtherToken() public {
        _reserve(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.AttestationForOtherToken.selector, tokenId + 1, tokenId)
        );
        _claimAs(alice, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_AttestationLacksClaimCapability() public {
        _reserve(owner, alice);
        bytes32 uid = _attest(owner, alice, integraHash, tokenId, Capabilities.TRANSFER, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.MissingClaimCapability.selector, Capabilities.TRANSFER)
        );
        _claimAs(alice, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_ClaimNeverReservedToken() public {
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotReserved.selector, integraHash, tokenId));
        _claimAs(alice, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_ClaimCancelledReservation() public {
        _reserve(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        vm.prank(executor);
        tokenizer.cancelReservation(integraHash, tokenId);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotReserved.selector, integraHash, tokenId));
        _claimAs(alice, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_ClaimTokenReservedForSomeoneElse() public {
        _reserve(owner, alice);
        bytes32 uid = _attestClaim(bob, integraHash, tokenId);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotReservedForCaller.selector, alice, bob));
        _claimAs(bob, uid);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_ClaimWithOtherProcessHash() public {
        _reserve(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraTokenizerBase.ProcessHashMismatch.selector, PROCESS, OTHER_PROCESS)
        );
        vm.prank(alice);
        tokenizer.claimToken(integraHash, tokenId, uid, OTHER_PROCESS);
        _assertNotMinted(integraHash, tokenId);
    }

    function test_RevertWhen_ClaimTwice() public {
        _reserve(owner, alice);
        bytes32 uid = _attestClaim(alice, integraHash, tokenId);
        _claimAs(alice, uid);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AlreadyClaimed.selector, integraHash, tokenId));
        _claimAs(alice, uid);
        _assertMinted(integraHash, tokenId, alice, amount);
        _assertProgress(integraHash, 1, 1, true);
    }

    function test_RevertWhen_ReserveAfterDocumentComplete() public {
        _reserve(owner, alice);
        _claimAs(alice, _attestClaim(alice, integraHash, tokenId));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.DocumentAlreadyComplete.selector, integraHash));
        _reserve(owner, bob);
        _assertProgress(integraHash, 1, 1, true);
    }
}
