// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIntegraRecord
/// @notice The part of the registry that tokenizers, resolvers and the signal contract read.
interface IIntegraRecord {
    /// @notice Owner, executor, tokenizer, workflow and authority epoch of a record, in one cheap call. The epoch
    /// moves on at every accepted transfer and executor change. Reverts when the record is unknown.
    function authorityOf(bytes32 integraHash)
        external
        view
        returns (address owner, address executor, address tokenizer, bytes32 processHash, uint64 authorityEpoch);

    /// @notice A record's authority epoch alone (one storage read), for checks that need nothing else.
    function authorityEpochOf(bytes32 integraHash) external view returns (uint64);

    /// @notice True when `account` is the record's owner or its executor (false for unknown records).
    function isOwnerOrExecutor(bytes32 integraHash, address account) external view returns (bool);
}
