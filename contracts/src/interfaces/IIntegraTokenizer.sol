// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIntegraTokenizer
/// @notice What the signal contract needs from any tokenizer: who holds a record's token.
interface IIntegraTokenizer {
    /// @notice True when `account` currently holds (a balance of) the record's token `tokenId`.
    function isHolder(bytes32 integraHash, uint256 tokenId, address account) external view returns (bool);
}
