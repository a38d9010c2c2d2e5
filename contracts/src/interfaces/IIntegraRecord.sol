// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIntegraRecord
/// @notice The part of the registry that tokenizers, resolvers and the signal contract read.
interface IIntegraRecord {
    /// @notice Owner, executor and tokenizer of a record, in one cheap call. Reverts when the record is unknown.
    function authorityOf(bytes32 integraHash)
        external
        view
        returns (address owner, address executor, address tokenizer, bytes32 processHash);

    /// @notice True when `account` is the record's owner or its executor (false for unknown records).
    function isOwnerOrExecutor(bytes32 integraHash, address account) external view returns (bool);
}
