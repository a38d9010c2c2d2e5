// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IIntegraRecord} from "../interfaces/IIntegraRecord.sol";
import {IIntegraResolver} from "../interfaces/IIntegraResolver.sol";

/// @title OwnerAllowlistResolverV1
/// @notice A sample record-level resolver: a record's ownership may only move to addresses its owner has
/// allowed (e.g. a deed that may only pass to vetted buyers). Shows how resolvers compose with the registry.
contract OwnerAllowlistResolverV1 is IIntegraResolver {
    IIntegraRecord public immutable registry;

    mapping(bytes32 integraHash => mapping(address account => bool)) public isAllowed;

    event AllowlistChanged(
        bytes32 indexed integraHash, bytes32 indexed processHash, address indexed account, bool allowed, uint256 timestamp
    );

    error NotRegistry(address caller);
    error NotRecordOwner(bytes32 integraHash, address caller);
    error NewOwnerNotAllowed(bytes32 integraHash, address newOwner);

    constructor(IIntegraRecord registry_) {
        registry = registry_;
    }

    /// @notice The record's owner allows or disallows `account` as a future owner.
    function setAllowed(bytes32 integraHash, address account, bool allowed) external {
        (address owner,,, bytes32 processHash,) = registry.authorityOf(integraHash);
        if (owner != msg.sender) revert NotRecordOwner(integraHash, msg.sender);
        isAllowed[integraHash][account] = allowed;
        emit AllowlistChanged(integraHash, processHash, account, allowed, block.timestamp);
    }

    /// @inheritdoc IIntegraResolver
    function onRegistered(bytes32, address, bytes32) external view {
        if (msg.sender != address(registry)) revert NotRegistry(msg.sender);
    }

    /// @inheritdoc IIntegraResolver
    function onOwnershipTransfer(bytes32 integraHash, address, address to) external view {
        if (msg.sender != address(registry)) revert NotRegistry(msg.sender);
        if (!isAllowed[integraHash][to]) revert NewOwnerNotAllowed(integraHash, to);
    }
}
