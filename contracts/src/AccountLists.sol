// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title AccountLists
/// @notice Per-account lists of ids (records, attestations) that let a dashboard read "mine" with one call,
/// whatever the chain's length and whatever block range a provider allows for logs. Lists only grow: a view
/// filters them by the current state, so nothing is ever removed (no index to keep, no swap on transfer).
library AccountLists {
    /// @notice The most entries one page reads: the views stay well inside an eth_call's gas cap.
    uint256 internal constant MAX_PAGE = 50;

    /// @dev Appends `id` unless it is already the last entry: repeated actions on one id in a row cost one entry.
    function append(bytes32[] storage list, bytes32 id) internal {
        uint256 length = list.length;
        if (length == 0 || list[length - 1] != id) list.push(id);
    }

    /// @dev Entries `offset` to `offset + limit - 1` of `list`, clamped to its end and `limit` to MAX_PAGE, with an
    /// id already in the page replaced by zero (callers skip zero), so one page never returns an id twice.
    function page(bytes32[] storage list, uint256 offset, uint256 limit) internal view returns (bytes32[] memory ids) {
        uint256 length = list.length;
        if (offset >= length) return ids;
        if (limit > MAX_PAGE) limit = MAX_PAGE;
        uint256 end = length - offset < limit ? length : offset + limit;
        ids = new bytes32[](end - offset);
        for (uint256 i; i < ids.length; ++i) {
            bytes32 id = list[offset + i];
            for (uint256 j; j < i; ++j) {
                if (ids[j] == id) {
                    id = bytes32(0);
                    break;
                }
            }
            ids[i] = id;
        }
    }
}
