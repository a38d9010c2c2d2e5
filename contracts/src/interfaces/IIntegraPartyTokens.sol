// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIntegraPartyTokens
/// @notice What the escrow reads of a record's tokenizer: which tokens are places of the party set, who holds each
/// one now, and whether the agreement is complete.
interface IIntegraPartyTokens {
    /// @notice The one account holding the whole of the record's token `tokenId` now: zero before its claim, and
    /// while its amount is split among several holders.
    function holderOf(bytes32 integraHash, uint256 tokenId) external view returns (address);

    /// @notice True when the record's token `tokenId` is a live place of its party set: reserved, or claimed.
    function isReserved(bytes32 integraHash, uint256 tokenId) external view returns (bool);

    /// @notice How many of a record's live reservations are claimed, and whether it is complete.
    function progressOf(bytes32 integraHash) external view returns (uint256 reserved, uint256 claimed, bool complete);
}
