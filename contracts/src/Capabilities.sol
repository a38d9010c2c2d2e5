// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Capabilities
/// @notice Capability bits carried by attestations of the Integra capability schema.
library Capabilities {
    uint256 internal constant CLAIM = 1 << 0;
    uint256 internal constant TRANSFER = 1 << 1;
    uint256 internal constant REQUEST_PAYMENT = 1 << 2;
    uint256 internal constant APPROVE_PAYMENT = 1 << 3;

    /// @notice The EAS schema every capability attestation uses.
    string internal constant SCHEMA = "bytes32 integraHash,uint256 tokenId,uint256 capabilities,bytes32 processHash";
}
