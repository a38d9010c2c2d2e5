// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TestBase} from "../utils/TestBase.sol";
import {SingleSignerArbitratorV1} from "../../src/arbitration/SingleSignerArbitratorV1.sol";
import {IArbitrable} from "../../src/interfaces/IArbitrable.sol";
import {IArbitrator} from "../../src/interfaces/IArbitrator.sol";

/// @notice A disputed contract that records the rulings it is given.
contract RecordingArbitrable is IArbitrable {
    uint256 public lastDispute;
    uint256 public lastRuling;
    uint256 public rulings;

    function open(IArbitrator arbitrator, uint256 choices) external returns (uint256) {
        return arbitrator.createDispute(choices, "");
    }

    function rule(uint256 disputeId, uint256 ruling) external {
        lastDispute = disputeId;
        lastRuling = ruling;
        rulings += 1;
    }
}

contract SingleSignerArbitratorV1Test is TestBase {
    SingleSignerArbitratorV1 internal arbitrator;
    RecordingArbitrable internal arbitrable;
    address internal judge = vm.addr(0x1D6E);
    address internal stranger = vm.addr(0x5757);

    function setUp() public {
        arbitrator = new SingleSignerArbitratorV1(judge);
        arbitrable = new RecordingArbitrable();
    }

    function test_CreateDispute_NumbersDisputesFromZeroAndRemembersTheirContract() public {
        assertEq(arbitrable.open(arbitrator, 3), 0, "first dispute");
        assertEq(arbitrable.open(arbitrator, 2), 1, "second dispute");
        SingleSignerArbitratorV1.Dispute memory dispute = arbitrator.disputeOf(1);
        assertEq(address(dispute.arbitrable), address(arbitrable), "arbitrable");
        assertEq(dispute.choices, 2, "choices");
        assertEq(uint256(arbitrator.disputeStatus(1)), uint256(IArbitrator.DisputeStatus.Waiting), "waiting");
    }

    function test_CreateDispute_IsFree() public {
        assertEq(arbitrator.arbitrationCost(""), 0, "cost");
        vm.deal(address(this), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(SingleSignerArbitratorV1.NoFee.selector, 1));
        arbitrator.createDispute{value: 1}(3, "");
    }

    function test_CreateDispute_RefusesMoreChoicesThanItCanStore() public {
        vm.expectRevert(abi.encodeWithSelector(SingleSignerArbitratorV1.TooManyChoices.selector, 256));
        arbitrator.createDispute(256, "");
    }

    function test_GiveRuling_PassesTheJudgesRulingToTheDisputedContract() public {
        uint256 disputeId = arbitrable.open(arbitrator, 3);
        vm.prank(judge);
        arbitrator.giveRuling(disputeId, 3);
        assertEq(arbitrable.lastDispute(), disputeId, "dispute");
        assertEq(arbitrable.lastRuling(), 3, "ruling");
        assertEq(arbitrator.currentRuling(disputeId), 3, "current ruling");
        assertEq(uint256(arbitrator.disputeStatus(disputeId)), uint256(IArbitrator.DisputeStatus.Solved), "solved");
    }

    function test_GiveRuling_OnlyTheJudge() public {
        uint256 disputeId = arbitrable.open(arbitrator, 3);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(SingleSignerArbitratorV1.NotJudge.selector, stranger));
        arbitrator.giveRuling(disputeId, 1);
    }

    function test_GiveRuling_OnceOnly() public {
        uint256 disputeId = arbitrable.open(arbitrator, 3);
        vm.startPrank(judge);
        arbitrator.giveRuling(disputeId, 1);
        vm.expectRevert(abi.encodeWithSelector(SingleSignerArbitratorV1.AlreadySolved.selector, disputeId));
        arbitrator.giveRuling(disputeId, 2);
        vm.stopPrank();
        assertEq(arbitrable.rulings(), 1, "one ruling delivered");
    }

    function test_GiveRuling_WithinTheDisputesChoices() public {
        uint256 disputeId = arbitrable.open(arbitrator, 2);
        vm.prank(judge);
        vm.expectRevert(abi.encodeWithSelector(SingleSignerArbitratorV1.InvalidRuling.selector, 3, 2));
        arbitrator.giveRuling(disputeId, 3);
    }

    function test_GiveRuling_ZeroRefusesToRule() public {
        uint256 disputeId = arbitrable.open(arbitrator, 3);
        vm.prank(judge);
        arbitrator.giveRuling(disputeId, 0);
        assertEq(arbitrable.rulings(), 1, "delivered");
        assertEq(arbitrable.lastRuling(), 0, "refused");
    }

    function test_UnknownDispute_IsRefusedEverywhere() public {
        vm.expectRevert(abi.encodeWithSelector(SingleSignerArbitratorV1.UnknownDispute.selector, 0));
        arbitrator.disputeStatus(0);
        vm.prank(judge);
        vm.expectRevert(abi.encodeWithSelector(SingleSignerArbitratorV1.UnknownDispute.selector, 7));
        arbitrator.giveRuling(7, 1);
    }

    function test_Appeal_HasNone() public {
        uint256 disputeId = arbitrable.open(arbitrator, 3);
        vm.expectRevert(SingleSignerArbitratorV1.NoAppeals.selector);
        arbitrator.appeal(disputeId, "");
        assertEq(arbitrator.appealCost(disputeId, ""), type(uint256).max, "appeal cost");
        (uint256 start, uint256 end) = arbitrator.appealPeriod(disputeId);
        assertEq(start + end, 0, "no appeal period");
    }
}
