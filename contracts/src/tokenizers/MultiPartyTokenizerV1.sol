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
import {IIntegraPartyTokens} from "../interfaces/IIntegraPartyTokens.sol";

/// @title MultiPartyTokenizerV1
/// @notice ERC-1155 role tokens: one token id per party of a record (buyer, seller, agent...). Emits
/// DocumentComplete once the record's party set is sealed and every token of it is claimed.
/// `uri(id)` is on-chain JSON metadata with an SVG image (TokenMetadata); ERC-4906 `MetadataUpdate` marks each claim
/// and, at completion, every claimed token of the record.
/// @dev Per-record token ids 1..N map to ERC-1155 ids `uint256(keccak256(abi.encode(integraHash, tokenId)))`, which
/// cannot be inverted: the claim that mints an id records its record (`tokenOfErc1155Id`).
contract MultiPartyTokenizerV1 is ERC1155, IntegraTokenizerBase {
    /// @notice The collection's name and symbol, as wallets and marketplaces read them (ERC-1155 defines none).
    string public constant name = "Integra Agreement";
    string public constant symbol = "IAGR";

    /// @dev The record of each ERC-1155 id ever minted, written by its claim.
    mapping(uint256 erc1155Id => bytes32 integraHash) private _recordOfErc1155Id;

    /// @dev The holder of each ERC-1155 id that moved after its claim: the one account holding all of it, or
    /// SPLIT_HOLDERS while no single account does. Unset until the first transfer, while the claimant holds it all.
    mapping(uint256 erc1155Id => address) private _holderAfterMove;
    address private constant SPLIT_HOLDERS = address(1);

    /// @notice No token of this ERC-1155 id was ever claimed here, so it has no record and no metadata.
    error UnknownErc1155Id(uint256 id);

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

    /// @notice The record and per-record token id of a minted ERC-1155 id (the inverse of `erc1155IdOf`). Reverts
    /// with `UnknownErc1155Id` for an id never claimed.
    function tokenOfErc1155Id(uint256 id) public view returns (bytes32 integraHash, uint256 tokenId) {
        integraHash = _recordOfErc1155Id[id];
        bool found;
        if (integraHash != bytes32(0)) (found, tokenId) = _tokenIdWithMetadataId(integraHash, id);
        if (!found) revert UnknownErc1155Id(id);
    }

    /// @notice The token's metadata: a `data:application/json;base64,` URI (TokenMetadata) naming its role, record,
    /// workflow and status, with an SVG image. A token has metadata from its claim on; for an id never claimed
    /// (unreserved, only reserved, or no Integra id at all) there is nothing true to say, so it reverts with
    /// `UnknownErc1155Id`, as ERC-721's `tokenURI` does for a nonexistent token.
    function uri(uint256 id) public view override returns (string memory) {
        (bytes32 integraHash, uint256 tokenId) = tokenOfErc1155Id(id);
        return _tokenURI(integraHash, tokenId, false);
    }

    /// @notice ERC-165: ERC-1155 with its metadata URI, and ERC-4906 (metadata update events).
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == ERC4906_INTERFACE_ID || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IIntegraTokenizer
    function isHolder(bytes32 integraHash, uint256 tokenId, address account) external view returns (bool) {
        return _holds(integraHash, tokenId, account);
    }

    /// @inheritdoc IIntegraPartyTokens
    function holderOf(bytes32 integraHash, uint256 tokenId) external view returns (address holder) {
        holder = _holderAfterMove[erc1155IdOf(integraHash, tokenId)];
        if (holder == address(0)) return _claimantOf(integraHash, tokenId);
        if (holder == SPLIT_HOLDERS) return address(0);
    }

    /// @dev After a transfer, the receiver is the token's holder if it now has all of it; otherwise the token is
    /// split. A claim mints the whole token to its claimant, who needs no entry.
    function _update(address from, address to, uint256[] memory ids, uint256[] memory values) internal override {
        super._update(from, to, ids, values);
        if (from == address(0)) return;
        for (uint256 i; i < ids.length; ++i) {
            if (values[i] == 0) continue;
            uint256 id = ids[i];
            (bytes32 integraHash, uint256 tokenId) = tokenOfErc1155Id(id);
            bool whole = to != address(0) && balanceOf(to, id) == _amountOf(integraHash, tokenId);
            _holderAfterMove[id] = whole ? to : SPLIT_HOLDERS;
        }
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
        uint256 id = erc1155IdOf(integraHash, tokenId);
        _recordOfErc1155Id[id] = integraHash;
        _mint(claimant, id, amount, "");
    }

    function _metadataIdOf(bytes32 integraHash, uint256 tokenId) internal pure override returns (uint256) {
        return erc1155IdOf(integraHash, tokenId);
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
