// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    AttestationRequest,
    AttestationRequestData,
    RevocationRequest,
    RevocationRequestData
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {IntegraFixture} from "../utils/IntegraFixture.sol";
import {IntegraCapabilityResolverV1} from "../../src/IntegraCapabilityResolverV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {Capabilities} from "../../src/Capabilities.sol";

/// @notice An attestation's recipient, attester, schema, expiry and revocation, and the authority changes after it,
/// fuzzed against the claim's inputs (claimant, time, processHash). The claim succeeds exactly when every one of
/// them is right; otherwise it reverts with the error of the first wrong one, in the tokenizer's order of checks:
/// schema, revocation, expiry, recipient, authority epoch, reservation, processHash.
contract AttestationFuzzTest is IntegraFixture {
    uint256 internal constant SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    bytes32 internal constant FOREIGN_PROCESS = keccak256("someone else's workflow");

    /// @dev A three-party record (tokens 1..3 for alice, bob, carol, sealed); the fuzzed claim is for token 1.
    bytes32 internal deal;
    /// @dev The capability schema's text registered again without a resolver: anyone may attest on it.
    bytes32 internal bareSchema;

    struct Case {
        address attester;
        address recipient;
        address claimant;
        bool onBareSchema;
        uint64 expiry;
        bool revoked;
        uint8 authorityChange; // 0 none, 1 executor replaced, 2 record sold
        bytes32 claimProcess;
        bytes32 uid;
    }

    function setUp() public override {
        super.setUp();
        deal = _threePartyRecord();
        bareSchema = schemaRegistry.register(Capabilities.SCHEMA, ISchemaResolver(address(0)), true);
    }

    function _pick(uint256 selector, address a, address b, address c) internal pure returns (address) {
        uint256 i = selector % 3;
        return i == 0 ? a : i == 1 ? b : c;
    }

    /// @dev Each dimension is wrong in about a quarter of the runs, so that a fair share of runs gets every one right.
    /// forge-config: default.fuzz.runs = 1024
    function testFuzz_ClaimSucceedsExactlyWhenTheAttestationFits(
        uint8 attesterSel,
        uint8 recipientSel,
        uint256 recipientKey,
        uint8 claimantSel,
        uint8 schemaSel,
        uint64 lifetime,
        uint64 elapsed,
        uint8 revokeSel,
        uint8 changeSel,
        uint8 processSel
    ) public {
        Case memory c;
        c.attester = _pick(attesterSel, owner, executor, stranger);
        address someone = vm.addr(bound(recipientKey, 1, SECP256K1_ORDER - 1));
        c.recipient = recipientSel % 4 < 2 ? alice : _pick(recipientSel, bob, someone, someone);
        c.claimant = claimantSel % 4 < 2 ? alice : claimantSel % 4 == 2 ? c.recipient : bob;
        c.onBareSchema = schemaSel % 4 == 3;
        // Zero: never expires. Else 1 second to 30 days from now (EAS refuses an expiry that is not in the future).
        c.expiry = lifetime % 4 == 0 ? 0 : uint64(block.timestamp + bound(lifetime, 1, 30 days));
        c.revoked = revokeSel % 4 == 3;
        c.authorityChange = changeSel % 8 == 6 ? 1 : changeSel % 8 == 7 ? 2 : 0;
        c.claimProcess = processSel % 4 == 3 ? FOREIGN_PROCESS : PROCESS;

        // A stranger cannot attest on the capability schema at all: that is the error of this case.
        if (!c.onBareSchema && c.attester == stranger) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, deal, stranger
                )
            );
            _attestCase(c);
            return;
        }
        c.uid = _attestCase(c);
        if (c.revoked) _revokeCase(c);
        if (c.authorityChange == 1) {
            _appointExecutor(deal, carol);
        } else if (c.authorityChange == 2) {
            _sell(deal, carol);
        }
        vm.warp(block.timestamp + bound(elapsed, 0, 40 days));

        bytes memory expected = _expectedError(c);
        if (expected.length != 0) {
            vm.expectRevert(expected);
            vm.prank(c.claimant);
            multiParty.claimToken(deal, 1, c.uid, c.claimProcess);
            return;
        }
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.TokenClaimed(deal, PROCESS, alice, 1, 1, c.uid, block.timestamp);
        vm.prank(c.claimant);
        multiParty.claimToken(deal, 1, c.uid, c.claimProcess);
        assertTrue(multiParty.isParty(deal, 1, alice), "alice claimed token 1");
        assertEq(multiParty.balanceOf(alice, multiParty.erc1155IdOf(deal, 1)), 1, "minted");
    }

    /// @dev The revert data the claim must give, or empty when it must succeed. Mirrors the order of the checks.
    function _expectedError(Case memory c) internal view returns (bytes memory) {
        if (c.onBareSchema) return abi.encodeWithSelector(IntegraTokenizerBase.WrongSchema.selector, c.uid, bareSchema);
        if (c.revoked) return abi.encodeWithSelector(IntegraTokenizerBase.AttestationRevoked.selector, c.uid);
        if (c.expiry != 0 && c.expiry <= block.timestamp) {
            return abi.encodeWithSelector(IntegraTokenizerBase.AttestationExpired.selector, c.uid, c.expiry);
        }
        if (c.recipient != c.claimant) {
            return abi.encodeWithSelector(IntegraTokenizerBase.NotAttestationRecipient.selector, c.recipient, c.claimant);
        }
        if (c.authorityChange != 0) {
            return abi.encodeWithSelector(IntegraTokenizerBase.AttestationFromEarlierAuthority.selector, c.uid);
        }
        if (c.claimant != alice) {
            return abi.encodeWithSelector(IntegraTokenizerBase.NotReservedForCaller.selector, alice, c.claimant);
        }
        if (c.claimProcess != PROCESS) {
            return abi.encodeWithSelector(IntegraTokenizerBase.ProcessHashMismatch.selector, PROCESS, c.claimProcess);
        }
        return "";
    }

    function _attestCase(Case memory c) internal returns (bytes32) {
        vm.prank(c.attester);
        return eas.attest(
            AttestationRequest({
                schema: c.onBareSchema ? bareSchema : capabilitySchema,
                data: AttestationRequestData({
                    recipient: c.recipient,
                    expirationTime: c.expiry,
                    revocable: true,
                    refUID: bytes32(0),
                    data: abi.encode(deal, uint256(1), Capabilities.CLAIM, PROCESS),
                    value: 0
                })
            })
        );
    }

    function _revokeCase(Case memory c) internal {
        vm.prank(c.attester);
        eas.revoke(
            RevocationRequest({
                schema: c.onBareSchema ? bareSchema : capabilitySchema,
                data: RevocationRequestData({uid: c.uid, value: 0})
            })
        );
    }
}
