// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IArbitrator} from "./IArbitrator.sol";

/// @title IArbitrable
/// @notice ERC-792: a contract whose disputes an `IArbitrator` rules on.
interface IArbitrable {
    /// @notice The arbitrator gave its final ruling on a dispute.
    event Ruling(IArbitrator indexed _arbitrator, uint256 indexed _disputeID, uint256 _ruling);

    /// @notice Gives the final ruling of dispute `_disputeID`; only its arbitrator may call it. Ruling 0 means the
    /// arbitrator refused to rule.
    function rule(uint256 _disputeID, uint256 _ruling) external;
}
