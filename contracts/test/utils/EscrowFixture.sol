// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RevocationRequest, RevocationRequestData} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {IntegraFixture} from "./IntegraFixture.sol";
import {IntegraEscrowV1} from "../../src/escrow/IntegraEscrowV1.sol";
import {SingleSignerArbitratorV1} from "../../src/arbitration/SingleSignerArbitratorV1.sol";
import {TestStablecoin} from "../../src/testing/TestStablecoin.sol";
import {IIntegraPartyTokens} from "../../src/interfaces/IIntegraPartyTokens.sol";

/// @notice IntegraFixture plus the escrow: a 6-decimals stablecoin minted by this test contract, a one-judge
/// arbitrator, the escrow wired to the fixture's registry, EAS, signal contract, tokenizers and forwarder, and a
/// condition schema (no resolver) an inspector attests on.
/// In `_escrowRecord` alice holds token 1 (the payer by default), bob token 2 (the payee), carol token 3.
abstract contract EscrowFixture is IntegraFixture {
    string internal constant CONDITION_SCHEMA = "bytes32 integraHash,string condition,string statement";
    /// @dev 1,000 tUSD.
    uint128 internal constant AMOUNT = 1_000e6;
    uint40 internal constant ESCROW_DURATION = 30 days;
    uint16 internal constant PAYER_TOKEN = 1;
    uint16 internal constant PAYEE_TOKEN = 2;
    uint16 internal constant THIRD_TOKEN = 3;
    uint16 internal constant SPLIT_BPS = 5_000;

    /// @dev The private keys of the fixture's parties (`alice = vm.addr(ALICE_KEY)`...), to sign permits and
    /// forward requests.
    uint256 internal constant ALICE_KEY = 0xA;
    uint256 internal constant BOB_KEY = 0xB;
    uint256 internal constant CAROL_KEY = 0xC;

    TestStablecoin internal usd;
    SingleSignerArbitratorV1 internal arbitrator;
    IntegraEscrowV1 internal escrow;
    bytes32 internal conditionSchema;

    address internal judge = vm.addr(0x1D6E);
    address internal inspector = vm.addr(0x1257);
    address internal keeper = vm.addr(0x4EE9);

    function setUp() public virtual override {
        super.setUp();
        usd = new TestStablecoin(address(this));
        arbitrator = new SingleSignerArbitratorV1(judge);
        escrow = new IntegraEscrowV1(
            registry,
            eas,
            signal,
            IIntegraPartyTokens(address(multiParty)),
            address(forwarder)
        );
        conditionSchema = schemaRegistry.register(CONDITION_SCHEMA, ISchemaResolver(address(0)), true);
    }

    /// @dev A three-party multi-party record whose tokens 1..3 alice, bob and carol all claimed: complete.
    function _escrowRecord() internal returns (bytes32 integraHash) {
        integraHash = _threePartyRecord();
        _claim(multiParty, alice, integraHash, 1);
        _claim(multiParty, bob, integraHash, 2);
        _claim(multiParty, carol, integraHash, 3);
    }

    /// @dev The default terms on `integraHash`: AMOUNT of tUSD from token 1 to token 2, refundable after
    /// ESCROW_DURATION, the fixture's arbitrator with an even split, and one condition: the agreement is complete.
    function _terms(bytes32 integraHash) internal view returns (IntegraEscrowV1.Terms memory terms) {
        terms.integraHash = integraHash;
        terms.asset = address(usd);
        terms.amount = AMOUNT;
        terms.payerTokenId = PAYER_TOKEN;
        terms.payeeTokenId = PAYEE_TOKEN;
        terms.refundAfter = uint40(block.timestamp + ESCROW_DURATION);
        terms.arbitrator = address(arbitrator);
        terms.splitPayeeBps = SPLIT_BPS;
        terms.agreementComplete = true;
    }

    /// @dev `owner` opens an escrow with `terms`.
    function _open(IntegraEscrowV1.Terms memory terms) internal returns (uint256 escrowId) {
        vm.prank(owner);
        escrowId = escrow.open(terms);
    }

    /// @dev The current holder of the payer token deposits: tUSD (or any ERC-20 this test contract can `mint`) is
    /// minted to it and approved, ether is dealt to it.
    function _fund(uint256 escrowId) internal {
        IntegraEscrowV1.Escrow memory e = escrow.getEscrow(escrowId);
        (address payer,) = escrow.partiesOf(escrowId);
        if (e.asset == address(0)) {
            vm.deal(payer, payer.balance + e.amount);
            vm.prank(payer);
            escrow.deposit{value: e.amount}(escrowId);
        } else {
            TestStablecoin(e.asset).mint(payer, e.amount);
            vm.prank(payer);
            TestStablecoin(e.asset).approve(address(escrow), e.amount);
            vm.prank(payer);
            escrow.deposit(escrowId);
        }
    }

    /// @dev Opens an escrow with `terms` and funds it.
    function _openFunded(IntegraEscrowV1.Terms memory terms) internal returns (uint256 escrowId) {
        escrowId = _open(terms);
        _fund(escrowId);
    }

    /// @dev The holder of `tokenId` approves the release.
    function _approveRelease(uint256 escrowId, uint256 tokenId, address by) internal {
        vm.prank(by);
        escrow.approveRelease(escrowId, tokenId);
    }

    /// @dev `inspector` attests on the condition schema that the inspection of `integraHash` passed.
    function _attestInspection(bytes32 integraHash) internal returns (bytes32 uid) {
        return _attestCondition(inspector, conditionSchema, integraHash, 0);
    }

    /// @dev `attester` attests on `schema` a condition of `integraHash`, expiring at `expiry` (0 for never).
    function _attestCondition(address attester, bytes32 schema, bytes32 integraHash, uint64 expiry)
        internal
        returns (bytes32 uid)
    {
        return _attestDataOn(
            schema, attester, address(0), expiry, abi.encode(integraHash, "inspection", "passed without defects")
        );
    }

    /// @dev `attester` revokes its attestation `uid` on the condition schema.
    function _revokeCondition(address attester, bytes32 uid) internal {
        vm.prank(attester);
        eas.revoke(RevocationRequest({schema: conditionSchema, data: RevocationRequestData({uid: uid, value: 0})}));
    }

    /// @dev `by` (the payer or the payee) disputes the escrow; returns the arbitrator's dispute id.
    function _dispute(uint256 escrowId, address by) internal returns (uint256 disputeId) {
        vm.prank(by);
        escrow.raiseDispute(escrowId);
        disputeId = escrow.getEscrow(escrowId).disputeId;
    }

    /// @dev The judge rules `ruling` on the fixture arbitrator's dispute.
    function _giveRuling(uint256 disputeId, uint256 ruling) internal {
        vm.prank(judge);
        arbitrator.giveRuling(disputeId, ruling);
    }

    function _status(uint256 escrowId) internal view returns (uint256) {
        return uint256(escrow.getEscrow(escrowId).status);
    }
}
