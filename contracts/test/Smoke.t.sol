// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;
import {IntegraFixture} from "./utils/IntegraFixture.sol";
contract SmokeTest is IntegraFixture {
    function test_threeParties() public {
        bytes32 h = _threePartyRecord();
        _claim(multiParty, alice, h, 1);
        _claim(multiParty, bob, h, 2);
        _claim(multiParty, carol, h, 3);
        (,, bool complete) = multiParty.progressOf(h);
        assertTrue(complete, "complete");
    }
    function test_fails() public pure { assertEq(uint256(1), 2, "should fail"); }
}
