// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIntegraResolver
/// @notice A record-level service hook. A record owner attaches resolvers to a record; the registry calls
/// them on registration and on every accepted ownership transfer. A resolver blocks an action by reverting.
interface IIntegraResolver {
    /// @notice Called once when a record is registered with this resolver attached.
    function onRegistered(bytes32 integraHash, address owner, bytes32 contentHash) external;

    /// @notice Called when a pending owner accepts a record, after the registry has written the new owner (and
    /// removed the executor); reverting undoes the whole transfer.
    function onOwnershipTransfer(bytes32 integraHash, address from, address to) external;
}
