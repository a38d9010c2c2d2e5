// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IEAS, Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {SchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/SchemaResolver.sol";
import {AccountLists} from "./AccountLists.sol";
import {IIntegraRecord} from "./interfaces/IIntegraRecord.sol";
import {IIntegraCapabilityResolver} from "./interfaces/IIntegraCapabilityResolver.sol";
import {Capabilities} from "./Capabilities.sol";

/// @title IntegraCapabilityResolverV1
/// @notice EAS schema resolver of the capability schema
/// `bytes32 integraHash,uint256 tokenId,uint256 capabilities,bytes32 processHash`.
/// Only the record's owner or executor may attest, and only under the record's own processHash; every grant
/// and revocation is emitted in the common Integra layout so a party finds its capabilities with one log filter
/// on the recipient. Each attestation's authority epoch is recorded: a later ownership transfer or executor
/// change makes it useless for claims, even if its attester regains authority.
contract IntegraCapabilityResolverV1 is SchemaResolver, IIntegraCapabilityResolver {
    IIntegraRecord public immutable registry;
    /// @notice The one schema this resolver serves: Capabilities.SCHEMA, resolved here, revocable. EAS lets anyone
    /// register another schema with this resolver; its attestations are refused, so no one can list look-alike
    /// grants that no tokenizer accepts.
    bytes32 public immutable capabilitySchema;

    /// @dev The record's authority epoch when each attestation was made, plus one (zero: not one of ours).
    mapping(bytes32 uid => uint256) private _epochPlusOne;
    /// @dev The attestations made to each recipient through this resolver, oldest first: "my capabilities" is one
    /// call on any chain length.
    mapping(address recipient => bytes32[]) private _grantsTo;

    /// @notice An attestation as EAS holds it now (revocation included), and whether it was issued under its
    /// record's current authority epoch (one of the conditions for it to authorize a claim; revocation, expiry,
    /// the CLAIM bit and the token id are the others).
    struct Grant {
        Attestation attestation;
        bool currentAuthority;
    }

    event CapabilityGranted(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        address indexed recipient,
        bytes32 attestationUid,
        uint256 tokenId,
        uint256 capabilities,
        address attester,
        uint64 expirationTime,
        uint256 timestamp
    );
    event CapabilityRevoked(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        address indexed recipient,
        bytes32 attestationUid,
        address revoker,
        uint256 timestamp
    );

    error AttesterNotOwnerOrExecutor(bytes32 integraHash, address attester);
    error NoCapabilities();
    error ProcessHashMismatch(bytes32 expected, bytes32 given);
    error InvalidCapabilityData(uint256 length);
    error NotCapabilitySchema(bytes32 schema);

    constructor(IEAS eas_, IIntegraRecord registry_) SchemaResolver(eas_) {
        registry = registry_;
        // The UID EAS's SchemaRegistry gives (schema, resolver, revocable).
        capabilitySchema = keccak256(abi.encodePacked(Capabilities.SCHEMA, address(this), true));
    }

    function onAttest(Attestation calldata attestation, uint256) internal override returns (bool) {
        if (attestation.schema != capabilitySchema) revert NotCapabilitySchema(attestation.schema);
        // Exactly the schema's four words: padding would be stored by EAS and read back by every `grantsTo`.
        if (attestation.data.length != 128) revert InvalidCapabilityData(attestation.data.length);
        (bytes32 integraHash, uint256 tokenId, uint256 capabilities, bytes32 processHash) = _decode(attestation);
        _epochPlusOne[attestation.uid] = _authorityEpochPlusOne(integraHash, processHash, attestation.attester);
        if (capabilities == 0) revert NoCapabilities();
        AccountLists.append(_grantsTo[attestation.recipient], attestation.uid);
        emit CapabilityGranted(
            integraHash,
            processHash,
            attestation.recipient,
            attestation.uid,
            tokenId,
            capabilities,
            attestation.attester,
            attestation.expirationTime,
            block.timestamp
        );
        return true;
    }

    /// @inheritdoc IIntegraCapabilityResolver
    function issuedUnderEpoch(bytes32 uid, uint64 epoch) external view returns (bool) {
        return _epochPlusOne[uid] == uint256(epoch) + 1;
    }

    /// @notice The capability attestations made to `recipient`, entries `offset` to `offset + limit - 1` of its
    /// list (oldest first; `limit` at most AccountLists.MAX_PAGE), each as EAS holds it now: revoked and expired
    /// ones included, for the caller to judge.
    /// @return grants The attestations.
    /// @return total How many were ever made to `recipient`; page while `offset` is below it.
    function grantsTo(address recipient, uint256 offset, uint256 limit)
        external
        view
        returns (Grant[] memory grants, uint256 total)
    {
        bytes32[] storage list = _grantsTo[recipient];
        total = list.length;
        bytes32[] memory uids = AccountLists.page(list, offset, limit);
        grants = new Grant[](uids.length);
        for (uint256 i; i < uids.length; ++i) {
            Attestation memory attestation = _eas.getAttestation(uids[i]);
            (bytes32 integraHash,,,) = abi.decode(attestation.data, (bytes32, uint256, uint256, bytes32));
            uint256 epochPlusOne = uint256(registry.authorityEpochOf(integraHash)) + 1;
            grants[i] = Grant({attestation: attestation, currentAuthority: _epochPlusOne[uids[i]] == epochPlusOne});
        }
    }

    function onRevoke(Attestation calldata attestation, uint256) internal override returns (bool) {
        (bytes32 integraHash,,, bytes32 processHash) = _decode(attestation);
        emit CapabilityRevoked(
            integraHash, processHash, attestation.recipient, attestation.uid, attestation.attester, block.timestamp
        );
        return true;
    }

    /// @dev Reverting (rather than returning false) gives the attester a reason the app can show.
    function _authorityEpochPlusOne(bytes32 integraHash, bytes32 processHash, address attester)
        private
        view
        returns (uint256)
    {
        (address owner, address executor,, bytes32 recordProcess, uint64 epoch) = registry.authorityOf(integraHash);
        if (attester == address(0) || (attester != owner && attester != executor)) {
            revert AttesterNotOwnerOrExecutor(integraHash, attester);
        }
        if (processHash != recordProcess) revert ProcessHashMismatch(recordProcess, processHash);
        return uint256(epoch) + 1;
    }

    function _decode(Attestation calldata attestation)
        private
        pure
        returns (bytes32 integraHash, uint256 tokenId, uint256 capabilities, bytes32 processHash)
    {
        return abi.decode(attestation.data, (bytes32, uint256, uint256, bytes32));
    }
}
