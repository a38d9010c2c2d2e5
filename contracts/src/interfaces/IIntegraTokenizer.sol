// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIntegraTokenizer
/// @notice What the registry and the signal contract need from a tokenizer.
interface IIntegraTokenizer {
    /// @notice One party of a new record: who may claim, how much, and the role they play (a public label such
    /// as "Seller"; empty for none).
    struct Party {
        address recipient;
        uint256 amount;
        string role;
    }

    /// @notice True when `account` currently holds (a balance of) the record's token `tokenId`.
    function isHolder(bytes32 integraHash, uint256 tokenId, address account) external view returns (bool);

    /// @notice True when `account` claimed the record's token `tokenId` itself and still holds it: a party that
    /// consented to the agreement, not someone who was handed a token.
    function isParty(bytes32 integraHash, uint256 tokenId, address account) external view returns (bool);

    /// @notice How many times the record's token state changed on this tokenizer: every reservation, cancel, seal
    /// and claim moves it by one. Part of the registry's `recordVersionOf`, which a buyer's accept names.
    function changesOf(bytes32 integraHash) external view returns (uint256);

    /// @notice Reserves token ids 1..n of a just-registered record for `parties` (token i + 1 for parties[i])
    /// and seals the party set. Each role is at most 32 bytes without control bytes (`RoleTooLong`,
    /// `RoleNotPrintable`); one bad party undoes the whole registration. Only the registry calls it, for a record bound to this tokenizer, on behalf of `owner`.
    function reserveParties(bytes32 integraHash, Party[] calldata parties, address owner) external;
}
