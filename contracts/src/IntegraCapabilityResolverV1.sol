// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IEAS, Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {SchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/SchemaResolver.sol";
import {IIntegraRecord} from "./interfaces/IIntegraRecord.sol";

/// @title IntegraCapabilityResolverV1
/// @notice EAS schema resolver of the capability schema
/// `bytes32 integraHash,uint256 tokenId,uint256 capabilities,bytes32 processHash`.
/// Only the record's owner or executor may attest; every grant and revocation is emitted in the common
/// Integra layout so a party finds its capabilities with one log filter on the recipient.
contract IntegraCapabilityResolverV1 is SchemaResolver {
    IIntegraRecord public immutable registry;

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

    constructor(IEAS eas_, IIntegraRecord registry_) SchemaResolver(eas_) {
        registry = registry_;
    }

    function onAttest(Attestation calldata attestation, uint256) internal override returns (bool) {
        (bytes32 integraHash, uint256 tokenId, uint256 capabilities, bytes32 processHash) = _decode(attestation);
        // Reverting (rather than returning false) gives the attester a reason the app can show.
        if (!registry.isOwnerOrExecutor(integraHash, attestation.attester)) {
            revert AttesterNotOwnerOrExecutor(integraHash, attestation.attester);
        }
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

    function onRevoke(Attestation calldata attestation, uint256) internal override returns (bool) {
        (bytes32 integraHash,,, bytes32 processHash) = _decode(attestation);
        emit CapabilityRevoked(
            integraHash, processHash, attestation.recipient, attestation.uid, attestation.attester, block.timestamp
        );
        return true;
    }

    function _decode(Attestation calldata attestation)
        private
        pure
        returns (bytes32 integraHash, uint256 tokenId, uint256 capabilities, bytes32 processHash)
    {
        return abi.decode(attestation.data, (bytes32, uint256, uint256, bytes32));
    }
}
