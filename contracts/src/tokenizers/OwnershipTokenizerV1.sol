// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Context} from "@openzeppelin/contracts/utils/Context.sol";
import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";
import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {IIntegraRecord} from "../interfaces/IIntegraRecord.sol";
import {IIntegraCapabilityResolver} from "../interfaces/IIntegraCapabilityResolver.sol";
import {IntegraTokenizerBase} from "./IntegraTokenizerBase.sol";
import {IIntegraTokenizer} from "../interfaces/IIntegraTokenizer.sol";
import {IIntegraPartyTokens} from "../interfaces/IIntegraPartyTokens.sol";

/// @title OwnershipTokenizerV1
/// @notice One ERC-721 ownership token per record (a deed, a title). Its per-record token id is always 1;
/// its ERC-721 id is `uint256(integraHash)`. Reserving it seals the party set (of one).
/// `tokenURI` is on-chain JSON metadata with an SVG image (TokenMetadata); ERC-4906 `MetadataUpdate` marks its claim.
contract OwnershipTokenizerV1 is ERC721, IntegraTokenizerBase {
    /// @notice The only per-record token id of this tokenizer.
    uint256 public constant OWNERSHIP_TOKEN_ID = 1;

    constructor(
        IIntegraRecord registry_,
        IEAS eas_,
        bytes32 capabilitySchema_,
        IIntegraCapabilityResolver capabilityResolver_,
        address trustedForwarder_
    )
        ERC721("Integra Ownership", "IOWN")
        IntegraTokenizerBase(registry_, eas_, capabilitySchema_, capabilityResolver_, trustedForwarder_)
    {}

    /// @notice The ERC-721 id of a record's ownership token.
    function erc721IdOf(bytes32 integraHash) public pure returns (uint256) {
        return uint256(integraHash);
    }

    /// @notice The token's metadata: a `data:application/json;base64,` URI (TokenMetadata) naming its role, record,
    /// workflow and status, with an SVG image. Reverts with `ERC721NonexistentToken` for a token not minted (a
    /// record's ownership token exists from its claim on).
    function tokenURI(uint256 id) public view override returns (string memory) {
        _requireOwned(id);
        return _tokenURI(bytes32(id), OWNERSHIP_TOKEN_ID, true);
    }

    /// @notice ERC-165: ERC-721 with its metadata, and ERC-4906 (metadata update events).
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == ERC4906_INTERFACE_ID || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IIntegraTokenizer
    function isHolder(bytes32 integraHash, uint256 tokenId, address account) external view returns (bool) {
        return _holds(integraHash, tokenId, account);
    }

    /// @inheritdoc IIntegraPartyTokens
    function holderOf(bytes32 integraHash, uint256 tokenId) external view returns (address) {
        return tokenId == OWNERSHIP_TOKEN_ID ? _ownerOf(erc721IdOf(integraHash)) : address(0);
    }

    function _holds(bytes32 integraHash, uint256 tokenId, address account) internal view override returns (bool) {
        if (tokenId != OWNERSHIP_TOKEN_ID) return false;
        address holder = _ownerOf(erc721IdOf(integraHash));
        return holder != address(0) && holder == account;
    }

    /// @dev One ownership token per record: reserving it fixes the party set.
    function _maxTokens() internal pure override returns (uint256) {
        return 1;
    }

    function _validateReservation(uint256 tokenId, uint256 amount) internal pure override {
        if (tokenId != OWNERSHIP_TOKEN_ID) revert InvalidTokenId(tokenId);
        if (amount != 1) revert InvalidAmount(amount);
    }

    function _mintClaimed(bytes32 integraHash, uint256, address claimant, uint256) internal override {
        _safeMint(claimant, erc721IdOf(integraHash));
    }

    function _metadataIdOf(bytes32 integraHash, uint256) internal pure override returns (uint256) {
        return erc721IdOf(integraHash);
    }

    /// @dev A record's only token is the one whose claim completes it: no need to look for others.
    function _announceCompletion(bytes32 integraHash, uint256) internal override {
        emit MetadataUpdate(erc721IdOf(integraHash));
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
