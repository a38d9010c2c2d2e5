// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {Context} from "@openzeppelin/contracts/utils/Context.sol";
import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";
import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {IIntegraRecord} from "../interfaces/IIntegraRecord.sol";
import {IIntegraCapabilityResolver} from "../interfaces/IIntegraCapabilityResolver.sol";
import {IntegraTokenizerBase} from "./IntegraTokenizerBase.sol";
import {IIntegraTokenizer} from "../interfaces/IIntegraTokenizer.sol";

/// @title MultiPartyTokenizerV1
/// @notice ERC-1155 role tokens: one token id per party of a record (buyer, seller, agent...). Emits
/// DocumentComplete once the record's party set is sealed and every token of it is claimed.
/// @dev Per-record token ids 1..N map to ERC-1155 ids `uint256(keccak256(abi.encode(integraHash, tokenId)))`.
contract MultiPartyTokenizerV1 is ERC1155, IntegraTokenizerBase {
    constructor(
        IIntegraRecord registry_,
        IEAS eas_,
        bytes32 capabilitySchema_,
        IIntegraCapabilityResolver capabilityResolver_,
        address trustedForwarder_
    )
        ERC1155("")
        IntegraTokenizerBase(registry_, eas_, capabilitySchema_, capabilityResolver_, trustedForwarder_)
    {}

    /// @notice The ERC-1155 id of a record's role token.
    function erc1155IdOf(bytes32 integraHash, uint256 tokenId) public pure returns (uint256) {
        return uint256(keccak256(abi.encode(integraHash, tokenId)));
    }

    /// @inheritdoc IIntegraTokenizer
    function isHolder(bytes32 integraHash, uint256 tokenId, address account) external view returns (bool) {
        return _holds(integraHash, tokenId, account);
    }

    function _holds(bytes32 integraHash, uint256 tokenId, address account) internal view override returns (bool) {
        return account != address(0) && balanceOf(account, erc1155IdOf(integraHash, tokenId)) > 0;
    }

    function _maxTokens() internal pure override returns (uint256) {
        return type(uint64).max;
    }

    function _validateReservation(uint256 tokenId, uint256 amount) internal pure override {
        if (tokenId == 0) revert InvalidTokenId(tokenId);
        if (amount == 0 || amount > type(uint88).max) revert InvalidAmount(amount);
    }

    function _mintClaimed(bytes32 integraHash, uint256 tokenId, address claimant, uint256 amount) internal override {
        _mint(claimant, erc1155IdOf(integraHash, tokenId), amount, "");
    }

    // Transfers and approvals honour ERC-2771 too: a holder with no ether can move its token through the forwarder.
    function _msgSender() internal view override(Context, ERC2771Context) returns (address) {
        return ERC2771Context._msgSender();
    }

    function _msgData() internal view override(Context, ERC2771Context) returns (bytes calldata) {
        return ERC2771Context._msgData();
    }

    function _contextSuffixLength() internal view override(Context, ERC2771Context) returns (uint256) {
        return ERC2771Context._contextSuffixLength();
    }
}
