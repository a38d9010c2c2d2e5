// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIntegraCapabilityResolver
/// @notice What a tokenizer asks the capability schema's resolver about an attestation.
interface IIntegraCapabilityResolver {
    /// @notice True when attestation `uid` was issued while the record's authority epoch was `epoch`.
    function issuedUnderEpoch(bytes32 uid, uint64 epoch) external view returns (bool);

    /// @notice The one EAS schema whose attestations the resolver accepts.
    function capabilitySchema() external view returns (bytes32);
}
