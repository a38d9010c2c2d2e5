// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IEAS, Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {SchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/SchemaResolver.sol";
import {IIntegraRecord} from "./interfaces/IIntegraRecord.sol";
import {IIntegraCapabilityResolver} from "./interfaces/IIntegraCapabilityResolver.sol";

/// @title IntegraCapabilityResolverV1
/// @notice EAS schema resolver of the capability schema
/// `bytes32 integraHash,uint256 tokenId,uint256 capabilities,bytes32 processHash`.
/// Only the record's owner or executor may attest, and only under the record's own processHash; every grant
/// and revocation is emitted in the common Integra layout so a party finds its capabilities with one log filter
/// on the recipient. Each attestation's authority epoch is recorded: a later ownership transfer or executor
/// change makes it useless for claims, even if its attester regains authority.
contract IntegraCapabilityResolverV1 is SchemaResolver, IIntegraCapabilityResolver {
    IIntegraRecord public immutable registry;

    /// @dev The record's authority epoch when each attestation was made, plus one (zero: not one of ours).
    mapping(bytes32 uid => uint256) private _epochPlusOne;

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

    constructor(IEAS eas_, IIntegraRecord registry_) SchemaResolver(eas_) {
        registry = registry_;
    }

    function onAttest(Attestation calldata attestation, uint256) internal override returns (bool) {
        (bytes32 integraHash, uint256 tokenId, uint256 capabilities, bytes32 processHash) = _decode(attestation);
        _epochPlusOne[attestation.uid] = _authorityEpochPlusOne(integraHash, processHash, attestation.attester);
        if (capabilities == 0) revert NoCapabilities();
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
