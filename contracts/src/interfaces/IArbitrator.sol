// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IArbitrable} from "./IArbitrable.sol";

/// @title IArbitrator
/// @notice ERC-792: an arbitrator (a Kleros-style court, a notary) that rules on the disputes of `IArbitrable`
/// contracts by calling their `rule`.
interface IArbitrator {
    enum DisputeStatus {
        Waiting,
        Appealable,
        Solved
    }

    event DisputeCreation(uint256 indexed _disputeID, IArbitrable indexed _arbitrable);
    event AppealPossible(uint256 indexed _disputeID, IArbitrable indexed _arbitrable);
    event AppealDecision(uint256 indexed _disputeID, IArbitrable indexed _arbitrable);

    /// @notice Opens a dispute with `_choices` possible rulings (besides 0, refusal); pays `arbitrationCost`.
    function createDispute(uint256 _choices, bytes calldata _extraData) external payable returns (uint256 disputeID);

    function arbitrationCost(bytes calldata _extraData) external view returns (uint256 cost);

    function appeal(uint256 _disputeID, bytes calldata _extraData) external payable;

    function appealCost(uint256 _disputeID, bytes calldata _extraData) external view returns (uint256 cost);

    function appealPeriod(uint256 _disputeID) external view returns (uint256 start, uint256 end);

    function disputeStatus(uint256 _disputeID) external view returns (DisputeStatus status);

    function currentRuling(uint256 _disputeID) external view returns (uint256 ruling);
}
