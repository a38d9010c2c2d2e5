// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IEAS, AttestationRequest, AttestationRequestData, RevocationRequest, RevocationRequestData} from
    "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaRegistry} from "@ethereum-attestation-service/eas-contracts/contracts/ISchemaRegistry.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {TestBase} from "./TestBase.sol";
import {IIntegraTokenizer} from "../../src/interfaces/IIntegraTokenizer.sol";
import {IntegraRecordV1} from "../../src/IntegraRecordV1.sol";
import {IntegraCapabilityResolverV1} from "../../src/IntegraCapabilityResolverV1.sol";
import {IntegraForwarderV1} from "../../src/IntegraForwarderV1.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {OwnershipTokenizerV1} from "../../src/tokenizers/OwnershipTokenizerV1.sol";
import {MultiPartyTokenizerV1} from "../../src/tokenizers/MultiPartyTokenizerV1.sol";
import {OwnerAllowlistResolverV1} from "../../src/resolvers/OwnerAllowlistResolverV1.sol";
import {Capabilities} from "../../src/Capabilities.sol";

/// @notice Deploys the real EAS (SchemaRegistry + EAS from the package's shipped artifacts) and every
/// Integra contract, the way the deploy script does, and offers the steps of the reserve-attest-claim flow.
abstract contract IntegraFixture is TestBase {
    string internal constant EAS_ARTIFACTS = "../node_modules/@ethereum-attestation-service/eas-contracts/artifacts/contracts/";

    ISchemaRegistry internal schemaRegistry;
    IEAS internal eas;
    IntegraRecordV1 internal registry;
    IntegraCapabilityResolverV1 internal capabilityResolver;
    bytes32 internal capabilitySchema;
    OwnershipTokenizerV1 internal ownership;
    MultiPartyTokenizerV1 internal multiParty;
    IntegraForwarderV1 internal forwarder;
    IntegraSignalV1 internal signal;
    OwnerAllowlistResolverV1 internal allowlist;

    address internal owner = vm.addr(0xA11CE);
    address internal executor = vm.addr(0xE8EC);
    address internal alice = vm.addr(0xA);
    address internal bob = vm.addr(0xB);
    address internal carol = vm.addr(0xC);
    address internal stranger = vm.addr(0x5757);

    // sha256("Deed of 12 Harbour Lane"), as a literal: a constant sha256() is a precompile call that would eat a prank.
    bytes32 internal constant CONTENT = 0x789cf15df4d671e2d52f5a88b9f3cc8b3a968cd3eeabe1206dcf01c7f6b80b77;
    /// @dev The id of `owner`'s workflow; the app derives it as keccak256 of the workflow's name.
    bytes32 internal constant WORKFLOW_ID = keccak256("closing-2026-0042");
    /// @dev `owner`'s workflow WORKFLOW_ID (`registry.workflowHashOf(owner, WORKFLOW_ID)`), opened in setUp: the
    /// fixture's records are registered into it.
    bytes32 internal PROCESS;

    function setUp() public virtual {
        vm.warp(1_780_000_000);
        schemaRegistry = ISchemaRegistry(_deploy(string.concat(EAS_ARTIFACTS, "SchemaRegistry.sol/SchemaRegistry.json"), ""));
        eas = IEAS(_deploy(string.concat(EAS_ARTIFACTS, "EAS.sol/EAS.json"), abi.encode(schemaRegistry)));
        registry = new IntegraRecordV1();
        capabilityResolver = new IntegraCapabilityResolverV1(eas, registry);
        capabilitySchema = schemaRegistry.register(Capabilities.SCHEMA, ISchemaResolver(address(capabilityResolver)), true);
        forwarder = new IntegraForwarderV1();
        ownership = new OwnershipTokenizerV1(registry, eas, capabilitySchema, capabilityResolver, address(forwarder));
        multiParty = new MultiPartyTokenizerV1(registry, eas, capabilitySchema, capabilityResolver, address(forwarder));
        signal = new IntegraSignalV1(registry, address(ownership), address(multiParty), address(forwarder));
        allowlist = new OwnerAllowlistResolverV1(registry);
        vm.prank(owner);
        PROCESS = registry.openWorkflow(WORKFLOW_ID);
    }

    function _deploy(string memory artifact, bytes memory args) internal returns (address deployed) {
        bytes memory code = abi.encodePacked(vm.getCode(artifact), args);
        assembly {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        require(deployed != address(0), "deploy failed");
    }

    /// @dev A record of `owner` in PROCESS, bound to `tokenizer`, whose `executor` accepted the role offered at
    /// registration (so the record is at authority epoch 1).
    function _register(address tokenizer) internal returns (bytes32 integraHash) {
        vm.prank(owner);
        integraHash = registry.register(CONTENT, hex"c1f3", tokenizer, executor, PROCESS, new address[](0));
        _executorAccepts(integraHash);
    }

    /// @dev `executor` accepts the role the registration offered it. Nothing when nothing was offered: a test that
    /// expected the registration to revert gets no record back.
    function _executorAccepts(bytes32 integraHash) internal {
        if (registry.pendingExecutorOf(integraHash) == executor) _acceptExecutorRole(integraHash, executor);
    }

    /// @dev `candidate` accepts the executor role of the record offered to it.
    function _acceptExecutorRole(bytes32 integraHash, address candidate) internal {
        vm.prank(candidate);
        registry.acceptExecutorRole(integraHash);
    }

    /// @dev The record's owner offers the executor role to `candidate`, who accepts: `candidate` is the executor.
    function _appointExecutor(bytes32 integraHash, address candidate) internal {
        (address current,,,,) = registry.authorityOf(integraHash);
        vm.prank(current);
        registry.offerExecutor(integraHash, candidate);
        _acceptExecutorRole(integraHash, candidate);
    }

    /// @dev The record's owner removes its executor.
    function _removeExecutor(bytes32 integraHash) internal {
        (address current,,,,) = registry.authorityOf(integraHash);
        vm.prank(current);
        registry.removeExecutor(integraHash);
    }

    /// @dev `by` accepts the record offered to it, naming the record's version as it is now.
    function _acceptOffer(bytes32 integraHash, address by) internal {
        uint256 version = registry.recordVersionOf(integraHash);
        vm.prank(by);
        registry.acceptRecordOwnership(integraHash, version);
    }

    function _attest(address attester, address recipient, bytes32 integraHash, uint256 tokenId, uint256 caps, uint64 expiry)
        internal
        returns (bytes32 uid)
    {
        return _attestUnder(PROCESS, attester, recipient, integraHash, tokenId, caps, expiry);
    }

    /// @dev Like `_attest`, with the attestation data naming `processHash` (a foreign one, to test the check).
    function _attestUnder(
        bytes32 processHash,
        address attester,
        address recipient,
        bytes32 integraHash,
        uint256 tokenId,
        uint256 caps,
        uint64 expiry
    ) internal returns (bytes32 uid) {
        bytes memory data = abi.encode(integraHash, tokenId, caps, processHash);
        uid = _attestData(attester, recipient, expiry, data);
    }

    function _attestData(address attester, address recipient, uint64 expiry, bytes memory data)
        internal
        returns (bytes32 uid)
    {
        return _attestDataOn(capabilitySchema, attester, recipient, expiry, data);
    }

    /// @dev A revocable attestation of `data` under any schema (look-alike schemas, to test the schema check).
    function _attestDataOn(bytes32 schema, address attester, address recipient, uint64 expiry, bytes memory data)
        internal
        returns (bytes32 uid)
    {
        vm.prank(attester);
        uid = eas.attest(
            AttestationRequest({
                schema: schema,
                data: AttestationRequestData({
                    recipient: recipient,
                    expirationTime: expiry,
                    revocable: true,
                    refUID: bytes32(0),
                    data: data,
                    value: 0
                })
            })
        );
    }

    function _attestClaim(address recipient, bytes32 integraHash, uint256 tokenId) internal returns (bytes32) {
        return _attest(owner, recipient, integraHash, tokenId, Capabilities.CLAIM, 0);
    }

    function _revoke(address attester, bytes32 uid) internal {
        vm.prank(attester);
        eas.revoke(RevocationRequest({schema: capabilitySchema, data: RevocationRequestData({uid: uid, value: 0})}));
    }

    /// @dev The registry's party list: recipients[i] with amounts[i], no roles.
    function _parties(address[] memory recipients, uint256[] memory amounts)
        internal
        pure
        returns (IIntegraTokenizer.Party[] memory parties)
    {
        parties = new IIntegraTokenizer.Party[](recipients.length);
        for (uint256 i; i < recipients.length; ++i) {
            parties[i] = IIntegraTokenizer.Party({recipient: recipients[i], amount: amounts[i], role: ""});
        }
    }

    /// @dev Registers a record with its whole party set in one call (token ids 1..n, sealed), as the clerk does; the
    /// executor accepts its role.
    function _registerWithParties(address tokenizer, address[] memory recipients, uint256[] memory amounts)
        internal
        returns (bytes32 integraHash)
    {
        vm.prank(owner);
        integraHash = registry.registerWithParties(
            CONTENT, hex"c1f3", tokenizer, executor, PROCESS, new address[](0), _parties(recipients, amounts));
        _executorAccepts(integraHash);
    }

    /// @dev alice, bob and carol, one unit each: the parties of `_threePartyRecord`.
    function _threeParties() internal view returns (address[] memory recipients, uint256[] memory amounts) {
        recipients = new address[](3);
        (recipients[0], recipients[1], recipients[2]) = (alice, bob, carol);
        amounts = new uint256[](3);
        (amounts[0], amounts[1], amounts[2]) = (1, 1, 1);
    }

    /// @dev A three-party record: role tokens 1..3 reserved for alice, bob and carol, and the party set sealed.
    function _threePartyRecord() internal returns (bytes32 integraHash) {
        (address[] memory recipients, uint256[] memory amounts) = _threeParties();
        integraHash = _registerWithParties(address(multiParty), recipients, amounts);
    }

    /// @dev The record's owner offers it to `newOwner`, who accepts the version it was offered at: a completed sale.
    function _sell(bytes32 integraHash, address newOwner) internal {
        (address current,,,,) = registry.authorityOf(integraHash);
        uint256 version = registry.recordVersionOf(integraHash);
        vm.prank(current);
        registry.offerRecordOwnership(integraHash, newOwner, "sold");
        vm.prank(newOwner);
        registry.acceptRecordOwnership(integraHash, version);
    }

    /// @dev The record's current authority epoch.
    function _epoch(bytes32 integraHash) internal view returns (uint64 epoch) {
        (,,,, epoch) = registry.authorityOf(integraHash);
    }

    function _claim(MultiPartyTokenizerV1 tokenizer, address party, bytes32 integraHash, uint256 tokenId) internal {
        bytes32 uid = _attestClaim(party, integraHash, tokenId);
        vm.prank(party);
        tokenizer.claimToken(integraHash, tokenId, uid, PROCESS);
    }
}
