// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IArbitrable} from "../interfaces/IArbitrable.sol";
import {IArbitrator} from "../interfaces/IArbitrator.sol";

/// @title SingleSignerArbitratorV1
/// @notice The simplest ERC-792 arbitrator: one account (a notary, or the demo's arbitrator) rules every dispute,
/// free of charge and without appeal. A court such as Kleros speaks the same interface.
contract SingleSignerArbitratorV1 is IArbitrator {
    struct Dispute {
        IArbitrable arbitrable;
        uint8 choices;
        bool solved;
        uint256 ruling;
    }

    /// @notice The one account that rules.
    address public immutable judge;
    Dispute[] private _disputes;

    error NotJudge(address caller);
    error UnknownDispute(uint256 disputeId);
    error AlreadySolved(uint256 disputeId);
    error InvalidRuling(uint256 ruling, uint256 choices);
    error TooManyChoices(uint256 choices);
    error NoFee(uint256 sent);
    error NoAppeals();

    constructor(address judge_) {
        judge = judge_;
    }

    /// @inheritdoc IArbitrator
    function createDispute(uint256 choices, bytes calldata) external payable returns (uint256 disputeId) {
        if (msg.value != 0) revert NoFee(msg.value);
        if (choices > type(uint8).max) revert TooManyChoices(choices);
        disputeId = _disputes.length;
        // forge-lint: disable-next-line(unsafe-typecast)
        _disputes.push(Dispute({arbitrable: IArbitrable(msg.sender), choices: uint8(choices), solved: false, ruling: 0}));
        emit DisputeCreation(disputeId, IArbitrable(msg.sender));
    }

    /// @notice The judge's final ruling (0 refuses to rule), passed on to the disputed contract.
    function giveRuling(uint256 disputeId, uint256 ruling) external {
        if (msg.sender != judge) revert NotJudge(msg.sender);
        Dispute storage dispute = _dispute(disputeId);
        if (dispute.solved) revert AlreadySolved(disputeId);
        if (ruling > dispute.choices) revert InvalidRuling(ruling, dispute.choices);
        dispute.solved = true;
        dispute.ruling = ruling;
        dispute.arbitrable.rule(disputeId, ruling);
    }

    /// @notice The contract that raised a dispute, its number of choices, and its ruling once solved.
    function disputeOf(uint256 disputeId) external view returns (Dispute memory) {
        return _dispute(disputeId);
    }

    /// @inheritdoc IArbitrator
    function arbitrationCost(bytes calldata) external pure returns (uint256) {
        return 0;
    }

    /// @inheritdoc IArbitrator
    function appeal(uint256, bytes calldata) external payable {
        revert NoAppeals();
    }

    /// @inheritdoc IArbitrator
    function appealCost(uint256, bytes calldata) external pure returns (uint256) {
        return type(uint256).max;
    }

    /// @inheritdoc IArbitrator
    function appealPeriod(uint256) external pure returns (uint256 start, uint256 end) {
        return (0, 0);
    }

    /// @inheritdoc IArbitrator
    function disputeStatus(uint256 disputeId) external view returns (DisputeStatus) {
        return _dispute(disputeId).solved ? DisputeStatus.Solved : DisputeStatus.Waiting;
    }

    /// @inheritdoc IArbitrator
    function currentRuling(uint256 disputeId) external view returns (uint256) {
        return _dispute(disputeId).ruling;
    }

    function _dispute(uint256 disputeId) private view returns (Dispute storage) {
        if (disputeId >= _disputes.length) revert UnknownDispute(disputeId);
        return _disputes[disputeId];
    }
}
