// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    Attestation,
    AttestationRequest,
    AttestationRequestData
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {AccessDenied} from "@ethereum-attestation-service/eas-contracts/contracts/Common.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {IntegraFixture} from "./utils/IntegraFixture.sol";
import {Vm} from "./utils/Vm.sol";
import {IntegraCapabilityResolverV1} from "../src/IntegraCapabilityResolverV1.sol";
import {IntegraRecordV1} from "../src/IntegraRecordV1.sol";
import {Capabilities} from "../src/Capabilities.sol";

contract IntegraCapabilityResolverV1Test is IntegraFixture {
    bytes32 internal integraHash;

    function setUp() public override {
        super.setUp();
        integraHash = _register(address(multiParty));
    }

    /// @dev Attests and returns the single CapabilityGranted log the resolver emitted.
    function _attestAndGetGrant(address attester, uint256 tokenId, uint256 caps, uint64 expiry)
        internal
        returns (bytes32 uid, Vm.Log memory grant)
    {
        vm.recordLogs();
        uid = _attest(attester, alice, integraHash, tokenId, caps, expiry);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(capabilityResolver) && logs[i].topics[0] == IntegraCapabilityResolverV1.CapabilityGranted.selector) {
                grant = logs[i];
                found++;
            }
        }
        assertEq(found, 1, "one CapabilityGranted");
    }

    function _assertGrant(
        Vm.Log memory grant,
        bytes32 uid,
        address attester,
        uint256 tokenId,
        uint256 caps,
        uint64 expiry
    ) internal view {
        assertEq(grant.topics.length, 4, "three indexed fields");
        assertEq(grant.topics[1], integraHash, "topic1 integraHash");
        assertEq(grant.topics[2], PROCESS, "topic2 processHash");
        assertEq(grant.topics[3], bytes32(uint256(uint160(alice))), "topic3 recipient");
        (bytes32 gotUid, uint256 gotTokenId, uint256 gotCaps, address gotAttester, uint64 gotExpiry, uint256 ts) =
            abi.decode(grant.data, (bytes32, uint256, uint256, address, uint64, uint256));
        assertEq(gotUid, uid, "uid");
        assertEq(gotTokenId, tokenId, "tokenId");
        assertEq(gotCaps, caps, "capabilities");
        assertEq(gotAttester, attester, "attester");
        assertEq(gotExpiry, expiry, "expirationTime");
        assertEq(ts, block.timestamp, "timestamp");
    }

    /// @dev The UID EAS would give an attestation made now to alice, without expiry (EAS._getUID, bump 0).
    function _uidOf(address attester, bytes32 hash, uint256 tokenId, uint256 caps) internal view returns (bytes32) {
        return keccak256(
            abi.encodePacked(
                capabilitySchema,
                alice,
                attester,
                uint64(block.timestamp),
                uint64(0),
                true,
                bytes32(0),
                abi.encode(hash, tokenId, caps, PROCESS),
                uint32(0)
            )
        );
    }

    function test_UidOf_MatchesEas() public {
        bytes32 uid = _attest(owner, alice, integraHash, 1, Capabilities.CLAIM, 0);
        assertEq(_uidOf(owner, integraHash, 1, Capabilities.CLAIM), uid, "uid derivation");
        assertEq(eas.getAttestation(uid).uid, uid, "stored");
    }

    function test_Schema_IsRegisteredWithThisResolver() public view {
        assertEq(address(schemaRegistry.getSchema(capabilitySchema).resolver), address(capabilityResolver), "resolver");
        assertEq(schemaRegistry.getSchema(capabilitySchema).schema, Capabilities.SCHEMA, "schema text");
        assertEq(address(capabilityResolver.registry()), address(registry), "registry");
        assertTrue(!capabilityResolver.isPayable(), "not payable");
    }

    function test_OwnerAttests_EmitsCapabilityGranted() public {
        uint256 caps = Capabilities.CLAIM | Capabilities.REQUEST_PAYMENT;
        (bytes32 uid, Vm.Log memory grant) = _attestAndGetGrant(owner, 2, caps, 0);
        _assertGrant(grant, uid, owner, 2, caps, 0);
        Attestation memory attestation = eas.getAttestation(uid);
        assertEq(attestation.attester, owner, "stored attester");
        assertEq(attestation.recipient, alice, "stored recipient");
    }

    function test_ExecutorAttests_EmitsCapabilityGrantedWithExpiry() public {
        uint64 expiry = uint64(block.timestamp + 7 days);
        (bytes32 uid, Vm.Log memory grant) = _attestAndGetGrant(executor, 0, Capabilities.CLAIM, expiry);
        _assertGrant(grant, uid, executor, 0, Capabilities.CLAIM, expiry);
        assertTrue(eas.isAttestationValid(uid), "valid in EAS");
    }

    function test_NewOwnerAttestsAfterSale() public {
        _sell(integraHash, bob);
        (bytes32 uid, Vm.Log memory grant) = _attestAndGetGrant(bob, 1, Capabilities.CLAIM, 0);
        _assertGrant(grant, uid, bob, 1, Capabilities.CLAIM, 0);
    }

    function test_RevertWhen_StrangerAttests() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, integraHash, stranger
            )
        );
        _attest(stranger, alice, integraHash, 1, Capabilities.CLAIM, 0);
    }

    function test_RevertWhen_RecipientAttestsForThemselves() public {
        vm.expectRevert(
            abi.encodeWithSelector(IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, integraHash, alice)
        );
        _attest(alice, alice, integraHash, 1, Capabilities.CLAIM, 0);
    }

    function test_RevertWhen_FormerOwnerAttests() public {
        _sell(integraHash, bob);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, integraHash, owner)
        );
        _attest(owner, alice, integraHash, 1, Capabilities.CLAIM, 0);
    }

    function test_RevertWhen_RemovedExecutorAttests() public {
        _removeExecutor(integraHash);
        vm.expectRevert(
            abi.encodeWithSelector(
                IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, integraHash, executor
            )
        );
        _attest(executor, alice, integraHash, 1, Capabilities.CLAIM, 0);
    }

    /// @dev The resolver reads the record's authority first: an unknown record is the registry's RecordNotFound.
    function test_RevertWhen_AttestForUnknownRecord() public {
        bytes32 unknown = keccak256("unknown record");
        vm.expectRevert(abi.encodeWithSelector(IntegraRecordV1.RecordNotFound.selector, unknown));
        _attest(owner, alice, unknown, 1, Capabilities.CLAIM, 0);
    }

    function test_RevertWhen_NoCapabilities() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraCapabilityResolverV1.NoCapabilities.selector));
        _attest(owner, alice, integraHash, 1, 0, 0);
    }

    function test_RevertWhen_CalledDirectlyInsteadOfThroughEas() public {
        Attestation memory attestation;
        attestation.attester = owner;
        attestation.recipient = alice;
        attestation.data = abi.encode(integraHash, uint256(1), Capabilities.CLAIM, PROCESS);
        vm.expectRevert(abi.encodeWithSelector(AccessDenied.selector));
        vm.prank(owner);
        capabilityResolver.attest(attestation);
    }

    function test_RevertWhen_RevokeCalledDirectlyInsteadOfThroughEas() public {
        bytes32 uid = _attest(owner, alice, integraHash, 1, Capabilities.CLAIM, 0);
        Attestation memory attestation = eas.getAttestation(uid);
        vm.expectRevert(abi.encodeWithSelector(AccessDenied.selector));
        vm.prank(owner);
        capabilityResolver.revoke(attestation);
    }

    function test_Revoke_EmitsCapabilityRevoked() public {
        bytes32 uid = _attest(owner, alice, integraHash, 1, Capabilities.CLAIM, 0);
        vm.warp(block.timestamp + 1 hours);
        vm.expectEmit(true, true, true, true, address(capabilityResolver));
        emit IntegraCapabilityResolverV1.CapabilityRevoked(integraHash, PROCESS, alice, uid, owner, block.timestamp);
        _revoke(owner, uid);
        assertEq(eas.getAttestation(uid).revocationTime, block.timestamp, "revoked in EAS");
    }

    function test_Revoke_ByExecutorOfItsOwnAttestation() public {
        bytes32 uid = _attest(executor, alice, integraHash, 0, Capabilities.CLAIM, 0);
        vm.expectEmit(true, true, true, true, address(capabilityResolver));
        emit IntegraCapabilityResolverV1.CapabilityRevoked(integraHash, PROCESS, alice, uid, executor, block.timestamp);
        _revoke(executor, uid);
        assertEq(eas.getAttestation(uid).revocationTime, block.timestamp, "revoked in EAS");
    }

    /// @dev A sale removes the seller's executor: the resolver refuses its attestations on the sold record.
    function test_RevertWhen_FormerExecutorAttestsAfterSale() public {
        _sell(integraHash, bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, integraHash, executor
            )
        );
        _attest(executor, alice, integraHash, 1, Capabilities.CLAIM, 0);
    }

    function test_RevertWhen_PendingOwnerAttestsBeforeAccepting() public {
        vm.prank(owner);
        registry.offerRecordOwnership(integraHash, bob, "sale");
        vm.expectRevert(
            abi.encodeWithSelector(IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, integraHash, bob)
        );
        _attest(bob, alice, integraHash, 1, Capabilities.CLAIM, 0);
    }

    /// @dev CapabilityGranted carries the record's own processHash: attestation data naming another is refused.
    function test_RevertWhen_AttestationNamesAnotherProcessHash() public {
        bytes32 foreign = keccak256("someone else's workflow");
        vm.expectRevert(
            abi.encodeWithSelector(IntegraCapabilityResolverV1.ProcessHashMismatch.selector, PROCESS, foreign)
        );
        _attestUnder(foreign, owner, alice, integraHash, 1, Capabilities.CLAIM, 0);
    }

    function test_RevertWhen_AttestationNamesZeroProcessHash() public {
        vm.expectRevert(
            abi.encodeWithSelector(IntegraCapabilityResolverV1.ProcessHashMismatch.selector, PROCESS, bytes32(0))
        );
        _attestUnder(bytes32(0), executor, alice, integraHash, 1, Capabilities.CLAIM, 0);
    }

    /// @dev The authority check comes first: a stranger naming a foreign workflow is refused as a stranger.
    function test_RevertWhen_StrangerAttestsUnderForeignProcessHash() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, integraHash, stranger
            )
        );
        _attestUnder(keccak256("x"), stranger, alice, integraHash, 1, Capabilities.CLAIM, 0);
    }

    // ---------------------------------------------------------------- epochs

    function test_IssuedUnderEpoch_RecordsTheEpochOfEachAttestation() public {
        // The fixture's record is at epoch 1: its executor accepted the role.
        bytes32 first = _attest(owner, alice, integraHash, 1, Capabilities.CLAIM, 0);
        assertTrue(capabilityResolver.issuedUnderEpoch(first, 1), "first under epoch 1");
        assertTrue(!capabilityResolver.issuedUnderEpoch(first, 2), "not under epoch 2");

        _appointExecutor(integraHash, carol);
        vm.warp(block.timestamp + 1); // a distinct uid for the same data
        bytes32 second = _attest(carol, alice, integraHash, 1, Capabilities.CLAIM, 0);
        assertTrue(capabilityResolver.issuedUnderEpoch(second, 2), "second under epoch 2");
        assertTrue(!capabilityResolver.issuedUnderEpoch(second, 1), "not under epoch 1");
        assertTrue(capabilityResolver.issuedUnderEpoch(first, 1), "the first keeps its epoch");

        _sell(integraHash, bob);
        bytes32 third = _attest(bob, alice, integraHash, 1, Capabilities.CLAIM, 0);
        assertTrue(capabilityResolver.issuedUnderEpoch(third, 3), "third under epoch 3");
    }

    /// @dev A candidate named executor (at registration or by an offer) cannot attest before it accepts.
    function test_RevertWhen_OfferedExecutorAttestsBeforeAccepting() public {
        vm.prank(owner);
        bytes32 fresh = registry.register(CONTENT, hex"", address(multiParty), carol, PROCESS, new address[](0));
        vm.expectRevert(
            abi.encodeWithSelector(IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, fresh, carol)
        );
        _attest(carol, alice, fresh, 1, Capabilities.CLAIM, 0);

        vm.prank(owner);
        registry.offerExecutor(integraHash, carol);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, integraHash, carol)
        );
        _attest(carol, alice, integraHash, 1, Capabilities.CLAIM, 0);

        _acceptExecutorRole(integraHash, carol);
        _attest(carol, alice, integraHash, 1, Capabilities.CLAIM, 0);
    }

    // ---------------------------------------------------------------- the schema it serves, unknown uids, revocation

    /// @dev Our resolver reused by another schema (here: not revocable): every attestation of it is refused, so no
    /// look-alike grant exists to be listed or claimed with.
    function test_RevertWhen_OurResolverServesAnotherSchema() public {
        address[] memory r = new address[](2);
        (r[0], r[1]) = (alice, bob);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (1, 1);
        bytes32 h = _registerWithParties(address(multiParty), r, amounts);
        bytes32 s = schemaRegistry.register(Capabilities.SCHEMA, ISchemaResolver(address(capabilityResolver)), false);
        assertTrue(s != capabilityResolver.capabilitySchema(), "another schema");
        assertEq(capabilityResolver.capabilitySchema(), capabilitySchema, "the resolver knows the schema it serves");
        for (uint256 i; i < 2; ++i) {
            bytes32 process = i == 0 ? keccak256("attacker's workflow") : PROCESS;
            vm.prank(owner);
            vm.expectRevert(abi.encodeWithSelector(IntegraCapabilityResolverV1.NotCapabilitySchema.selector, s));
            eas.attest(
                AttestationRequest({
                    schema: s,
                    data: AttestationRequestData({
                        recipient: alice,
                        expirationTime: 0,
                        revocable: false,
                        refUID: bytes32(0),
                        data: abi.encode(h, uint256(1), Capabilities.CLAIM, process),
                        value: 0
                    })
                })
            );
        }
        (IntegraCapabilityResolverV1.Grant[] memory grants,) = capabilityResolver.grantsTo(alice, 0, 50);
        assertEq(grants.length, 0, "nothing listed for alice");
    }

    function test_IssuedUnderEpoch_FalseForUnknownUid() public view {
        bytes32 uid = keccak256("never attested");
        assertTrue(!capabilityResolver.issuedUnderEpoch(uid, 0), "epoch 0");
        assertTrue(!capabilityResolver.issuedUnderEpoch(uid, 1), "epoch 1");
        assertTrue(!capabilityResolver.issuedUnderEpoch(uid, type(uint64).max), "max epoch");
    }

    /// @dev Revoking is the attester's right in EAS even after it lost authority: revoking only takes power away.
    function test_Revoke_ByFormerOwnerAfterSale() public {
        bytes32 uid = _attest(owner, alice, integraHash, 1, Capabilities.CLAIM, 0);
        _sell(integraHash, bob);
        vm.expectEmit(true, true, true, true, address(capabilityResolver));
        emit IntegraCapabilityResolverV1.CapabilityRevoked(integraHash, PROCESS, alice, uid, owner, block.timestamp);
        _revoke(owner, uid);
    }
}
